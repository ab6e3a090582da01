import DagCBOR
import FilecoinTypes
import IPLD
import Proofs

/// Applies a tipset's blocks to its parent state as Lotus's legacy `ApplyBlocks` does (network
/// versions 0–9, the pre-FVM VM):
///
/// 1. one VM over the parent state; for each null round `e` strictly between the parent's epoch
///    and the tipset's, the VM moves to `e` and runs cron;
/// 2. at the tipset's epoch, each block in order: its BLS then its secp256k1 messages, a message
///    whose (unsigned) CID was already applied in this tipset skipped; then that block's reward
///    message with the penalties and premiums its own messages produced;
/// 3. cron for the tipset's epoch;
/// 4. the receipts of the explicit messages, in application order, into an AMT; then the state
///    is flushed once.
///
/// Reward and cron are implicit (no gas bought, receipts with `gasUsed` 0, not in the receipts
/// AMT); either failing aborts the tipset, as in Lotus. Nothing reaches the backing store unless
/// the whole tipset succeeds. Epoch ranges that cross a scheduled upgrade are refused (their
/// migrations are not implemented here).
public struct TipsetExecutor: Sendable {
    public var store: any Blockstore
    public var registry: ActorRegistry
    public var schedule: NetworkUpgradeSchedule
    /// The circulating supply the VM reports (constant for a tipset, as Lotus computes it once
    /// per VM; the conformance driver uses 0).
    public var circulatingSupply: TokenAmount
    public var randomness: (any RandomnessSource)?
    public var proofs: any ProofVerifier
    public var consensusFaults: (any ConsensusFaultVerifier)?
    /// Records each message's gas charges in its result (diagnostics; costs time).
    public var traceGas: Bool
    /// Computes the supply from the VM's state at each request (see `VMConfig.supplySource`).
    public var supplySource: (any CirculatingSupplySource)?

    public init(
        store: any Blockstore, registry: ActorRegistry, schedule: NetworkUpgradeSchedule,
        circulatingSupply: TokenAmount = .zero, randomness: (any RandomnessSource)? = nil,
        proofs: any ProofVerifier = UnavailableProofVerifier(), consensusFaults: (any ConsensusFaultVerifier)? = nil,
        traceGas: Bool = false, supplySource: (any CirculatingSupplySource)? = nil
    ) {
        self.store = store
        self.registry = registry
        self.schedule = schedule
        self.circulatingSupply = circulatingSupply
        self.randomness = randomness
        self.proofs = proofs
        self.consensusFaults = consensusFaults
        self.traceGas = traceGas
        self.supplySource = supplySource
    }

    public func execute(_ tipset: ExecutableTipset) throws(TipsetExecutionError) -> TipsetExecutionResult {
        try validate(tipset)
        let config = VMConfig(
            epoch: tipset.epoch, networkVersion: schedule.networkVersion(at: tipset.epoch), baseFee: tipset.baseFee,
            circulatingSupply: circulatingSupply, traceGas: traceGas, supplySource: supplySource)
        do {
            return try run(tipset, config: config)
        } catch {
            switch error {
            case .implicit(let failure): throw failure
            case .node(let failure, let context): throw .fatal("\(context): \(failure.message)")
            }
        }
    }

    private func validate(_ tipset: ExecutableTipset) throws(TipsetExecutionError) {
        guard !tipset.blocks.isEmpty else { throw .noBlocks }
        guard tipset.epoch >= tipset.parentEpoch else {
            throw .epochBeforeParent(parent: tipset.parentEpoch, epoch: tipset.epoch)
        }
        var miners = Set<Address>()
        for block in tipset.blocks where !miners.insert(block.miner).inserted {
            throw .duplicateMiner("\(block.miner)")
        }
        if let upgrade = schedule.upgrade(crossedFrom: tipset.parentEpoch, to: tipset.epoch) {
            throw .crossesUpgrade(
                name: upgrade.name, height: upgrade.height, parentEpoch: tipset.parentEpoch, epoch: tipset.epoch)
        }
    }

    /// A thrown ``TipsetExecutionError`` is an implicit message's failure; an ``ActorError``
    /// (fatal) is the node's.
    private func run(_ tipset: ExecutableTipset, config: VMConfig) throws(Failure) -> TipsetExecutionResult {
        let vm: VM
        do {
            vm = try VM(
                stateRoot: tipset.parentStateRoot, store: store, config: config, registry: registry,
                randomness: randomness, proofs: proofs, consensusFaults: consensusFaults)
        } catch {
            throw .node(error, context: "loading the parent state")
        }
        var applied: [AppliedMessage] = []
        // Null rounds: Lotus runs cron at each epoch after the parent's and before the tipset's,
        // with the VM at that epoch. (It also flushes after each; the state is the same unflushed.)
        if tipset.parentEpoch < tipset.epoch {
            var nullRound = tipset.parentEpoch + 1
            while nullRound < tipset.epoch {
                vm.setEpoch(nullRound)
                applied.append(try runCron(vm, epoch: nullRound))
                nullRound += 1
            }
            vm.setEpoch(tipset.epoch)
        }

        var receipts: [MessageReceipt] = []
        var processed = Set<CID>()
        for (blockIndex, block) in tipset.blocks.enumerated() {
            var penalty = TokenAmount.zero
            var gasReward = TokenAmount.zero
            for chainMessage in block.messages {
                let message = chainMessage.message
                let messageCID = message.cid
                guard processed.insert(messageCID).inserted else { continue }
                let result: ApplyResult
                do { result = try vm.applyMessage(message, chainLength: chainMessage.chainLength) } catch {
                    throw .node(error, context: "applying message \(chainMessage.cid) of block \(blockIndex) to \(message.to)")
                }
                receipts.append(result.receipt)
                gasReward += result.gasOutputs.minerTip
                penalty += result.gasOutputs.minerPenalty
                applied.append(AppliedMessage(kind: .explicit(block: blockIndex), cid: chainMessage.cid, message: message, result: result))
            }
            let reward = ImplicitMessages.reward(
                miner: block.miner, penalty: penalty, gasReward: gasReward, winCount: block.winCount,
                nonce: try systemNonce(vm))
            applied.append(try runImplicit(vm, reward, kind: .reward(block: blockIndex), what: "reward message for miner \(block.miner)"))
        }
        applied.append(try runCron(vm, epoch: tipset.epoch))

        let receiptsRoot: CID
        do {
            var amt = try AMT(store: vm.store, format: vm.actorsVersion >= 3 ? .current(bitWidth: 3) : .legacy)
            for (index, receipt) in receipts.enumerated() {
                try amt.set(UInt64(index), receipt.cborBytes)
            }
            receiptsRoot = try amt.flush()
        } catch {
            throw .node(.fatal("\(error)"), context: "building the receipts AMT")
        }
        let stateRoot: CID
        do { stateRoot = try vm.flush() } catch { throw .node(error, context: "flushing the state") }
        return TipsetExecutionResult(stateRoot: stateRoot, receiptsRoot: receiptsRoot, applied: applied)
    }

    private func runCron(_ vm: VM, epoch: Int64) throws(Failure) -> AppliedMessage {
        let cron = ImplicitMessages.cron(nonce: try systemNonce(vm))
        return try runImplicit(vm, cron, kind: .cron(epoch: epoch), what: "cron at epoch \(epoch)")
    }

    private func runImplicit(_ vm: VM, _ message: Message, kind: AppliedMessage.Kind, what: String) throws(Failure) -> AppliedMessage {
        let result: ApplyResult
        do { result = try vm.applyImplicitMessage(message) } catch { throw .node(error, context: what) }
        guard result.receipt.exitCode == 0 else {
            throw .implicit(.implicitMessageFailed(what, exitCode: result.receipt.exitCode, result.errorMessage ?? ""))
        }
        return AppliedMessage(kind: kind, cid: message.cid, message: message, result: result)
    }

    private func systemNonce(_ vm: VM) throws(Failure) -> UInt64 {
        let system: ActorState?
        do { system = try vm.state.actor(id: 0) } catch { throw .node(.fatal("\(error)"), context: "reading the system actor") }
        guard let system else { throw .node(.fatal("no such actor"), context: "reading the system actor") }
        return system.nonce
    }

    /// How an application stopped: an implicit message failed, or the node did.
    private enum Failure: Error {
        case implicit(TipsetExecutionError)
        /// The node failed; `context` says doing what.
        case node(ActorError, context: String)
    }
}
