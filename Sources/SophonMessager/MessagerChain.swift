import DagCBOR
import FilecoinTypes
import GoCompat
import JSONRPC
import VenusAPI

/// What sophon-messager asks of the chain: a venus (or Lotus) node's full-node API. A protocol so
/// the selection and tracking logic can be driven by a scripted chain in unit tests; the service
/// itself always talks to a real node (`RPCMessagerChain`).
public protocol MessagerChain: Sendable {
    func head() async throws -> TipSet
    func tipSet(_ key: TipSetKey) async throws -> TipSet
    /// `ChainNotify`: first the current head, then every revert and apply; it ends with an error
    /// when the connection to the node drops.
    func headChanges() async throws -> AsyncThrowingStream<[FullNodeAPI.HeadChange], any Error>
    /// The actor at `address` in the state of `tipSet`, nil when the chain has none there yet
    /// (a new key address that has not received funds).
    func actor(_ address: Address, at tipSet: TipSetKey) async throws -> FullNodeAPI.Actor?
    /// Fills the gas fields left zero, each message estimated as if the previous ones were applied.
    func estimateGas(_ messages: [FullNodeAPI.EstimateMessage], fromNonce: UInt64, at tipSet: TipSetKey)
        async throws -> [FullNodeAPI.EstimateResult]
    /// The messages the block's parent tipset included, deduplicated, in execution order, and
    /// their receipts in the same order.
    func parentMessages(of block: CID) async throws -> [FullNodeAPI.MessageWithCID]
    func parentReceipts(of block: CID) async throws -> [MessageReceipt]
    /// Pushes to this node's message pool; one CID or error per message, in order.
    func push(_ messages: [SignedMessage]) async -> [Result<CID, any Error>]
    /// Where `message` (a signed CID) was executed on the chain of `tipSet`, nil when it was not;
    /// a replacement with the same sender and nonce counts (`allowReplaced`).
    func searchMessage(_ message: CID, from tipSet: TipSetKey) async throws -> FullNodeAPI.MsgLookup?
    /// The key address (f1/f3) behind an ID or key address.
    func accountKey(_ address: Address, at tipSet: TipSetKey) async throws -> Address
}

/// A venus node over JSON-RPC v1: calls over HTTP, `ChainNotify` over a WebSocket.
public struct RPCMessagerChain: MessagerChain {
    public let endpoint: String
    let token: String
    let http: RPCHTTPClient

    /// - Parameter endpoint: the node's address: a multiaddr (`/ip4/127.0.0.1/tcp/3453`), host:port
    ///   or URL; `/rpc/v1` is used when it names no path.
    public init(endpoint: String, token: String) throws {
        let parsed = try Endpoint(parsing: endpoint).withDefaultPath("/rpc/v1")
        self.endpoint = endpoint
        self.token = token
        http = RPCHTTPClient(url: parsed.httpURL(), token: token.isEmpty ? nil : token)
    }

    var webSocketURL: String {
        get throws { try Endpoint(parsing: endpoint).withDefaultPath("/rpc/v1").webSocketURL() }
    }

    public func head() async throws -> TipSet { try await http.call(FullNodeAPI.chainHead) }

    public func tipSet(_ key: TipSetKey) async throws -> TipSet {
        try await http.call(FullNodeAPI.chainGetTipSet, Params1(key))
    }

    public func headChanges() async throws -> AsyncThrowingStream<[FullNodeAPI.HeadChange], any Error> {
        var configuration = RPCWebSocketClient.Configuration(token: token.isEmpty ? nil : token)
        // A dropped connection ends the stream; the follower reconnects and resynchronises itself.
        configuration.reconnect = false
        let socket = try await RPCWebSocketClient.connect(url: try webSocketURL, configuration: configuration)
        let changes = try await socket.subscribe(FullNodeAPI.chainNotify, NoParams())
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await batch in changes { continuation.yield(batch) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
                socket.close()
            }
            continuation.onTermination = { _ in
                task.cancel()
                socket.close()
            }
        }
    }

    public func actor(_ address: Address, at tipSet: TipSetKey) async throws -> FullNodeAPI.Actor? {
        do {
            return try await http.call(FullNodeAPI.stateGetActor, Params2(address, tipSet))
        } catch let error as RPCError where error.message.contains("actor not found") {
            return nil
        }
    }

    public func estimateGas(_ messages: [FullNodeAPI.EstimateMessage], fromNonce: UInt64, at tipSet: TipSetKey)
        async throws -> [FullNodeAPI.EstimateResult]
    {
        try await http.call(FullNodeAPI.gasBatchEstimateMessageGas, Params3(messages, fromNonce, tipSet))
    }

    public func parentMessages(of block: CID) async throws -> [FullNodeAPI.MessageWithCID] {
        try await http.call(FullNodeAPI.chainGetParentMessages, Params1(block))
    }

    public func parentReceipts(of block: CID) async throws -> [MessageReceipt] {
        try await http.call(FullNodeAPI.chainGetParentReceipts, Params1(block))
    }

    public func push(_ messages: [SignedMessage]) async -> [Result<CID, any Error>] {
        var results: [Result<CID, any Error>] = []
        results.reserveCapacity(messages.count)
        // One call per message: MpoolBatchPush stops at the first refusal, and the messager needs
        // each message's own outcome.
        for message in messages {
            do {
                results.append(.success(try await http.call(FullNodeAPI.mpoolPush, Params1(message))))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    public func searchMessage(_ message: CID, from tipSet: TipSetKey) async throws -> FullNodeAPI.MsgLookup? {
        try await http.call(FullNodeAPI.stateSearchMsg, Params4(tipSet, message, -1, true))
    }

    public func accountKey(_ address: Address, at tipSet: TipSetKey) async throws -> Address {
        try await http.call(FullNodeAPI.stateAccountKey, Params2(address, tipSet))
    }
}
