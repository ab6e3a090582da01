import BigInt
import DagCBOR
import Proofs

/// A miner's claimed power. v0 `[RawBytePower, QualityAdjPower]`; v2 prepends the seal proof
/// type that sets the miner's minimum power.
///
/// Invariant: `sealProofType` is non-nil exactly for the v2 form.
public struct PowerClaim: CBORCodable, Hashable, Sendable {
    public var sealProofType: RegisteredSealProof?
    public var rawBytePower: BigInt
    public var qualityAdjPower: BigInt

    public init(sealProofType: RegisteredSealProof?, rawBytePower: BigInt, qualityAdjPower: BigInt) {
        self.sealProofType = sealProofType
        self.rawBytePower = rawBytePower
        self.qualityAdjPower = qualityAdjPower
    }

    public init(from reader: inout CBORReader) throws {
        let start = reader.offset
        let count = try reader.readArrayHeader()
        switch count {
        case 3: sealProofType = try RegisteredSealProof(from: &reader)
        case 2: sealProofType = nil
        default: throw CBORError(.unexpectedCount(expected: 3, found: count), offset: start)
        }
        rawBytePower = try reader.readBigInt()
        qualityAdjPower = try reader.readBigInt()
    }

    public func encode(to writer: inout CBORWriter) {
        if let sealProofType {
            writer.writeArrayHeader(3)
            sealProofType.encode(to: &writer)
        } else {
            writer.writeArrayHeader(2)
        }
        writer.writeBigInt(rawBytePower)
        writer.writeBigInt(qualityAdjPower)
    }
}
