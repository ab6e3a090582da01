import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import JSONRPC
import VenusAPI

/// The storage market and verified registry methods, answered from the tipset's parent state as
/// Lotus answers them (`node/impl/full/state.go`, `chain/stmgr`).
extension FullNodeRPC {
    static func registerStateMarket(_ node: ChainNode, on registry: inout RPCRegistry) {
        let chain = node.chain, states = node.states
        registry.register(FullNodeAPI.stateMarketBalance) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            let market = try view.market()
            guard let id = try view.idAddress(p.p0) else { throw StateQueryError.actorNotFound(p.p0) }
            // Balance tables: HAMT[address bytes]TokenAmount, an absent key holding zero.
            func balance(_ table: CID) throws -> TokenAmount {
                guard let bytes = try view.hamtValue(table, key: id.bytes) else { return .zero }
                return try NodeStateView.decode(TokenAmount.self, bytes, what: "market balance")
            }
            return FullNodeAPI.MarketBalance(escrow: try balance(market.escrowTable), locked: try balance(market.lockedTable))
        }
        registry.register(FullNodeAPI.stateMarketStorageDeal) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            let market = try view.market()
            guard let bytes = try view.amtValue(market.proposals, index: p.p0) else { throw StateQueryError.dealNotFound(p.p0) }
            let proposal = try NodeStateView.decode(DealProposal.self, bytes, what: "deal proposal")
            var state = FullNodeAPI.MarketDealState()
            if let stateBytes = try view.amtValue(market.states, index: p.p0) {
                state = FullNodeAPI.MarketDealState(try NodeStateView.decode(DealState.self, stateBytes, what: "deal state"))
            }
            return FullNodeAPI.MarketDeal(proposal: FullNodeAPI.DealProposal(proposal), state: state)
        }
        registry.register(FullNodeAPI.stateDealProviderCollateralBounds) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let power = try view.power(), reward = try view.reward()
            let supply = try await states.circulatingSupplyDetail(
                epoch: view.tipset.height, stateRoot: view.tipset.parentStateRoot)
            let bounds = MarketPolicy.dealProviderCollateralBounds(
                pieceSize: p.p0, verified: p.p1, networkRawPower: power.totalRawBytePower,
                networkQAPower: power.totalQualityAdjPower, baselinePower: reward.thisEpochBaselinePower,
                circulatingSupply: supply.circulating,
                networkVersion: states.schedule.networkVersion(at: view.tipset.height),
                actorsVersion: actorsVersion(of: power))
            // Lotus asks 10% more than the market's minimum (`dealProviderCollateralNum/Den`).
            return FullNodeAPI.DealCollateralBounds(min: pledgeMargin(bounds.min), max: bounds.max)
        }
        registry.register(FullNodeAPI.stateVerifiedClientStatus) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            guard let id = try view.idAddress(p.p0) else { throw lotusActorNotFound }
            let registryState = try view.verifiedRegistry()
            guard let bytes = try view.hamtValue(registryState.verifiedClients, key: id.bytes) else { return nil }
            let dataCap = try NodeStateView.decode(bytes, what: "data cap") { (reader: inout CBORReader) in
                try FilecoinBigInt.decode(from: &reader)
            }
            return LotusBigInt(dataCap)
        }
    }

    /// Lotus's `api.ErrActorNotFound` as go-jsonrpc sends it: its registered error code
    /// (`EActorNotFound`, 11) and text, which Lotus clients turn back into the typed error.
    static let lotusActorNotFound = RPCError(code: 11, message: "actor not found")
}
