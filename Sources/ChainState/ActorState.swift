import DagCBOR
import FilecoinTypes

/// One actor of the state tree, as the VM edits it and queries read it: `[code, head, nonce,
/// balance]`, plus the delegated (f4) address in state tree version 5.
///
/// The encoding depends on the tree's version, so it is read and written through
/// ``init(from:version:)`` and ``encode(to:version:)``; the balance is Filecoin's big integer,
/// accepted as Lotus accepts it.
public struct ActorState: Hashable, Sendable {
    /// The actor's code CID (a raw `fil/<version>/<name>` identity CID before bundles).
    public var code: CID
    /// The root of the actor's own state.
    public var head: CID
    public var nonce: UInt64
    public var balance: TokenAmount
    /// The delegated address (version 5 only; nil when absent, and never written before version 5).
    public var delegatedAddress: Address?

    public init(code: CID, head: CID, nonce: UInt64 = 0, balance: TokenAmount = .zero, delegatedAddress: Address? = nil) {
        self.code = code
        self.head = head
        self.nonce = nonce
        self.balance = balance
        self.delegatedAddress = delegatedAddress
    }

    /// The actor's name for builtin code CIDs of the `fil/<version>/<name>` identity form, else nil.
    public var builtinName: String? {
        guard code.multihash.code == Multihash.identity else { return nil }
        let text = String(decoding: code.multihash.digest, as: UTF8.self)
        return text.split(separator: "/").last.map(String.init)
    }

    /// Reads one actor of a tree of `version`: five fields in version 5, else four.
    public init(from reader: inout CBORReader, version: UInt64) throws {
        try reader.readArrayHeader(expected: version >= 5 ? 5 : 4)
        code = try reader.readCID()
        head = try reader.readCID()
        nonce = try reader.readUnsigned()
        balance = try TokenAmount(from: &reader)
        delegatedAddress = version >= 5 ? try reader.readNullable { try Address(from: &$0) } : nil
    }

    /// Parses one actor that spans all of `bytes`.
    public init(cborBytes bytes: [UInt8], version: UInt64) throws {
        var reader = CBORReader(bytes: bytes)
        try self.init(from: &reader, version: version)
        try reader.finish()
    }

    /// Writes the actor as a tree of `version` stores it.
    public func encode(to writer: inout CBORWriter, version: UInt64) {
        writer.writeArrayHeader(version >= 5 ? 5 : 4)
        writer.writeCID(code)
        writer.writeCID(head)
        writer.writeUnsigned(nonce)
        balance.encode(to: &writer)
        if version >= 5 { writer.writeOptional(delegatedAddress) }
    }

    public func cborBytes(version: UInt64) -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: 96)
        encode(to: &writer, version: version)
        return writer.bytes
    }
}
