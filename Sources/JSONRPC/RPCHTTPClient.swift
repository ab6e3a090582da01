import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// A typed client over HTTP POST (no channels). Each call is one request on a pooled
/// keep-alive connection of `httpClient`.
public final class RPCHTTPClient: RPCClient {
    public let url: String
    private let token: String?
    private let httpClient: HTTPClient
    private let timeout: TimeAmount
    private let maxResponseSize: Int
    private let nextID = Atomic<Int64>(0)

    /// - Parameters:
    ///   - url: e.g. `http://127.0.0.1:3453/rpc/v1`.
    ///   - token: sent as `Authorization: Bearer <token>`.
    public init(
        url: String, token: String? = nil, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(60),
        maxResponseSize: Int = 256 << 20
    ) {
        self.url = url
        self.token = token
        self.httpClient = httpClient
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        self.maxResponseSize = maxResponseSize
    }

    public func call<P, R>(_ method: RPCMethod<P, R>, _ params: P) async throws -> R {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let body = try OutgoingRequest(id: id, method: method.name, params: params).encoded()
        let data = try await post(body)
        let response: IncomingResponse<R>
        do {
            response = try JSONDecoder().decode(IncomingResponse<R>.self, from: data)
        } catch {
            throw RPCClientError.invalidResponse("\(error)")
        }
        return try response.result.get()
    }

    /// Posts a raw body and returns the raw answer (for batches and tests).
    public func post(_ body: Data) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await httpClient.execute(request, timeout: timeout)
        let status = Int(response.status.code)
        if status == 401 { throw RPCClientError.unauthorized }
        // go-jsonrpc answers JSON with 200, 400 or 500; anything else is not from a JSON-RPC server.
        guard status <= 400 || status == 500 else { throw RPCClientError.httpStatus(status) }
        let buffer = try await response.body.collect(upTo: maxResponseSize)
        return Data(buffer.readableBytesView)
    }
}
