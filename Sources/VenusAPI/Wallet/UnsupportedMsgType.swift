/// A WalletSign `MsgMeta.Type` this wallet does not know. Upstream's `MsgType` is a free
/// string, so an unknown one is a refusal of the signature (a method error, code 1), not a
/// malformed request: this is thrown from decoding as a plain error, which the JSON-RPC layer
/// reports as a method error, with the text the wallet's own refusal has.
public struct UnsupportedMsgType: Error, Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { "sign refused: unsupported msgtype: \(name)" }
}
