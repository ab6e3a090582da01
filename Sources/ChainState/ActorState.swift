import DagCBOR

/// One actor of the state tree: `[code, head, nonce, balance]`, plus the delegated (f4)
/// address in state tree version 5.
public struct ActorState: Hashable, Sendable {
    /// The actor's code CID (a raw `fil/<version>/<name>` identity CID in early versions).
    public var code: CID
    /// The root of the actor's own state.
    public var head: CID
    public var nonce: UInt64
    public var balance: AttoFIL
    /// Address bytes of the delegated address (version 5 only; nil when absent).
    public var delegatedAddress: [UInt8]?

    /// The actor's name for builtin code CIDs of the `fil/<version>/<name>` identity form, else nil.
    public var builtinName: String? {
        guard code.multihash.code == Multihash.identity else { return nil }
        let text = String(decoding: code.multihash.digest, as: UTF8.self)
        return text.split(separator: "/").last.map(String.init)
    }

    /// Parses an actor strictly for the tree `version` (five fields in version 5, else four).
    public init(cborBytes bytes: [UInt8], version: UInt64, address: [UInt8]) throws(StateTreeError) {
        do {
            var reader = CBORReader(bytes: bytes)
            try reader.readArrayHeader(expected: version >= 5 ? 5 : 4)
            code = try reader.readCID()
            head = try reader.readCID()
            nonce = try reader.readUnsigned()
            balance = try AttoFIL(filecoinBytes: reader.readBytes())
            delegatedAddress = version >= 5 ? try reader.readNullable { try $0.readBytes() } : nil
            try reader.finish()
        } catch let error as StateTreeError {
            throw error
        } catch {
            throw .malformedActor(address: address, "\(error)")
        }
        guard !balance.isNegative else { throw .malformedActor(address: address, "negative balance") }
    }
}
