import Chain
import FilecoinTypes
import JSONRPC
import VenusAPI

extension FullNodeRPC {
    /// `Mpool*`: the node's message pool. An empty tipset key means the head, as in Lotus.
    static func registerMessagePool(_ node: ChainNode, on registry: inout RPCRegistry) {
        let pool = node.pool, chain = node.chain
        registry.register(FullNodeAPI.mpoolPush) { _, p in try await pool.push(p.p0) }
        registry.register(FullNodeAPI.mpoolPushUntrusted) { _, p in try await pool.pushUntrusted(p.p0) }
        registry.register(FullNodeAPI.mpoolBatchPush) { _, p in try await pool.pushBatch(p.p0) }
        registry.register(FullNodeAPI.mpoolPending) { _, _ in await pool.pending().messages }
        registry.register(FullNodeAPI.mpoolGetNonce) { _, p in try await pool.nonce(for: p.p0) }
        registry.register(FullNodeAPI.mpoolSelect) { _, p in
            try await pool.selectMessages(for: try await chain.tipSetOrHead(p.p0), ticketQuality: p.p1)
        }
        registry.register(FullNodeAPI.mpoolSelects) { _, p in
            try await pool.selectMessages(for: try await chain.tipSetOrHead(p.p0), ticketQualities: p.p1)
        }
    }
}
