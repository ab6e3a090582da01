/// A typed JSON-RPC client: both transports implement it.
public protocol RPCClient: Sendable {
    /// Calls `method` with its positional parameters and decodes its result; an error object from
    /// the server is thrown as `RPCError`.
    func call<P, R>(_ method: RPCMethod<P, R>, _ params: P) async throws -> R
}

extension RPCClient {
    /// Calls a method without parameters.
    public func call<R>(_ method: RPCMethod<NoParams, R>) async throws -> R {
        try await call(method, NoParams())
    }
}
