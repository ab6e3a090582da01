import DagCBOR
import FilecoinTypes

/// Upstream's `DrawRandomParams`: what a VRF (ticket, election) signature is over. Venus
/// encodes it with fxamacker/cbor's default struct encoding: a map keyed by field name in
/// declaration order (`Rbase, Pers, Round, Entropy`), which is not canonical DAG-CBOR, so it is
/// read here field by field rather than with the strict reader's map check; nil byte slices are
/// CBOR null.
public struct DrawRandomParams: Hashable, Sendable {
    public var rbase: [UInt8]
    public var personalization: Int64
    public var round: Int64
    public var entropy: [UInt8]

    public init(rbase: [UInt8], personalization: Int64, round: Int64, entropy: [UInt8]) {
        self.rbase = rbase
        self.personalization = personalization
        self.round = round
        self.entropy = entropy
    }

    /// - Throws: `WalletError.signRefused` for anything but a map of exactly those four fields.
    public init(cbor data: [UInt8]) throws {
        var reader = CBORReader(bytes: data)
        var rbase: [UInt8]? = nil, pers: Int64? = nil, round: Int64? = nil, entropy: [UInt8]? = nil
        do {
            let count = try reader.readMapHeader()
            guard count == 4 else { throw WalletError.signRefused("drawrandomparam: expected 4 fields, got \(count)") }
            for _ in 0..<4 {
                let key = try reader.readText()
                switch key {
                case "Rbase" where rbase == nil: rbase = try Self.readBytesOrNull(&reader)
                case "Pers" where pers == nil: pers = try reader.readInt()
                case "Round" where round == nil: round = try reader.readInt()
                case "Entropy" where entropy == nil: entropy = try Self.readBytesOrNull(&reader)
                default: throw WalletError.signRefused("drawrandomparam: unexpected or repeated field \(key)")
                }
            }
            try reader.finish()
        } catch let error as WalletError {
            throw error
        } catch {
            throw WalletError.signRefused("drawrandomparam: \(error)")
        }
        guard let rbase, let pers, let round, let entropy else {
            throw WalletError.signRefused("drawrandomparam: missing field")
        }
        self.init(rbase: rbase, personalization: pers, round: round, entropy: entropy)
    }

    private static func readBytesOrNull(_ reader: inout CBORReader) throws -> [UInt8] {
        if reader.peekIsNull() {
            try reader.readNull()
            return []
        }
        return try reader.readBytes()
    }

    /// What the VRF signs: Lotus's `DrawRandomness` over these fields.
    public var signingBytes: [UInt8] {
        Randomness.draw(base: rbase, tag: personalization, round: round, entropy: entropy)
    }
}
