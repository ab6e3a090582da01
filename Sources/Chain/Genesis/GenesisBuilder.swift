import BigInt
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD

/// Makes a devnet's genesis block from a ``GenesisTemplate``, as Lotus's `MakeGenesisBlock` does
/// for a template at a v2-era network version (4...9):
///
/// 1. the initial state tree (`MakeInitialStateTree`): the system, reward, cron, power, market and
///    verified registry actors through their own constructors, the init actor with every template
///    key registered (accounts from ID 100, the root key holder at 80, the remainder at 90, the
///    next ID 1000), the burnt-funds account (99), the accounts and multisigs with their balances,
///    a first verifier (81), and the remainder receiving what is left of the 2 billion FIL;
/// 2. `VerifyPreSealedData`: the root key makes 81 a verifier and 81 gives each deal client the
///    DataCap its presealed deals need;
/// 3. `SetupStorageMiners`: each miner created through power's CreateMiner, its market balance
///    added, its presealed deals published (verified, ending with the sectors, signed by the
///    client key); the network power set to the final total so every sector pledges alike; then
///    each sector pre-committed with its deposit and initial pledge and confirmed by the power
///    actor, which claims its power;
/// 4. the genesis header over the state: no messages (an empty `MsgMeta`), the empty receipts AMT,
///    the legacy "filecoin genesis block" as parent, the initial base fee, one zero beacon entry.
///
/// Deterministic where Lotus draws random bytes: the genesis ticket is BLAKE2b-256 of the state
/// root and timestamp, and the first verifier's key is derived from the network name, so the same
/// template and ``DevnetParameters`` always give the same genesis CID.
public struct GenesisBuilder: Sendable {
    /// The first ID of template accounts (Lotus `AccountStart`).
    public static let accountStart: UInt64 = 100
    /// The ID of the first genesis miner (Lotus `MinerStart`).
    public static let minerStart: UInt64 = 1000
    /// Lotus `MaxAccounts`.
    public static let maxAccounts = Int(minerStart - accountStart)
    /// Where the root key holder lives (`builtin.RootVerifierAddress`).
    public static let rootVerifierID: UInt64 = 80
    /// The first verifier genesis creates.
    public static let firstVerifierID: UInt64 = 81
    /// Where the remainder lives (`builtin.ReserveAddress`).
    public static let reserveID: UInt64 = 90
    /// The burnt funds account (`builtin.BurntFundsActorAddr`).
    public static let burntFundsID: UInt64 = 99
    /// All the FIL there is (`build.FilBase`).
    public static let totalFilecoin = TokenAmount(attoFIL: BigInt(2_000_000_000) * TokenAmount.attoFILPerFIL)
    /// The reward actor's balance (`build.InitialRewardBalance`: `FilAllocStorageMining`).
    public static let initialRewardBalance = TokenAmount(attoFIL: BigInt(1_100_000_000) * TokenAmount.attoFILPerFIL)
    /// The genesis header's parent base fee (`build.InitialBaseFee`).
    public static let initialBaseFee = TokenAmount(attoFIL: 100_000_000)

    public let template: GenesisTemplate
    public let parameters: DevnetParameters

    public init(template: GenesisTemplate, parameters: DevnetParameters = .twoK) {
        self.template = template
        self.parameters = parameters
    }

    /// The genesis miners' ID addresses, in template order.
    public static func minerAddress(index: Int) -> Address { Address.idAddress(minerStart + UInt64(index)) }

    /// Writes the genesis state, its header and the blocks they link to into `store`.
    /// - Throws: ``GenesisError`` naming what in the template is wrong, or which step failed.
    public func build(into store: any Blockstore) throws(GenesisError) -> GenesisBlock {
        try parameters.validate()
        let plan = try GenesisPlan(template: template, parameters: parameters)
        let genesisVM = try makeInitialState(plan, store: store)
        try verifyPresealedData(plan, genesisVM)
        let miners = try setupStorageMiners(plan, genesisVM)
        let stateRoot = try genesisVM.flush()
        return try makeHeader(stateRoot: stateRoot, miners: miners, store: store)
    }

    // MARK: Header

    /// The tag of the genesis ticket's hash (Lotus draws 32 random bytes instead).
    static let ticketTag = Array("venus-swift genesis ticket v1".utf8)

    private func makeHeader(stateRoot: CID, miners: [Address], store: any Blockstore) throws(GenesisError) -> GenesisBlock {
        do {
            var emptyArray = try AMT(store: store, format: .legacy)
            let emptyRoot = try emptyArray.flush()
            let meta = MsgMeta(blsMessages: emptyRoot, secpkMessages: emptyRoot)
            let metaCID = try store.put(meta)
            try store.put(LegacyGenesisBlock.cid, LegacyGenesisBlock.bytes)
            var timestamp = [UInt8](repeating: 0, count: 8)
            for i in 0..<8 { timestamp[i] = UInt8(truncatingIfNeeded: template.timestamp >> (56 - 8 * UInt64(i))) }
            let ticket = Ticket(vrfProof: Blake2b.hash256(Self.ticketTag + stateRoot.bytes + timestamp))
            let header = BlockHeader(
                miner: BuiltinAddress.systemActor, ticket: ticket, electionProof: ElectionProof(winCount: 0, vrfProof: []),
                beaconEntries: [BeaconEntry(round: 0, data: [UInt8](repeating: 0, count: 32))], winPoStProof: [],
                parents: [LegacyGenesisBlock.cid], parentWeight: 0, height: 0, parentStateRoot: stateRoot,
                parentMessageReceipts: emptyRoot, messages: metaCID, blsAggregate: nil, timestamp: template.timestamp,
                blockSig: nil, forkSignaling: 0, parentBaseFee: Self.initialBaseFee)
            let headerBytes = header.cborBytes
            try store.put(header.cid, headerBytes)
            return GenesisBlock(header: header, miners: miners)
        } catch {
            throw .state("writing the genesis header: \(error)")
        }
    }
}

/// A genesis block as built: its header (whose CID names the chain) and the miners it created.
public struct GenesisBlock: Hashable, Sendable {
    public var header: BlockHeader
    /// The genesis miners' ID addresses, in template order.
    public var miners: [Address]

    public init(header: BlockHeader, miners: [Address]) {
        self.header = header
        self.miners = miners
    }

    public var cid: CID { header.cid }
    public var stateRoot: CID { header.parentStateRoot }
}
