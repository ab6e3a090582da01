import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import JSONRPC
import VenusAPI

/// The full-node API over a `ChainNode`: each method as `FullNodeAPI` describes it, answered as
/// Lotus answers it. An empty tipset key means the head, as in Lotus.
enum FullNodeRPC {
    /// The methods of `/rpc/v1`.
    static func registerV1(_ node: ChainNode, on registry: inout RPCRegistry) {
        registerChain(node, on: &registry)
        registerState(node, on: &registry)
        registerMessageSearch(node, on: &registry)
        registerMessagePool(node, on: &registry)
        registerGas(node, on: &registry)
        registerSync(node, on: &registry)
        registerMining(node, on: &registry)
        registerStateQueriesV1(node, on: &registry)
    }

    /// The methods of `/rpc/v0`: v1's, with v0's own forms of those whose parameters changed.
    static func registerV0(_ node: ChainNode, on registry: inout RPCRegistry) {
        registerChain(node, on: &registry)
        registerState(node, on: &registry)
        registerMessagePool(node, on: &registry)
        registerGas(node, on: &registry)
        registerSync(node, on: &registry)
        registerMining(node, on: &registry)
        registerStateQueriesV0(node, on: &registry)
        let states = node.states
        registry.register(FullNodeAPIV0.stateSearchMsg) { _, p in
            try await states.searchForMessage(p.p0, from: nil, lookbackLimit: nil, allowReplaced: true).map(lookup)
        }
        registry.register(FullNodeAPIV0.stateWaitMsg) { _, p in
            lookup(try await states.waitForMessage(p.p0, confidence: Int64(p.p1), lookbackLimit: nil, allowReplaced: true))
        }
    }

    static func registerChain(_ node: ChainNode, on registry: inout RPCRegistry) {
        let chain = node.chain
        // The head is asked for far more often than it changes: its JSON is written once per head.
        let headJSON = EncodedResultCache<TipSetKey, TipSet>()
        registry.registerEncoded(FullNodeAPI.chainHead) { _, _ in
            let head = try await chain.requireHead()
            return try headJSON.result(for: head.key, head)
        }
        registry.register(FullNodeAPI.chainGetTipSet) { _, p in try await chain.tipSetOrHead(p.p0) }
        registry.register(FullNodeAPI.chainGetTipSetByHeight) { _, p in
            let from = try await chain.tipSetOrHead(p.p1)
            return try await chain.tipSet(atHeight: p.p0, from: from, prev: true)
        }
        registry.register(FullNodeAPI.chainGetGenesis) { _, _ in try TipSet(blocks: [try await chain.genesis()]) }
        registry.register(FullNodeAPI.chainGetBlock) { _, p in try await chain.blockHeader(p.p0) }
        registry.register(FullNodeAPI.chainGetBlockMessages) { _, p in
            let messages = try chain.messageStore.messages(of: try await chain.blockHeader(p.p0))
            return FullNodeAPI.BlockMessages(blsMessages: messages.bls, secpkMessages: messages.secp)
        }
        registry.register(FullNodeAPI.chainGetParentMessages) { _, p in
            let header = try await chain.blockHeader(p.p0)
            guard header.height > 0 else { return [] }
            let parent = try await chain.tipSet(header.parentKey)
            return try await chain.messages(for: parent).map { FullNodeAPI.MessageWithCID(cid: $0.cid, message: $0.message) }
        }
        registry.register(FullNodeAPI.chainGetParentReceipts) { _, p in
            let header = try await chain.blockHeader(p.p0)
            guard header.height > 0 else { return [] }
            return try chain.messageStore.receipts(root: header.parentMessageReceipts)
        }
        registry.register(FullNodeAPI.chainGetMessage) { _, p in try chain.messageStore.chainMessage(p.p0).message }
        registry.register(FullNodeAPI.chainReadObj) { _, p in
            guard let bytes = try chain.blockstore.get(p.p0) else { throw RPCError(code: 1, message: "block \(p.p0) not found") }
            return Data(bytes)
        }
        registry.register(FullNodeAPI.chainHasObj) { _, p in try chain.blockstore.has(p.p0) }
        registry.register(FullNodeAPI.chainNotify) { _, _ in
            await chain.subscribeHeadChanges().map { batch in
                batch.map { FullNodeAPI.HeadChange(type: .init(rawValue: $0.kind.rawValue), value: $0.tipset) }
            }
        }
    }

    static func registerState(_ node: ChainNode, on registry: inout RPCRegistry) {
        let chain = node.chain, states = node.states, networkName = node.networkName
        registry.register(FullNodeAPI.stateNetworkName) { _, _ in networkName }
        registry.register(FullNodeAPI.stateNetworkVersion) { _, p in
            UInt32(states.schedule.networkVersion(at: try await chain.tipSetOrHead(p.p0).height))
        }
        registry.registerEncoded(FullNodeAPI.stateGetActor) { _, p in
            let tipset: TipSet
            if p.p1.cids.isEmpty, let head = chain.currentHead { tipset = head } else { tipset = try await chain.tipSetOrHead(p.p1) }
            guard let actor = try states.actor(p.p0, inParentStateOf: tipset) else { throw actorNotFound(p.p0) }
            let answer = FullNodeAPI.Actor(code: actor.code, head: actor.head, nonce: actor.nonce, balance: actor.balance)
            return RPCEncodedResult(json: answer.lotusJSON)
        }
        registry.register(FullNodeAPI.walletBalance) { _, p in
            try await states.actor(p.p0, at: try await chain.requireHead())?.balance ?? .zero
        }
    }

    /// `StateSearchMsg` and `StateWaitMsg` in their v1 forms (lookback limit, replaced messages).
    static func registerMessageSearch(_ node: ChainNode, on registry: inout RPCRegistry) {
        let chain = node.chain, states = node.states
        registry.register(FullNodeAPI.stateSearchMsg) { _, p in
            let from = p.p0.cids.isEmpty ? nil : try await chain.tipSet(p.p0)
            let found = try await states.searchForMessage(
                p.p1, from: from, lookbackLimit: p.p2 < 0 ? nil : p.p2, allowReplaced: p.p3)
            return found.map(lookup)
        }
        registry.register(FullNodeAPI.stateWaitMsg) { _, p in
            let found = try await states.waitForMessage(
                p.p0, confidence: Int64(p.p1), lookbackLimit: p.p2 < 0 ? nil : p.p2, allowReplaced: p.p3)
            return lookup(found)
        }
    }

    static func lookup(_ found: MessageLookup) -> FullNodeAPI.MsgLookup {
        FullNodeAPI.MsgLookup(message: found.message, receipt: found.receipt, tipSet: found.tipset.key, height: found.height)
    }

    static func actorNotFound(_ address: Address) -> RPCError {
        // Lotus's text, which clients match on.
        RPCError(code: 1, message: "resolution lookup failed (\(address)): actor not found")
    }
}
