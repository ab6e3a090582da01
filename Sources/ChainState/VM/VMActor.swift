import DagCBOR
import FilecoinTypes

/// An actor as the VM edits it: `[code, head, nonce, balance]` (state tree versions 0...4).
public struct VMActor: Hashable, Sendable {
    public var code: CID
    public var head: CID
    public var nonce: UInt64
    public var balance: TokenAmount

    public init(code: CID, head: CID, nonce: UInt64 = 0, balance: TokenAmount = .zero) {
        self.code = code
        self.head = head
        self.nonce = nonce
        self.balance = balance
    }

    public var cborBytes: [UInt8] {
        var writer = CBORWriter(reservingCapacity: 96)
        writer.writeArrayHeader(4)
        writer.writeCID(code)
        writer.writeCID(head)
        writer.writeUnsigned(nonce)
        balance.encode(to: &writer)
        return writer.bytes
    }

    public init(cborBytes bytes: [UInt8]) throws {
        var reader = CBORReader(bytes: bytes)
        try reader.readArrayHeader(expected: 4)
        code = try reader.readCID()
        head = try reader.readCID()
        nonce = try reader.readUnsigned()
        balance = try TokenAmount(from: &reader)
        try reader.finish()
    }
}
