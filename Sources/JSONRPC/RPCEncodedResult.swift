import Foundation

/// A method's result already written as JSON: the document `JSONEncoder` (with
/// `.withoutEscapingSlashes`) writes for a `Value`, or one equal to it as JSON. A handler returns
/// it (`RPCRegistry.registerEncoded(_:_:)`) when it can answer from bytes it keeps (a head that
/// has not changed) or write faster than `JSONEncoder`; the server puts the bytes into the response
/// envelope as they are, so the client sees what the plain handler's `Value` would have given.
public struct RPCEncodedResult<Value: Encodable & Sendable>: Sendable, Encodable, RPCPreEncodedJSON {
    /// The JSON text of the value.
    public let json: String

    /// Wraps JSON text the caller wrote for a `Value`. It must be one JSON value.
    public init(json: String) {
        self.json = json
    }

    /// The value written by `JSONEncoder`, as the server writes results it encodes itself.
    public init(encoding value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        json = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// For encoders other than the server's envelope writer: the same JSON, through `JSONValue`
    /// (the results this carries hold integers and strings, which `JSONValue` keeps exactly).
    public func encode(to encoder: any Encoder) throws {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)).encode(to: encoder)
    }
}

/// What `RPCResponse.fastJSON` recognises as JSON written ahead of the envelope, whatever its `Value`.
protocol RPCPreEncodedJSON {
    var json: String { get }
}
