import Chain
import FilecoinTypes
import JSONRPC
import VenusAPI

extension FullNodeRPC {
    /// `Gas*`: Lotus's estimates over the node's chain and message pool (the sender's pending
    /// messages count before the one estimated).
    static func registerGas(_ node: ChainNode, on registry: inout RPCRegistry) {
        let estimator = GasEstimator(source: ChainGasEstimationSource(chain: node.chain, state: node.states, pool: node.pool))
        registry.register(FullNodeAPI.gasEstimateGasLimit) { _, p in try await estimator.gasLimit(for: p.p0, on: p.p1) }
        registry.register(FullNodeAPI.gasEstimateFeeCap) { _, p in
            try await estimator.feeCap(for: p.p0, maxQueueBlocks: p.p1, on: p.p2)
        }
        registry.register(FullNodeAPI.gasEstimateGasPremium) { _, p in
            try await estimator.gasPremium(blocksIncluded: p.p0, sender: p.p1, gasLimit: p.p2, on: p.p3)
        }
        registry.register(FullNodeAPI.gasEstimateMessageGas) { _, p in
            try await estimator.messageGas(p.p0, spec: p.p1.map(sendSpec), on: p.p2)
        }
        registry.register(FullNodeAPI.gasBatchEstimateMessageGas) { _, p in
            let messages = p.p0.map { EstimateMessage(message: $0.msg, spec: $0.spec.map(sendSpec)) }
            return try await estimator.batchMessageGas(messages, fromNonce: p.p1, on: p.p2).map {
                FullNodeAPI.EstimateResult(msg: $0.message, err: $0.error)
            }
        }
    }

    /// The API's send spec as the estimator takes it (an unset `MaximizeFeeCap` is false, as in Go).
    static func sendSpec(_ spec: FullNodeAPI.MessageSendSpec) -> Chain.MessageSendSpec {
        Chain.MessageSendSpec(
            maxFee: spec.maxFee, maximizeFeeCap: spec.maximizeFeeCap ?? false, gasOverEstimation: spec.gasOverEstimation,
            gasOverPremium: spec.gasOverPremium)
    }
}
