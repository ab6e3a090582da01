import Chain
import FilecoinTypes
import JSONRPC
import VenusAPI

extension FullNodeRPC {
    /// `SyncSubmitBlock` (the block's messages must be in the node's store, as `MinerCreateBlock`
    /// leaves them) and `SyncState`.
    static func registerSync(_ node: ChainNode, on registry: inout RPCRegistry) {
        let sync = node.sync
        registry.register(FullNodeAPI.syncSubmitBlock) { _, p in
            try await sync.submit(Chain.BlockMsg(header: p.p0.header, blsMessages: p.p0.blsMessages, secpkMessages: p.p0.secpkMessages))
            return RPCVoid()
        }
        registry.register(FullNodeAPI.syncState) { _, _ in
            let active = await sync.status.map { status in
                FullNodeAPI.ActiveSync(
                    workerID: status.workerID, base: status.base, target: status.target,
                    stage: .init(rawValue: status.stage.rawValue), height: status.height, start: status.start,
                    end: status.end, message: status.message)
            }
            return FullNodeAPI.SyncState(activeSyncs: active.map { [$0] } ?? [], vmApplied: 0)
        }
    }
}
