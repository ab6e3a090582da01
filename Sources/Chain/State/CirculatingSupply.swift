import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// The circulating supply the VM reports to actors, as Lotus computes it for the specs-actors
/// v0–v2 era (`GetVMCirculatingSupplyDetailed`, Lotus 1.4–1.11):
///
/// `circulating = max(0, vested + mined + reserveDisbursed − burnt − locked)` where
/// - `vested`: the genesis vesting schedule Lotus hard-codes for every network ("Testnet"
///   genesis infos: 6 months, 1, 2, 3 and 6 years), vested linearly as a v0 multisig vests.
///   Up to the Ignition upgrade the amounts are whole numbers counted as attoFIL from epoch 0
///   (Lotus's off-by-10^18); after it they are FIL, vesting from the Liftoff height. Up to the
///   actors-v2 upgrade, the genesis pledge and market funds are added.
/// - `mined`: the reward actor's `TotalStoragePowerReward`;
/// - `reserveDisbursed` (after actors v2): 300M FIL minus the reserve actor's (f090) balance;
/// - `burnt`: the burnt-funds actor's (f099) balance;
/// - `locked`: the market's locked collateral and storage fees plus the power actor's pledge.
///
/// Upgrade heights come from the schedule's upgrades of those names; a schedule without them (a
/// devnet running one version from genesis) takes Lotus's 2k values, all before genesis.
public struct CirculatingSupply: Hashable, Sendable {
    public var vested: TokenAmount
    public var mined: TokenAmount
    public var burnt: TokenAmount
    public var locked: TokenAmount
    public var reserveDisbursed: TokenAmount
    public var circulating: TokenAmount

    /// Heights of the upgrades the formula depends on.
    public struct Heights: Hashable, Sendable {
        public var ignition: Int64
        public var actorsV2: Int64
        public var liftoff: Int64

        public init(ignition: Int64, actorsV2: Int64, liftoff: Int64) {
            self.ignition = ignition
            self.actorsV2 = actorsV2
            self.liftoff = liftoff
        }

        /// Lotus's 2k devnet build: every early upgrade before genesis.
        public static let devnet = Heights(ignition: -2, actorsV2: -5, liftoff: -6)

        /// The schedule's heights, the devnet's where it names no such upgrade.
        public init(schedule: NetworkUpgradeSchedule) {
            func height(_ name: String, _ fallback: Int64) -> Int64 {
                schedule.upgrades.first { $0.name == name }?.height ?? fallback
            }
            self.init(
                ignition: height("ignition", Self.devnet.ignition), actorsV2: height("actorsv2", Self.devnet.actorsV2),
                liftoff: height("liftoff", Self.devnet.liftoff))
        }
    }

    /// Lotus `build.InitialFilReserved`: 300M FIL.
    public static let initialFilReserved = TokenAmount(wholeFIL: 300_000_000)
    /// The reserve actor, f090.
    public static let reserveActor = Address.idAddress(90)
    /// Named in errors about a state tree read through a reader that has no root yet.
    static let placeholderRoot = CID.filecoin(cbor: [0x80])
    /// specs-actors v0 `builtin.EpochsInDay`.
    static let epochsInDay: Int64 = 2880

    /// The hard-coded genesis vesting: (unlock duration in epochs, whole amount).
    static let vestingSchedule: [(duration: Int64, amount: Int)] = [
        (183 * epochsInDay, 49_929_341 + 32_787_700),
        (365 * epochsInDay, 22_421_712),
        (2 * 365 * epochsInDay, 7_223_364),
        (3 * 365 * epochsInDay, 87_637_883),
        (6 * 365 * epochsInDay, 100_000_000 + 300_000_000),
    ]

    /// The supply at `epoch` over the state `stateRoot`; `genesisStateRoot` is read only before
    /// the actors-v2 upgrade (for the genesis pledge and market funds).
    public static func compute(
        epoch: Int64, stateRoot: CID, genesisStateRoot: CID?, heights: Heights, store: any Blockstore
    ) throws(StateManagerError) -> CirculatingSupply {
        let view: StateTreeView
        do { view = try StateTreeView(root: stateRoot, store: store) } catch { throw .state(stateRoot, "\(error)") }
        return try compute(epoch: epoch, state: view, genesisStateRoot: genesisStateRoot, heights: heights)
    }

    /// The supply at `epoch` over any state tree, the VM's unflushed one included (what the
    /// legacy VM asks at each request).
    public static func compute(
        epoch: Int64, state view: any StateTreeReader, genesisStateRoot: CID?, heights: Heights
    ) throws(StateManagerError) -> CirculatingSupply {
        let store = view.store
        var vested = TokenAmount.zero
        let placeholder = placeholderRoot
        for entry in vestingSchedule {
            var vesting = MultisigState(signers: [], threshold: 0, pendingTxns: placeholder)
            vesting.unlockDuration = entry.duration
            let elapsed: Int64
            if epoch <= heights.ignition {
                vesting.initialBalance = TokenAmount(attoFIL: entry.amount)
                elapsed = epoch
            } else {
                vesting.initialBalance = TokenAmount(wholeFIL: entry.amount)
                elapsed = epoch - heights.liftoff
            }
            vested += vesting.initialBalance - vesting.amountLocked(elapsed: elapsed, actorsVersion: 0)
        }
        if epoch <= heights.actorsV2 {
            guard let genesisStateRoot else { throw .state(placeholderRoot, "the genesis state is needed before the actors v2 upgrade") }
            let genesis: StateTreeView
            do { genesis = try StateTreeView(root: genesisStateRoot, store: store) } catch { throw .state(genesisStateRoot, "\(error)") }
            vested += try powerLocked(genesis) + marketLocked(genesis)
        }

        var reserveDisbursed = TokenAmount.zero
        if epoch > heights.actorsV2 {
            reserveDisbursed = initialFilReserved - (try balance(of: reserveActor, in: view))
        }
        let rewardState: RewardState = try actorState(of: BuiltinAddress.rewardActor, in: view)
        let mined = rewardState.totalStoragePowerReward
        let burnt = try balance(of: BuiltinAddress.burntFundsActor, in: view)
        let locked = try marketLocked(view) + powerLocked(view)

        var circulating = vested + mined + reserveDisbursed - burnt - locked
        if circulating.isNegative { circulating = .zero }
        return CirculatingSupply(
            vested: vested, mined: mined, burnt: burnt, locked: locked, reserveDisbursed: reserveDisbursed,
            circulating: circulating)
    }

    private static func powerLocked(_ view: any StateTreeReader) throws(StateManagerError) -> TokenAmount {
        let power: PowerState = try actorState(of: BuiltinAddress.powerActor, in: view)
        return power.totalPledgeCollateral
    }

    private static func marketLocked(_ view: any StateTreeReader) throws(StateManagerError) -> TokenAmount {
        let market: MarketState = try actorState(of: BuiltinAddress.marketActor, in: view)
        return market.totalClientLockedCollateral + market.totalProviderLockedCollateral + market.totalClientStorageFee
    }

    private static func balance(of address: Address, in view: any StateTreeReader) throws(StateManagerError) -> TokenAmount {
        let actor: ActorState?
        do { actor = try view.actor(at: address) } catch { throw .state(Self.placeholderRoot, "\(address): \(error)") }
        guard let actor else { throw .actorNotFound(address) }
        return actor.balance
    }

    private static func actorState<State: CBORDecodable>(of address: Address, in view: any StateTreeReader) throws(StateManagerError) -> State {
        do {
            guard let actor = try view.actor(at: address) else { throw StateManagerError.actorNotFound(address) }
            guard let bytes = try view.store.get(actor.head) else { throw StateManagerError.state(actor.head, "missing state of \(address)") }
            return try State(cborBytes: bytes)
        } catch let error as StateManagerError {
            throw error
        } catch {
            throw .state(Self.placeholderRoot, "state of \(address): \(error)")
        }
    }
}

/// Lotus's supply formula as the VM's per-request source (network versions up to 14 recompute
/// it on the VM's current state at every request).
public struct LotusCirculatingSupply: CirculatingSupplySource {
    public let heights: CirculatingSupply.Heights
    public let genesisStateRoot: CID?

    public init(heights: CirculatingSupply.Heights, genesisStateRoot: CID?) {
        self.heights = heights
        self.genesisStateRoot = genesisStateRoot
    }

    public func circulatingSupply(epoch: Int64, state: any StateTreeReader) throws -> TokenAmount {
        try CirculatingSupply.compute(epoch: epoch, state: state, genesisStateRoot: genesisStateRoot, heights: heights).circulating
    }
}
