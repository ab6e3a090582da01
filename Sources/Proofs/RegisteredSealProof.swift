import DagCBOR

/// An `abi.RegisteredSealProof`: the proof system a sector was sealed with, as its go-state-types number.
///
/// Any number decodes (the chain may carry ones this build does not know); the properties that
/// depend on the kind throw `ProofError.unsupportedSealProof` for unknown numbers.
public struct RegisteredSealProof: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static let stackedDrg2KiBV1 = RegisteredSealProof(rawValue: 0)
    public static let stackedDrg8MiBV1 = RegisteredSealProof(rawValue: 1)
    public static let stackedDrg512MiBV1 = RegisteredSealProof(rawValue: 2)
    public static let stackedDrg32GiBV1 = RegisteredSealProof(rawValue: 3)
    public static let stackedDrg64GiBV1 = RegisteredSealProof(rawValue: 4)
    public static let stackedDrg2KiBV1_1 = RegisteredSealProof(rawValue: 5)
    public static let stackedDrg8MiBV1_1 = RegisteredSealProof(rawValue: 6)
    public static let stackedDrg512MiBV1_1 = RegisteredSealProof(rawValue: 7)
    public static let stackedDrg32GiBV1_1 = RegisteredSealProof(rawValue: 8)
    public static let stackedDrg64GiBV1_1 = RegisteredSealProof(rawValue: 9)

    /// The V1 and V1_1 proofs, in number order.
    public static let known: [RegisteredSealProof] = (0...9).map { RegisteredSealProof(rawValue: $0) }

    /// The size index 0...4 (2 KiB, 8 MiB, 512 MiB, 32 GiB, 64 GiB) shared by V1 and V1_1.
    private func sizeIndex() throws(ProofError) -> Int {
        guard (0...9).contains(rawValue) else { throw .unsupportedSealProof(rawValue) }
        return Int(rawValue % 5)
    }

    /// The sector size in bytes.
    public func sectorSize() throws(ProofError) -> UInt64 {
        [2 << 10, 8 << 20, 512 << 20, 32 << 30, 64 << 30][try sizeIndex()]
    }

    /// The sectors one window PoSt partition proves (specs-actors v2 `WindowPoStPartitionSectors`).
    public func windowPoStPartitionSectors() throws(ProofError) -> UInt64 {
        [2, 2, 2, 2349, 2300][try sizeIndex()]
    }

    /// The winning PoSt proof for sectors sealed with this proof.
    public func winningPoStProof() throws(ProofError) -> RegisteredPoStProof {
        RegisteredPoStProof(rawValue: Int64(try sizeIndex()))
    }

    /// The (V1) window PoSt proof for sectors sealed with this proof.
    public func windowPoStProof() throws(ProofError) -> RegisteredPoStProof {
        RegisteredPoStProof(rawValue: 5 + Int64(try sizeIndex()))
    }

    public var description: String {
        guard let index = try? sizeIndex() else { return "RegisteredSealProof(\(rawValue))" }
        let size = ["2KiB", "8MiB", "512MiB", "32GiB", "64GiB"][index]
        return "StackedDrg\(size)V1\(rawValue >= 5 ? "_1" : "")"
    }
}

/// On chain a seal proof is its number, a CBOR integer.
extension RegisteredSealProof: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) { writer.writeInt(rawValue) }

    public init(from reader: inout CBORReader) throws { rawValue = try reader.readInt() }
}
