import JSONRPC

/// The running messager's API, its failures turned into `MessagerCLIError`s that say whether the
/// messager refused the call or could not be reached.
struct MessagerClient: Sendable {
    let rpc: RPCHTTPClient
    let url: String

    func call<P, R>(_ method: RPCMethod<P, R>, _ params: P) async throws -> R {
        do {
            return try await rpc.call(method, params)
        } catch let error as RPCError {
            throw MessagerCLIError.refused(method: method.name, message: error.description)
        } catch let error as RPCClientError {
            throw MessagerCLIError.transport(url: url, reason: error.description)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw MessagerCLIError.unreachable(url: url, reason: "\(error)")
        }
    }

    func call<R>(_ method: RPCMethod<NoParams, R>) async throws -> R {
        try await call(method, NoParams())
    }
}
