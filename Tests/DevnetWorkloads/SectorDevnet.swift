import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs

/// A synthetic 2 KiB devnet (specs-actors v2, network version 5) with the real native actors
/// (system, init, reward, cron, power, market, verified registry, storage miners), mock proofs
/// (`MockProofs`, which the VM's proof syscalls verify) and ``SyntheticRandomness``, whose miners
/// hold a chosen number of sectors, all proven and counted in their power claims.
///
/// Everything is set up through the actors' own methods, epoch by epoch on one VM with cron at
/// every epoch, as a chain would run it: miners come from power's CreateMiner; each epoch every
/// miner pre-commits up to 200 sectors (PreCommitSector) and prove-commits (ProveCommitSector)
/// those pre-committed more than the challenge delay before, up to power's 200 per miner and
/// epoch; power's cron verifies the seal proofs in bulk and calls ConfirmSectorProofsValid; then
/// one whole proving period passes with every deadline's partitions proven by
/// SubmitWindowedPoSt (one partition per message: a mock window PoSt holds one proof per
/// partition and v2 takes one proof per message), which activates the sectors' power. Setup
/// messages are implicit (no gas bought or nonce used, as Lotus's genesis builder applies them);
/// the workload's tipsets (``mixedTipset(_:)``) are ordinary signed and BLS messages.
///
/// After `init` the state is at ``epoch`` (`T`), chosen so that at `T + 1` no miner's deadline
/// closes and each miner's open deadline has unproven partitions left for the tipset's PoSts,
/// and with ``Shape/pendingPreCommitsPerMiner`` sectors per miner pre-committed at `T - 15`,
/// ready to be prove-committed at `T + 1`.
public struct SectorDevnet: Sendable {
    public struct Shape: Sendable, Hashable {
        public var miners: Int
        public var sectorsPerMiner: Int
        /// Funded BLS and secp256k1 account pairs that send FIL to each other.
        public var accountPairs: Int
        /// Sectors per miner pre-committed before `T` and provable at `T + 1`.
        public var pendingPreCommitsPerMiner: Int

        public init(miners: Int, sectorsPerMiner: Int, accountPairs: Int = 250, pendingPreCommitsPerMiner: Int = 5) {
            self.miners = miners
            self.sectorsPerMiner = sectorsPerMiner
            self.accountPairs = accountPairs
            self.pendingPreCommitsPerMiner = pendingPreCommitsPerMiner
        }

        public var sectors: Int { miners * sectorsPerMiner }
    }

    /// A sector pre-committed and not yet proven.
    public struct PendingPreCommit: Sendable, Hashable {
        public var sectorNumber: UInt64
        public var preCommitEpoch: Int64
    }

    public struct Miner: Sendable, Hashable {
        public let id: UInt64
        /// The BLS worker, also the owner.
        public let worker: Address
        public let workerID: UInt64
        public internal(set) var nextSectorNumber: UInt64
        public internal(set) var pending: [PendingPreCommit]

        public var address: Address { .idAddress(id) }
    }

    /// How the setup went (for the benchmark's notes).
    public struct SetupStatistics: Sendable {
        public var implicitMessages: Int
        public var epochs: Int64
        public var duration: Duration
    }

    public static let actorsVersion = 2
    public static let networkVersion: UInt64 = 5
    public static let sealProof = RegisteredSealProof.stackedDrg2KiBV1
    public static let sectorSize: UInt64 = 2048
    public static let baseFee = TokenAmount(attoFIL: 100)
    static let minerPolicy = MinerPolicy.devnet
    static let powerActorID: UInt64 = 4
    static let rewardActorBalance = TokenAmount(wholeFIL: 1_000_000_000)
    static let workerBalance = TokenAmount(wholeFIL: 100_000)
    static let accountBalance = TokenAmount(wholeFIL: 1_000)
    /// What each owner sends with CreateMiner: pre-commit deposits and pledges of 2 KiB sectors
    /// are small, and block rewards add to it.
    static let minerFunding = TokenAmount(wholeFIL: 10_000)
    /// Power's limit on prove-commits per miner and epoch, and the pre-commit pace that matches it.
    static let sealsPerEpoch = Int(PowerPolicy.maxMinerProveCommitsPerEpoch)

    public static var registry: ActorRegistry {
        ActorRegistry.builtin(power: .devnet, verifiedRegistry: .devnet, miner: minerPolicy)
    }

    public let shape: Shape
    public internal(set) var store: MemoryBlockstore
    /// The state after `epoch`'s cron.
    public internal(set) var root: CID
    public internal(set) var epoch: Int64
    public internal(set) var miners: [Miner]
    public let blsAccounts: [Address]
    public let secpAccounts: [Address]
    public let registry: ActorRegistry
    public internal(set) var setupStatistics = SetupStatistics(implicitMessages: 0, epochs: 0, duration: .zero)
    /// CommD of a sector without deals (what the market computes for the miners' pre-commits).
    let unsealedCID: CID

    public init(_ shape: Shape) throws(SectorDevnetError) {
        guard shape.miners > 0, shape.sectorsPerMiner > 0, shape.accountPairs > 0, shape.pendingPreCommitsPerMiner >= 0 else {
            throw .invalidShape("miners, sectors per miner and account pairs must be positive: \(shape)")
        }
        guard shape.sectors <= 10_000_000 else { throw .invalidShape("at most 10,000,000 sectors: \(shape.sectors)") }
        let clock = ContinuousClock()
        let start = clock.now
        self.shape = shape
        registry = Self.registry
        do { unsealedCID = try UnsealedSectorCID.compute(sealProof: Self.sealProof, pieces: []) } catch {
            throw .proofFailed("CommD of an empty sector: \(error)")
        }
        let genesis = try Self.genesis(shape)
        blsAccounts = genesis.blsAccounts
        secpAccounts = genesis.secpAccounts
        let stepper = try EpochStepper(store: genesis.store, root: genesis.root, epoch: 1, registry: registry)

        // Miners, through power's CreateMiner (which has init Exec the miner's constructor).
        var miners: [Miner] = []
        for worker in genesis.workers {
            let params = CreateMinerParams(
                owner: .idAddress(worker.id), worker: .idAddress(worker.id), sealProofType: Self.sealProof, peer: [0x01],
                multiaddrs: [])
            let returned = try stepper.apply(
                "CreateMiner for worker \(worker.id)", from: .idAddress(worker.id), to: BuiltinAddress.powerActor,
                method: PowerMethod.createMiner.rawValue, params: params.cborBytes, value: Self.minerFunding)
            let addresses: CreateMinerReturn
            do { addresses = try CreateMinerReturn(cborBytes: returned) } catch {
                throw .unexpectedState("CreateMiner returned \(returned.count) bytes that do not decode: \(error)")
            }
            guard let id = addresses.idAddress.idValue else { throw .unexpectedState("CreateMiner returned \(addresses.idAddress)") }
            miners.append(Miner(id: id, worker: worker.address, workerID: worker.id, nextSectorNumber: 0, pending: []))
        }
        self.miners = miners
        self.store = genesis.store
        self.root = genesis.root
        self.epoch = 1
        try stepper.cron()
        try stepper.nextEpoch()

        try sealAllSectors(stepper)
        try proveEveryDeadline(stepper)

        root = try stepper.compact()
        store = stepper.store
        epoch = stepper.epoch
        try checkClaims(expectedSectorsPerMiner: UInt64(shape.sectorsPerMiner))
        setupStatistics = SetupStatistics(
            implicitMessages: stepper.messagesApplied, epochs: stepper.epoch, duration: clock.now - start)
    }

    /// The executor for this devnet's tipsets: its registry, mock proofs, synthetic randomness.
    public func executor() -> TipsetExecutor {
        TipsetExecutor(
            store: store, registry: registry, schedule: .fixed(Self.networkVersion), circulatingSupply: .zero,
            randomness: SyntheticRandomness(), proofs: MockProofs())
    }

    // MARK: Setup phases

    /// Pre-commits and prove-commits every miner's sectors, 200 a miner and epoch, until all are
    /// confirmed; the state is then checked to hold them all and no pre-commit.
    private mutating func sealAllSectors(_ stepper: EpochStepper) throws(SectorDevnetError) {
        let target = UInt64(shape.sectorsPerMiner)
        var proven = [Int](repeating: 0, count: miners.count)
        while proven.contains(where: { $0 < shape.sectorsPerMiner }) {
            let e = stepper.epoch
            for index in miners.indices {
                let provable = miners[index].pending.prefix(while: { $0.preCommitEpoch + Self.minerPolicy.preCommitChallengeDelay < e })
                for pending in provable.prefix(Self.sealsPerEpoch) {
                    try proveCommit(stepper, minerIndex: index, pending)
                    proven[index] += 1
                }
                miners[index].pending.removeFirst(min(provable.count, Self.sealsPerEpoch))
                let remaining = Int(target - miners[index].nextSectorNumber)
                for _ in 0..<min(remaining, Self.sealsPerEpoch) { try preCommit(stepper, minerIndex: index) }
            }
            try stepper.cron()
            try stepper.nextEpoch()
        }
        for miner in miners {
            let (sectors, preCommits) = try Self.sectorCounts(stepper.vm.state, miner.id)
            guard sectors == target, preCommits == 0 else {
                throw .unexpectedState("miner \(miner.id) holds \(sectors) sectors and \(preCommits) pre-commits after sealing, expected \(target) and 0")
            }
        }
    }

    /// Walks one whole proving period and more, proving every deadline's partitions while it is
    /// open, up to the epoch `T` chosen for the workload; pre-commits the pending sectors at `T - 15`.
    private mutating func proveEveryDeadline(_ stepper: EpochStepper) throws(SectorDevnetError) {
        let earliest = stepper.epoch + MinerDeadlinePolicy.wpostProvingPeriod + 2 * MinerDeadlinePolicy.wpostChallengeWindow
        let target = try chooseWorkloadEpoch(stepper, notBefore: earliest)
        var proving = DeadlineTracker(miners: miners.count)
        while stepper.epoch <= target {
            let e = stepper.epoch
            for index in miners.indices {
                // Deadlines still open at T + 1 are left for the workload's PoSts.
                guard let open = try proving.newlyOpen(stepper.vm.state, miners[index].id, index: index, epoch: e),
                    open.deadline.close <= target + 1
                else { continue }
                for partition in open.partitions {
                    try submitWindowPoSt(stepper, minerIndex: index, open.deadline, partition)
                }
            }
            if e == target - 15 {
                for index in miners.indices {
                    for _ in 0..<shape.pendingPreCommitsPerMiner { try preCommit(stepper, minerIndex: index) }
                }
            }
            try stepper.cron()
            if e < target { try stepper.nextEpoch() } else { break }
        }
    }

    /// The first epoch `T` from `notBefore` at which no miner's deadline ends at `T + 1`, with as
    /// many miners as possible having sectors in the deadline open at `T + 1`.
    private func chooseWorkloadEpoch(_ stepper: EpochStepper, notBefore: Int64) throws(SectorDevnetError) -> Int64 {
        let window = MinerDeadlinePolicy.wpostChallengeWindow
        let period = MinerDeadlinePolicy.wpostProvingPeriod
        var schedules: [(periodStart: Int64, occupied: Set<Int64>)] = []
        for miner in miners {
            let state = try Self.minerState(stepper.vm.state, miner.id)
            let store = UnchargedActorStore(stepper.vm.store)
            var occupied = Set<Int64>()
            do {
                try state.loadDeadlines(store).forEach(store) { (index, deadline) throws(ActorError) in
                    if deadline.liveSectors > 0 { occupied.insert(Int64(index)) }
                }
            } catch {
                throw .unexpectedState("reading miner \(miner.id)'s deadlines: \(error.message)")
            }
            schedules.append((state.provingPeriodStart, occupied))
        }
        var best: (epoch: Int64, covered: Int)?
        for candidate in notBefore..<(notBefore + period) {
            let next = candidate + 1
            var covered = 0
            var closes = false
            for schedule in schedules {
                let intoPeriod = Self.modulo(next - schedule.periodStart, period)
                if intoPeriod % window == window - 1 { closes = true }
                if schedule.occupied.contains(intoPeriod / window) { covered += 1 }
            }
            if closes { continue }
            if covered > best?.covered ?? -1 { best = (candidate, covered) }
            if covered == miners.count { break }
        }
        guard let best else { throw .unexpectedState("no workload epoch without a deadline end in a whole proving period") }
        return best.epoch
    }

    static func modulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    // MARK: Checks

    /// Every miner's claim is its sectors' power (2 KiB raw and quality-adjusted each, no deals).
    public func checkClaims(expectedSectorsPerMiner: UInt64) throws(SectorDevnetError) {
        let expected = BigInt(expectedSectorsPerMiner) * BigInt(Self.sectorSize)
        for miner in miners {
            let claim = try self.claim(miner.id)
            guard claim.rawBytePower == expected, claim.qualityAdjPower == expected else {
                throw .unexpectedState(
                    "miner \(miner.id) claims \(claim.rawBytePower) raw / \(claim.qualityAdjPower) QA bytes, expected \(expected)")
            }
        }
    }

    /// A miner's claim in the power actor at ``root``.
    public func claim(_ minerID: UInt64) throws(SectorDevnetError) -> PowerClaim {
        let view = try self.view()
        let power = try Self.actorState(view, Self.powerActorID, as: PowerState.self)
        do {
            let claims = try ActorHAMT(loading: power.claims, store: UnchargedActorStore(store), sortsOnCollapse: true)
            guard let bytes = try claims.get(HAMTKey.address(.idAddress(minerID))) else {
                throw SectorDevnetError.unexpectedState("miner \(minerID) has no claim")
            }
            return try PowerClaim(cborBytes: bytes)
        } catch let error as SectorDevnetError {
            throw error
        } catch {
            throw .unexpectedState("reading miner \(minerID)'s claim: \(error)")
        }
    }

    /// The power actor's state at ``root``.
    public func powerState() throws(SectorDevnetError) -> PowerState {
        try Self.actorState(try view(), Self.powerActorID, as: PowerState.self)
    }

    /// How many sectors the miner holds (proven or not) and how many pre-commits wait, at ``root``.
    public func sectorCounts(_ minerID: UInt64) throws(SectorDevnetError) -> (sectors: UInt64, preCommits: Int) {
        try Self.sectorCounts(try view(), minerID)
    }

    static func sectorCounts(_ tree: some StateTreeReader, _ minerID: UInt64) throws(SectorDevnetError) -> (sectors: UInt64, preCommits: Int) {
        let state = try minerState(tree, minerID)
        let store = UnchargedActorStore(tree.store)
        do {
            let sectors = try ActorAMT(loading: state.sectors, store: store).count
            var preCommits = 0
            try ActorHAMT(loading: state.preCommittedSectors, store: store, sortsOnCollapse: true).forEach { _, _ in preCommits += 1 }
            return (sectors, preCommits)
        } catch {
            throw .unexpectedState("reading miner \(minerID)'s sectors: \(error.message)")
        }
    }

    /// The miner's state at ``root``.
    public func minerState(_ minerID: UInt64) throws(SectorDevnetError) -> MinerState {
        try Self.minerState(try view(), minerID)
    }

    func view() throws(SectorDevnetError) -> StateTreeView {
        do { return try StateTreeView(root: root, store: store) } catch { throw .unexpectedState("opening \(root): \(error)") }
    }

    // MARK: Reading state

    static func minerState(_ tree: some StateTreeReader, _ id: UInt64) throws(SectorDevnetError) -> MinerState {
        try actorState(tree, id, as: MinerState.self)
    }

    static func actorState<State: CBORDecodable>(_ tree: some StateTreeReader, _ id: UInt64, as type: State.Type) throws(SectorDevnetError) -> State {
        do {
            guard let actor = try tree.actor(id: id) else { throw SectorDevnetError.unexpectedState("no actor \(id)") }
            guard let bytes = try tree.store.get(actor.head) else { throw SectorDevnetError.missingBlock("\(actor.head)") }
            return try State(cborBytes: bytes)
        } catch let error as SectorDevnetError {
            throw error
        } catch {
            throw .unexpectedState("reading actor \(id)'s state: \(error)")
        }
    }

    /// A deadline open at `epoch` and its partitions that hold live sectors and have no PoSt yet
    /// in this window; nil when the miner has no open deadline then.
    static func unprovenPartitions(_ tree: some StateTreeReader, _ minerID: UInt64, epoch: Int64) throws(SectorDevnetError)
        -> (deadline: DeadlineInfo, partitions: [PartitionToProve])?
    {
        let state = try minerState(tree, minerID)
        let info = state.deadlineInfo(epoch)
        guard info.isOpen else { return nil }
        let store = UnchargedActorStore(tree.store)
        var partitions: [PartitionToProve] = []
        do {
            let deadline = try state.loadDeadlines(store).loadDeadline(store, info.index)
            try ActorAMT(loading: deadline.partitions, store: store).forEach { (index, bytes) throws(ActorError) in
                guard !deadline.postSubmissions.contains(index) else { return }
                let partition: Partition
                do {
                    var reader = CBORReader(bytes: bytes)
                    partition = try Partition(from: &reader, actorsVersion: actorsVersion)
                } catch {
                    throw ActorError(.errIllegalState, "partition \(index): \(error)")
                }
                let live = partition.liveSectors
                guard !live.isEmpty else { return }
                guard partition.faults.isEmpty else {
                    throw ActorError(.errIllegalState, "partition \(index) of deadline \(info.index) has faults \(partition.faults)")
                }
                partitions.append(PartitionToProve(index: index, sectors: Array(live)))
            }
        } catch {
            throw .unexpectedState("reading miner \(minerID)'s deadline \(info.index): \(error.message)")
        }
        return (info, partitions)
    }

    /// Finds each miner's deadline once per opening, so a walk over many epochs reads partitions
    /// only when a deadline opens.
    struct DeadlineTracker {
        private var handledOpen: [Int64?]

        init(miners: Int) { handledOpen = [Int64?](repeating: nil, count: miners) }

        /// The miner's open deadline and its unproven partitions, the first time it is seen open.
        mutating func newlyOpen(_ tree: some StateTreeReader, _ minerID: UInt64, index: Int, epoch: Int64) throws(SectorDevnetError)
            -> (deadline: DeadlineInfo, partitions: [PartitionToProve])?
        {
            let info = try minerState(tree, minerID).deadlineInfo(epoch)
            guard info.isOpen, handledOpen[index] != info.open else { return nil }
            handledOpen[index] = info.open
            return try unprovenPartitions(tree, minerID, epoch: epoch)
        }
    }

    struct PartitionToProve {
        var index: UInt64
        /// In increasing order, as the miner challenges them.
        var sectors: [UInt64]
    }
}
