import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// The workload measured on a sector devnet: a tipset mixing sends with every kind of miner
/// message, and the cron of consecutive epochs.
extension SectorDevnet {
    /// What the tipset at `epoch + 1` carries.
    public struct TipsetMix: Sendable, Hashable {
        public var blocks: Int
        /// FIL transfers, half from BLS accounts (bare), half from secp256k1 accounts (signed);
        /// each account sends at most once.
        public var sends: Int
        public var preCommitsPerMiner: Int
        /// At most the pending pre-commits (``Shape/pendingPreCommitsPerMiner``).
        public var proveCommitsPerMiner: Int
        /// One partition each, from the deadline open at `epoch + 1` (fewer when it has fewer).
        public var windowPoStsPerMiner: Int

        public init(blocks: Int, sends: Int, preCommitsPerMiner: Int, proveCommitsPerMiner: Int, windowPoStsPerMiner: Int) {
            self.blocks = blocks
            self.sends = sends
            self.preCommitsPerMiner = preCommitsPerMiner
            self.proveCommitsPerMiner = proveCommitsPerMiner
            self.windowPoStsPerMiner = windowPoStsPerMiner
        }
    }

    /// A tipset of the workload and what it does to the miners.
    public struct MixedTipset: Sendable {
        public let tipset: ExecutableTipset
        public let sends: Int
        public let preCommits: Int
        public let proveCommits: Int
        public let windowPoSts: Int
        /// Each miner's pending pre-commits and next sector number once the tipset is applied.
        let pendingAfter: [[PendingPreCommit]]
        let nextSectorNumbers: [UInt64]

        public var messageCount: Int { sends + preCommits + proveCommits + windowPoSts }
    }

    static let sendGasLimit: Int64 = 2_000_000
    static let sealGasLimit: Int64 = 200_000_000
    static let windowPoStGasLimit: Int64 = 1_000_000_000
    static let gasFeeCap = TokenAmount(attoFIL: 200)
    static let gasPremium = TokenAmount(attoFIL: 10)

    /// The tipset at `epoch + 1` over ``root``, its messages from the current nonces.
    public func mixedTipset(_ mix: TipsetMix) throws(SectorDevnetError) -> MixedTipset {
        let blockCount = min(mix.blocks, miners.count)
        guard blockCount > 0, mix.sends >= 0, mix.sends <= 2 * blsAccounts.count, mix.preCommitsPerMiner >= 0,
            mix.proveCommitsPerMiner >= 0, mix.windowPoStsPerMiner >= 0
        else { throw .invalidShape("tipset mix \(mix) for \(blsAccounts.count) account pairs") }
        let view = try self.view()
        let e = epoch + 1
        var blocks = (0..<blockCount).map {
            BlockMessages(miner: miners[$0].address, winCount: 1, blsMessages: [], secpMessages: [])
        }
        func nonce(_ address: Address) throws(SectorDevnetError) -> UInt64 {
            do {
                guard let actor = try view.actor(at: address) else { throw SectorDevnetError.unexpectedState("no actor at \(address)") }
                return actor.nonce
            } catch let error as SectorDevnetError {
                throw error
            } catch {
                throw .unexpectedState("reading \(address): \(error)")
            }
        }

        var pendingAfter: [[PendingPreCommit]] = []
        var nextNumbers: [UInt64] = []
        var counts = (preCommits: 0, proveCommits: 0, windowPoSts: 0)
        for (index, miner) in miners.enumerated() {
            var next = try nonce(miner.worker)
            func message(_ method: MinerMethod, _ params: [UInt8], gasLimit: Int64) -> ChainMessage {
                defer { next += 1 }
                return .unsigned(
                    Message(
                        to: miner.address, from: miner.worker, nonce: next, value: .zero, gasLimit: gasLimit, gasFeeCap: Self.gasFeeCap,
                        gasPremium: Self.gasPremium, method: method.rawValue, params: params))
            }
            var messages: [ChainMessage] = []
            let proving = miner.pending.prefix(while: { $0.preCommitEpoch + Self.minerPolicy.preCommitChallengeDelay < e })
                .prefix(mix.proveCommitsPerMiner)
            for pending in proving {
                let params = try proveCommitParams(minerID: miner.id, pending)
                messages.append(message(.proveCommitSector, params.cborBytes, gasLimit: Self.sealGasLimit))
            }
            var pending = Array(miner.pending.dropFirst(proving.count))
            var number = miner.nextSectorNumber
            for _ in 0..<mix.preCommitsPerMiner {
                let params = try Self.preCommitParams(sectorNumber: number, minerID: miner.id, epoch: e)
                messages.append(message(.preCommitSector, params.cborBytes, gasLimit: Self.sealGasLimit))
                pending.append(PendingPreCommit(sectorNumber: number, preCommitEpoch: e))
                number += 1
            }
            var posts = 0
            if mix.windowPoStsPerMiner > 0, let open = try Self.unprovenPartitions(view, miner.id, epoch: e) {
                for partition in open.partitions.prefix(mix.windowPoStsPerMiner) {
                    let params = try Self.windowPoStParams(minerID: miner.id, open.deadline, partition, epoch: e)
                    messages.append(message(.submitWindowedPoSt, params.cborBytes, gasLimit: Self.windowPoStGasLimit))
                    posts += 1
                }
            }
            blocks[index % blockCount].blsMessages += messages
            counts.proveCommits += proving.count
            counts.preCommits += mix.preCommitsPerMiner
            counts.windowPoSts += posts
            pendingAfter.append(pending)
            nextNumbers.append(number)
        }

        for index in 0..<mix.sends {
            let pair = index / 2
            let fromBLS = index % 2 == 0
            let from = fromBLS ? blsAccounts[pair] : secpAccounts[pair]
            let to = fromBLS ? secpAccounts[(pair + 1) % secpAccounts.count] : blsAccounts[(pair + 1) % blsAccounts.count]
            let message = Message(
                to: to, from: from, nonce: try nonce(from), value: TokenAmount(attoFIL: 1_000), gasLimit: Self.sendGasLimit,
                gasFeeCap: Self.gasFeeCap, gasPremium: Self.gasPremium)
            if fromBLS {
                blocks[index % blockCount].blsMessages.append(.unsigned(message))
            } else {
                // The VM checks no signature; the signed form only sets the on-chain length.
                let signature = Signature(kind: .secp256k1, data: [UInt8](repeating: 1, count: 65))
                blocks[index % blockCount].secpMessages.append(.signed(SignedMessage(message: message, signature: signature)))
            }
        }
        let tipset = ExecutableTipset(parentStateRoot: root, parentEpoch: epoch, epoch: e, baseFee: Self.baseFee, blocks: blocks)
        return MixedTipset(
            tipset: tipset, sends: mix.sends, preCommits: counts.preCommits, proveCommits: counts.proveCommits,
            windowPoSts: counts.windowPoSts, pendingAfter: pendingAfter, nextSectorNumbers: nextNumbers)
    }

    /// Applies `mixed` (made from the current state) and moves the devnet to its epoch; every
    /// message must exit OK.
    @discardableResult
    public mutating func apply(_ mixed: MixedTipset) throws(SectorDevnetError) -> TipsetExecutionResult {
        guard mixed.tipset.parentStateRoot == root, mixed.tipset.parentEpoch == epoch else {
            throw .unexpectedState("tipset made over \(mixed.tipset.parentStateRoot) at \(mixed.tipset.parentEpoch), devnet at \(root) and \(epoch)")
        }
        let result: TipsetExecutionResult
        do { result = try executor().execute(mixed.tipset) } catch { throw .vmFailed("applying the tipset at \(mixed.tipset.epoch): \(error)") }
        for applied in result.applied where applied.result.receipt.exitCode != 0 {
            throw .setupMessageFailed(
                "\(applied.kind) message to \(applied.message.to) method \(applied.message.method)",
                exitCode: applied.result.receipt.exitCode, applied.result.errorMessage ?? "")
        }
        root = result.stateRoot
        epoch = mixed.tipset.epoch
        for index in miners.indices {
            miners[index].pending = mixed.pendingAfter[index]
            miners[index].nextSectorNumber = mixed.nextSectorNumbers[index]
        }
        return result
    }

    // MARK: Cron

    /// One epoch's cron as ``runCronWindow(epochs:)`` measured it.
    public struct CronSample: Sendable {
        public var epoch: Int64
        /// The state the cron ran on (after the epoch's PoSts), in ``store``.
        public var parentRoot: CID
        /// Miners whose proving deadline ended at this epoch (their deadline cron ran).
        public var closingDeadlines: Int
        /// Partitions in those deadlines.
        public var closingPartitions: Int
        /// Wall time of the implicit cron message.
        public var duration: Duration
    }

    /// Runs `epochs` epochs after ``epoch``: in each, every open deadline's unproven partitions
    /// get their PoSt (not timed), then the epoch's cron runs, timed. Every miner's deadlines end
    /// once every 60 epochs, so a window of 60 holds one deadline end per miner.
    public mutating func runCronWindow(epochs: Int) throws(SectorDevnetError) -> [CronSample] {
        // No compaction: the samples' parent states must stay in the store.
        let stepper = try EpochStepper(store: store, root: root, epoch: epoch + 1, registry: registry, compactionThreshold: .max)
        var samples: [CronSample] = []
        var proving = DeadlineTracker(miners: miners.count)
        for step in 0..<epochs {
            let e = stepper.epoch
            var closing = (deadlines: 0, partitions: 0)
            for index in miners.indices {
                let minerID = miners[index].id
                if let open = try proving.newlyOpen(stepper.vm.state, minerID, index: index, epoch: e) {
                    for partition in open.partitions { try submitWindowPoSt(stepper, minerIndex: index, open.deadline, partition) }
                }
                let current = try Self.minerState(stepper.vm.state, minerID).deadlineInfo(e)
                if current.isOpen, current.last == e {
                    closing.deadlines += 1
                    closing.partitions += try Self.partitionCount(stepper.vm.state, minerID, deadline: current.index)
                }
            }
            let parent = try stepper.flush()
            let duration = try stepper.cron()
            samples.append(
                CronSample(epoch: e, parentRoot: parent, closingDeadlines: closing.deadlines, closingPartitions: closing.partitions, duration: duration))
            if step < epochs - 1 { try stepper.nextEpoch() }
        }
        root = try stepper.flush()
        epoch = stepper.epoch
        return samples
    }

    /// A VM at `epoch` over `parentRoot` (a sample's), to run that epoch's cron again.
    public func cronVM(epoch: Int64, parentRoot: CID) throws(SectorDevnetError) -> VM {
        try EpochStepper.makeVM(store: store, root: parentRoot, epoch: epoch, registry: registry)
    }

    static func partitionCount(_ tree: some StateTreeReader, _ minerID: UInt64, deadline index: UInt64) throws(SectorDevnetError) -> Int {
        let state = try minerState(tree, minerID)
        let store = UnchargedActorStore(tree.store)
        do {
            let deadline = try state.loadDeadlines(store).loadDeadline(store, index)
            return Int(try ActorAMT(loading: deadline.partitions, store: store).count)
        } catch {
            throw .unexpectedState("reading miner \(minerID)'s deadline \(index): \(error.message)")
        }
    }
}
