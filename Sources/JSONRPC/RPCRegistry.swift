import Foundation

/// The methods of one API (e.g. full node v1), each with its handler. Build it once at start-up,
/// then hand it to an `RPCServer`; it is a value, so later changes do not reach a running server.
///
/// Registering a name twice replaces the earlier handler.
public struct RPCRegistry: Sendable {
    private(set) var methods: [String: RegisteredMethod] = [:]

    public init() {}

    /// Every registered method name, sorted.
    public var methodNames: [String] { methods.keys.sorted() }

    /// The permission a method needs, nil when it is not registered.
    public func permission(of name: String) -> Permission? { methods[name]?.permission }

    /// Registers a plain method.
    public mutating func register<P, R>(
        _ method: RPCMethod<P, R>,
        _ handler: @escaping @Sendable (RPCCallContext, P) async throws -> R
    ) {
        methods[method.name] = RegisteredMethod(
            name: method.name, permission: method.permission, isPublic: method.isPublic,
            paramCount: P.count,
            kind: .unary { data, context in
                let params: P = try RegisteredMethod.decodeParams(data, method: method.name)
                return try await handler(context, params)
            })
    }

    /// Registers a plain method whose handler writes its result's JSON itself (or keeps it from an
    /// earlier call): the response carries those bytes where `R`'s encoding would be.
    public mutating func registerEncoded<P, R>(
        _ method: RPCMethod<P, R>,
        _ handler: @escaping @Sendable (RPCCallContext, P) async throws -> RPCEncodedResult<R>
    ) {
        methods[method.name] = RegisteredMethod(
            name: method.name, permission: method.permission, isPublic: method.isPublic,
            paramCount: P.count,
            kind: .unary { data, context in
                let params: P = try RegisteredMethod.decodeParams(data, method: method.name)
                return try await handler(context, params)
            })
    }

    /// Registers a streaming method: the handler returns the values to send on the channel;
    /// the channel closes when the sequence ends, throws, or the client cancels the request.
    public mutating func register<P, E, S: AsyncSequence & Sendable>(
        _ method: RPCStreamMethod<P, E>,
        _ handler: @escaping @Sendable (RPCCallContext, P) async throws -> S
    ) where S.Element == E {
        methods[method.name] = RegisteredMethod(
            name: method.name, permission: method.permission, isPublic: method.isPublic,
            paramCount: P.count,
            kind: .stream { data, context in
                let params: P = try RegisteredMethod.decodeParams(data, method: method.name)
                let sequence = try await handler(context, params)
                return ValueStream { emit in
                    for try await element in sequence {
                        await emit(element)
                    }
                }
            })
    }
}

/// A registry entry with its types erased.
struct RegisteredMethod: Sendable {
    enum Kind: Sendable {
        case unary(@Sendable (Data, RPCCallContext) async throws -> any Encodable & Sendable)
        case stream(@Sendable (Data, RPCCallContext) async throws -> ValueStream)
    }

    let name: String
    let permission: Permission
    let isPublic: Bool
    let paramCount: Int
    let kind: Kind

    /// Thrown when the parameter array does not decode into the method's types (-32700 upstream).
    struct ParamsDecodingFailure: Error {
        let message: String
    }

    static func decodeParams<P: RPCParameters>(_ data: Data, method: String) throws -> P {
        // The count was checked against `P.count` before, and `NoParams` reads nothing.
        if let none = NoParams() as? P { return none }
        do {
            return try JSONDecoder().decode(P.self, from: data)
        } catch let error as DecodingError {
            throw ParamsDecodingFailure(
                message: "unmarshaling params for '\(method)' \(DecodingErrorDescription.describe(error))")
        }
    }
}

/// A stream of already-typed values, driven by the session that forwards them.
struct ValueStream: Sendable {
    let forEach: @Sendable (@Sendable (any Encodable & Sendable) async -> Void) async throws -> Void
}

/// Human-readable text for a `DecodingError`, naming the parameter position.
enum DecodingErrorDescription {
    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            guard let first = p.first else { return "" }
            let index = first.intValue.map { "(param: \($0))" } ?? "(param: \(first.stringValue))"
            let rest = p.dropFirst().map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return rest.isEmpty ? index : "\(index) at \(rest)"
        }
        switch error {
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(type): \(ctx.debugDescription)"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): missing \(type): \(ctx.debugDescription)"
        case .keyNotFound(let key, let ctx):
            return "\(path(ctx.codingPath)): missing field '\(key.stringValue)'"
        case .dataCorrupted(let ctx):
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
