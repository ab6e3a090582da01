import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC
import VenusAPI

/// Addresses, calls, randomness and beacon entries, and the entry points that register every
/// state query of this file and its siblings (`+StateMiner`, `+StateMarket`) on one API version.
extension FullNodeRPC {
    /// The state queries of `/rpc/v1`.
    static func registerStateQueriesV1(_ node: ChainNode, on registry: inout RPCRegistry) {
        registerStateMiner(node, on: &registry)
        registerStateMarket(node, on: &registry)
        registerStateMisc(node, on: &registry)
        let chain = node.chain, states = node.states
        registry.register(FullNodeAPI.stateGetRandomnessFromTickets) { _, p in
            try await randomness(chain, states, fromTickets: true, tag: p.p0, epoch: p.p1, entropy: p.p2, key: p.p3)
        }
        registry.register(FullNodeAPI.stateGetRandomnessFromBeacon) { _, p in
            try await randomness(chain, states, fromTickets: false, tag: p.p0, epoch: p.p1, entropy: p.p2, key: p.p3)
        }
        registry.register(FullNodeAPI.stateGetBeaconEntry) { _, p in try await beaconEntry(chain, states, epoch: p.p0) }
    }

    /// The state queries of `/rpc/v0`: v1's, with v0's names and parameter order for randomness
    /// (`ChainGetRandomnessFrom*` with the tipset key first) and the beacon (`BeaconGetEntry`).
    static func registerStateQueriesV0(_ node: ChainNode, on registry: inout RPCRegistry) {
        registerStateMiner(node, on: &registry)
        registerStateMarket(node, on: &registry)
        registerStateMisc(node, on: &registry)
        let chain = node.chain, states = node.states
        registry.register(FullNodeAPIV0.chainGetRandomnessFromTickets) { _, p in
            try await randomness(chain, states, fromTickets: true, tag: p.p1, epoch: p.p2, entropy: p.p3, key: p.p0)
        }
        registry.register(FullNodeAPIV0.chainGetRandomnessFromBeacon) { _, p in
            try await randomness(chain, states, fromTickets: false, tag: p.p1, epoch: p.p2, entropy: p.p3, key: p.p0)
        }
        registry.register(FullNodeAPIV0.beaconGetEntry) { _, p in try await beaconEntry(chain, states, epoch: p.p0) }
    }

    /// `StateListMiners`, `StateLookupID`, `StateAccountKey`, `StateCall` (the same on v0 and v1).
    static func registerStateMisc(_ node: ChainNode, on registry: inout RPCRegistry) {
        let chain = node.chain, states = node.states
        registry.register(FullNodeAPI.stateListMiners) { _, p in
            // The power actor's claims, in the HAMT's order (Lotus `ListAllMiners`).
            let view = try await NodeStateView.at(p.p0, of: chain)
            var miners: [Address] = []
            try view.hamtForEach(try view.power().claims) { (key, _) throws(StateQueryError) in
                do { miners.append(try Address(bytes: key)) } catch {
                    throw .unreadableState("power claim under a malformed address: \(error)")
                }
            }
            return miners
        }
        registry.register(FullNodeAPI.stateLookupID) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            guard let id = try view.idAddress(p.p0) else { throw lotusActorNotFound }
            return id
        }
        registry.register(FullNodeAPI.stateAccountKey) { _, p in
            // Lotus `ResolveToDeterministicAddress`: the parent state first, then the tipset's own
            // computed state (an account created by the tipset's messages).
            let tipset = try await chain.tipSetOrHead(p.p1)
            do {
                return try NodeStateView(tipset, blockstore: chain.blockstore).keyAddress(p.p0)
            } catch StateQueryError.actorAddressHasNoKey(let address) {
                throw StateQueryError.actorAddressHasNoKey(address)
            } catch {
                let computed = try await states.tipSetState(tipset).stateRoot
                return try NodeStateView(tipset, stateRoot: computed, blockstore: chain.blockstore).keyAddress(p.p0)
            }
        }
        registry.register(FullNodeAPI.stateCall) { _, p in
            let tipset = try await chain.tipSetOrHead(p.p1)
            let started = ContinuousClock.now
            let result = try await states.call(p.p0, on: tipset)
            let elapsed = ContinuousClock.now - started
            if let error = result.error {
                // Lotus's legacy VM returns the actor error beside the result; go-jsonrpc sends
                // only the error, worded as an `aerrors` actor error.
                throw RPCError(code: RPCError.methodError, message: "\(error) (RetCode=\(result.receipt.exitCode))")
            }
            return invocResult(result, duration: elapsed)
        }
    }

    /// An `InvocResult` for a call without gas accounting (Lotus's `ApplyImplicitMessage`): Go's
    /// zero gas cost, and a trace of the top-level message and its receipt only.
    static func invocResult(_ result: CallResult, duration: Duration) -> FullNodeAPI.InvocResult {
        let message = result.message, receipt = result.receipt
        let trace = FullNodeAPI.ExecutionTrace(
            msg: .init(
                from: message.from, to: message.to, value: message.value, method: message.method,
                params: message.params, paramsCodec: message.params.isEmpty ? 0 : 0x51,
                gasLimit: UInt64(clamping: message.gasLimit)),
            msgRct: .init(
                exitCode: receipt.exitCode, returnData: receipt.returnData,
                returnCodec: receipt.returnData.isEmpty ? 0 : 0x51))
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        return FullNodeAPI.InvocResult(
            msgCid: result.messageCID, msg: message, msgRct: receipt, gasCost: .none, executionTrace: trace,
            duration: nanoseconds)
    }

    /// Lotus `GetRandomnessFromTickets`/`FromBeacon`: drawn as the actors draw it while the
    /// tipset of `key` (the head for an empty key) executes (`ChainRandomness`).
    static func randomness(
        _ chain: ChainStore, _ states: StateManager, fromTickets: Bool, tag: Int64, epoch: Int64, entropy: Data,
        key: TipSetKey
    ) async throws -> Data {
        let tipset = try await chain.tipSetOrHead(key)
        let source = ChainRandomness(reader: ChainReader(store: chain.blockstore), tipset: tipset, schedule: states.schedule)
        do {
            return Data(try source.randomness(fromTickets: fromTickets, tag: tag, epoch: epoch, entropy: Array(entropy)))
        } catch {
            throw RPCError(
                code: RPCError.methodError,
                message: "getting \(fromTickets ? "chain" : "beacon") randomness: \(error.message)")
        }
    }

    /// Lotus `StateGetBeaconEntry` up to network version 12: an epoch the chain has reached
    /// gets the newest entry at or behind the tipset at that height (looking back over null
    /// rounds); a later epoch gets the beacon's entry for it, here the devnet's **mock** beacon
    /// (a drand beacon would block until the round is out).
    static func beaconEntry(_ chain: ChainStore, _ states: StateManager, epoch: Int64) async throws -> BeaconEntry {
        let head = try await chain.requireHead()
        if epoch <= head.height {
            let reader = ChainReader(store: chain.blockstore)
            return try reader.latestBeaconEntry(try reader.tipSet(atHeight: max(epoch, 0), from: head, prev: true))
        }
        // The mock's newest round is the epoch plus 100: refuse an epoch that cannot have one.
        guard epoch <= Int64.max - MockBeacon.roundOffset else {
            throw RPCError(code: RPCError.methodError, message: "epoch \(epoch) is beyond any beacon round")
        }
        let beacon = BeaconSchedule(MockBeacon()).beacon(forEpoch: epoch)
        return try await beacon.entry(
            round: beacon.maxRound(forEpoch: epoch, networkVersion: states.schedule.networkVersion(at: epoch)))
    }
}
