import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs

/// Drives one VM over many epochs the way block application does between tipsets: messages at
/// the current epoch, then the epoch's cron, then the next epoch. Setup messages are applied as
/// implicit messages (no gas bought, no nonce), as Lotus's genesis builder applies its miners'
/// messages; every one must exit OK. The VM's write buffer is compacted to the reachable state
/// when it grows large.
final class EpochStepper {
    private(set) var store: MemoryBlockstore
    private(set) var vm: VM
    private(set) var epoch: Int64
    private(set) var messagesApplied = 0
    private let registry: ActorRegistry
    /// Compact when this many blocks wait in the VM's buffer.
    private let compactionThreshold: Int

    static let implicitGasLimit: Int64 = ImplicitMessages.blockGasLimit * 10

    init(store: MemoryBlockstore, root: CID, epoch: Int64, registry: ActorRegistry, compactionThreshold: Int = 100_000)
        throws(SectorDevnetError)
    {
        self.store = store
        self.epoch = epoch
        self.registry = registry
        self.compactionThreshold = compactionThreshold
        self.vm = try Self.makeVM(store: store, root: root, epoch: epoch, registry: registry)
    }

    static func makeVM(store: any Blockstore, root: CID, epoch: Int64, registry: ActorRegistry) throws(SectorDevnetError) -> VM {
        let config = VMConfig(
            epoch: epoch, networkVersion: SectorDevnet.networkVersion, baseFee: SectorDevnet.baseFee, circulatingSupply: .zero)
        do {
            return try VM(
                stateRoot: root, store: store, config: config, registry: registry, randomness: SyntheticRandomness(),
                proofs: MockProofs())
        } catch {
            throw .vmFailed("opening the state at epoch \(epoch): \(error.message)")
        }
    }

    /// Applies one implicit message from `from`; its return data, or an error when it fails.
    @discardableResult
    func apply(
        _ what: @autoclosure () -> String, from: Address, to: Address, method: UInt64, params: [UInt8], value: TokenAmount = .zero
    ) throws(SectorDevnetError) -> [UInt8] {
        let message = Message(
            to: to, from: from, nonce: 0, value: value, gasLimit: Self.implicitGasLimit, gasFeeCap: .zero, gasPremium: .zero,
            method: method, params: params)
        let result: ApplyResult
        do { result = try vm.applyImplicitMessage(message) } catch { throw .vmFailed("\(what()): \(error.message)") }
        guard result.receipt.exitCode == 0 else {
            throw .setupMessageFailed(what(), exitCode: result.receipt.exitCode, result.errorMessage ?? "")
        }
        messagesApplied += 1
        try compactIfNeeded()
        return result.receipt.returnData
    }

    /// Runs the epoch's cron; returns how long the implicit message took.
    @discardableResult
    func cron() throws(SectorDevnetError) -> Duration {
        let message = ImplicitMessages.cron(nonce: 0)
        let clock = ContinuousClock()
        let start = clock.now
        let result: ApplyResult
        do { result = try vm.applyImplicitMessage(message) } catch { throw .vmFailed("cron at \(epoch): \(error.message)") }
        let elapsed = clock.now - start
        guard result.receipt.exitCode == 0 else {
            throw .setupMessageFailed("cron at \(epoch)", exitCode: result.receipt.exitCode, result.errorMessage ?? "")
        }
        return elapsed
    }

    func nextEpoch() throws(SectorDevnetError) {
        epoch += 1
        vm.setEpoch(epoch)
        try compactIfNeeded()
    }

    /// The state so far, written to the store (dead intermediate blocks included).
    func flush() throws(SectorDevnetError) -> CID {
        do { return try vm.flush() } catch { throw .vmFailed("flushing at \(epoch): \(error.message)") }
    }

    /// The state so far in a store holding only what it reaches; the VM continues on it.
    func compact() throws(SectorDevnetError) -> CID {
        let root: CID
        do { root = try vm.stateRoot() } catch { throw .vmFailed("state root at \(epoch): \(error.message)") }
        store = try ReachableBlocks.copy(from: vm.store, root: root)
        vm = try Self.makeVM(store: store, root: root, epoch: epoch, registry: registry)
        return root
    }

    private func compactIfNeeded() throws(SectorDevnetError) {
        if vm.store.bufferedCount >= compactionThreshold { _ = try compact() }
    }

    // MARK: Reading the current state

    func actor(_ id: UInt64) throws(SectorDevnetError) -> ActorState {
        let found: ActorState?
        do { found = try vm.state.actor(id: id) } catch { throw .unexpectedState("reading actor \(id): \(error)") }
        guard let found else { throw .unexpectedState("no actor \(id)") }
        return found
    }
}
