import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC

/// The chain node's full-node API v1 (`/rpc/v1`, namespace `Filecoin`): the Lotus methods the
/// pool's services call, plus venus's additions (`MpoolSelects`, `GasBatchEstimateMessageGas`),
/// each with upstream's permission (Lotus `api/api_full.go` `perm:` tags, venus-shared
/// `api/chain/v1`). `FullNodeAPIV0` holds the `/rpc/v0` variants that differ.
///
/// A `TipSetKey` parameter may be empty (`[]` or `null`): the node reads it as its head.
/// The DTOs (`FullNodeAPI.MinerInfo`, ...) are nested here because the actors in `ChainState`
/// use the same names for their on-chain shapes, which differ from these JSON shapes.
public enum FullNodeAPI {
    // MARK: Chain

    public static let chainHead = RPCMethod<NoParams, TipSet>("Filecoin.ChainHead", .read)
    /// Head changes as they happen; the first batch is exactly one `current` entry.
    public static let chainNotify = RPCStreamMethod<NoParams, [HeadChange]>("Filecoin.ChainNotify", .read)
    public static let chainGetTipSet = RPCMethod<Params1<TipSetKey>, TipSet>("Filecoin.ChainGetTipSet", .read)
    /// `ChainGetTipSetByHeight(height, tsk)`: the tipset at `height` on the chain of `tsk`, or the
    /// first non-null tipset before it.
    public static let chainGetTipSetByHeight = RPCMethod<Params2<Int64, TipSetKey>, TipSet>(
        "Filecoin.ChainGetTipSetByHeight", .read)
    public static let chainGetBlock = RPCMethod<Params1<CID>, BlockHeader>("Filecoin.ChainGetBlock", .read)
    public static let chainGetBlockMessages = RPCMethod<Params1<CID>, BlockMessages>(
        "Filecoin.ChainGetBlockMessages", .read)
    /// The messages of the block's parent tipset, deduplicated, in execution order.
    public static let chainGetParentMessages = RPCMethod<Params1<CID>, [MessageWithCID]>(
        "Filecoin.ChainGetParentMessages", .read)
    /// The receipts of `chainGetParentMessages`, one per message in the same order.
    public static let chainGetParentReceipts = RPCMethod<Params1<CID>, [MessageReceipt]>(
        "Filecoin.ChainGetParentReceipts", .read)
    public static let chainGetMessage = RPCMethod<Params1<CID>, Message>("Filecoin.ChainGetMessage", .read)
    /// The raw bytes of a block in the node's blockstore (base64 on the wire).
    public static let chainReadObj = RPCMethod<Params1<CID>, Data>("Filecoin.ChainReadObj", .read)
    public static let chainHasObj = RPCMethod<Params1<CID>, Bool>("Filecoin.ChainHasObj", .read)
    public static let chainGetGenesis = RPCMethod<NoParams, TipSet>("Filecoin.ChainGetGenesis", .read)

    // MARK: Beacon and randomness

    /// `StateGetRandomnessFromTickets(personalization, randEpoch, entropy, tsk)` (32 bytes).
    public static let stateGetRandomnessFromTickets = RPCMethod<Params4<Int64, Int64, Data, TipSetKey>, Data>(
        "Filecoin.StateGetRandomnessFromTickets", .read)
    /// `StateGetRandomnessFromBeacon(personalization, randEpoch, entropy, tsk)` (32 bytes).
    public static let stateGetRandomnessFromBeacon = RPCMethod<Params4<Int64, Int64, Data, TipSetKey>, Data>(
        "Filecoin.StateGetRandomnessFromBeacon", .read)
    /// The beacon entry for an epoch (v1's name for v0's `BeaconGetEntry`).
    public static let stateGetBeaconEntry = RPCMethod<Params1<Int64>, BeaconEntry>("Filecoin.StateGetBeaconEntry", .read)

    // MARK: State

    public static let stateGetActor = RPCMethod<Params2<Address, TipSetKey>, Actor>("Filecoin.StateGetActor", .read)
    public static let stateLookupID = RPCMethod<Params2<Address, TipSetKey>, Address>("Filecoin.StateLookupID", .read)
    /// The key address (f1/f3) behind an account actor's address.
    public static let stateAccountKey = RPCMethod<Params2<Address, TipSetKey>, Address>(
        "Filecoin.StateAccountKey", .read)
    public static let stateNetworkName = RPCMethod<NoParams, String>("Filecoin.StateNetworkName", .read)
    public static let stateNetworkVersion = RPCMethod<Params1<TipSetKey>, UInt32>("Filecoin.StateNetworkVersion", .read)
    /// Runs a message on the tipset's state without a transaction and without gas fields checks.
    public static let stateCall = RPCMethod<Params2<Message, TipSetKey>, InvocResult>("Filecoin.StateCall", .read)
    /// `StateSearchMsg(tsk, msg, lookbackLimit, allowReplaced)`: `null` when not found within the
    /// limit (-1: no limit).
    public static let stateSearchMsg = RPCMethod<Params4<TipSetKey, CID, Int64, Bool>, MsgLookup?>(
        "Filecoin.StateSearchMsg", .read)
    /// `StateWaitMsg(msg, confidence, lookbackLimit, allowReplaced)`: returns once the message
    /// has `confidence` epochs on top of it.
    public static let stateWaitMsg = RPCMethod<Params4<CID, UInt64, Int64, Bool>, MsgLookup?>(
        "Filecoin.StateWaitMsg", .read)
    public static let stateListMiners = RPCMethod<Params1<TipSetKey>, [Address]>("Filecoin.StateListMiners", .read)

    // MARK: Miner state

    public static let stateMinerInfo = RPCMethod<Params2<Address, TipSetKey>, MinerInfo>("Filecoin.StateMinerInfo", .read)
    public static let stateMinerPower = RPCMethod<Params2<Address, TipSetKey>, MinerPower>(
        "Filecoin.StateMinerPower", .read)
    public static let stateMinerDeadlines = RPCMethod<Params2<Address, TipSetKey>, [Deadline]>(
        "Filecoin.StateMinerDeadlines", .read)
    /// `StateMinerPartitions(miner, deadlineIndex, tsk)`.
    public static let stateMinerPartitions = RPCMethod<Params3<Address, UInt64, TipSetKey>, [Partition]>(
        "Filecoin.StateMinerPartitions", .read)
    public static let stateMinerProvingDeadline = RPCMethod<Params2<Address, TipSetKey>, DeadlineInfo>(
        "Filecoin.StateMinerProvingDeadline", .read)
    /// `StateMinerSectors(miner, sectorNumbers, tsk)`: `null` numbers mean every sector.
    public static let stateMinerSectors = RPCMethod<Params3<Address, Bitfield?, TipSetKey>, [SectorOnChainInfo]>(
        "Filecoin.StateMinerSectors", .read)
    /// `StateSectorGetInfo(miner, sectorNumber, tsk)`: `null` when the sector does not exist.
    public static let stateSectorGetInfo = RPCMethod<Params3<Address, UInt64, TipSetKey>, SectorOnChainInfo?>(
        "Filecoin.StateSectorGetInfo", .read)
    /// `StateSectorPreCommitInfo(miner, sectorNumber, tsk)`: `null` when not pre-committed.
    public static let stateSectorPreCommitInfo = RPCMethod<
        Params3<Address, UInt64, TipSetKey>, SectorPreCommitOnChainInfo?
    >("Filecoin.StateSectorPreCommitInfo", .read)
    public static let stateMinerAvailableBalance = RPCMethod<Params2<Address, TipSetKey>, TokenAmount>(
        "Filecoin.StateMinerAvailableBalance", .read)
    /// `StateMinerInitialPledgeCollateral(miner, preCommitInfo, tsk)`.
    public static let stateMinerInitialPledgeCollateral = RPCMethod<
        Params3<Address, SectorPreCommitInfo, TipSetKey>, TokenAmount
    >("Filecoin.StateMinerInitialPledgeCollateral", .read)
    /// `StateMinerPreCommitDepositForPower(miner, preCommitInfo, tsk)`.
    public static let stateMinerPreCommitDepositForPower = RPCMethod<
        Params3<Address, SectorPreCommitInfo, TipSetKey>, TokenAmount
    >("Filecoin.StateMinerPreCommitDepositForPower", .read)

    // MARK: Market and verified registry

    public static let stateMarketBalance = RPCMethod<Params2<Address, TipSetKey>, MarketBalance>(
        "Filecoin.StateMarketBalance", .read)
    /// `StateMarketStorageDeal(dealID, tsk)`.
    public static let stateMarketStorageDeal = RPCMethod<Params2<UInt64, TipSetKey>, MarketDeal>(
        "Filecoin.StateMarketStorageDeal", .read)
    /// `StateDealProviderCollateralBounds(paddedPieceSize, verified, tsk)`.
    public static let stateDealProviderCollateralBounds = RPCMethod<
        Params3<UInt64, Bool, TipSetKey>, DealCollateralBounds
    >("Filecoin.StateDealProviderCollateralBounds", .read)
    /// The client's remaining datacap, `null` when it is not a verified client.
    public static let stateVerifiedClientStatus = RPCMethod<Params2<Address, TipSetKey>, LotusBigInt?>(
        "Filecoin.StateVerifiedClientStatus", .read)

    // MARK: Message pool

    public static let mpoolPush = RPCMethod<Params1<SignedMessage>, CID>("Filecoin.MpoolPush", .write)
    /// Like `mpoolPush`, with the limits for messages from the network (not the node's own).
    public static let mpoolPushUntrusted = RPCMethod<Params1<SignedMessage>, CID>("Filecoin.MpoolPushUntrusted", .write)
    public static let mpoolBatchPush = RPCMethod<Params1<[SignedMessage]>, [CID]>("Filecoin.MpoolBatchPush", .write)
    public static let mpoolPending = RPCMethod<Params1<TipSetKey>, [SignedMessage]>("Filecoin.MpoolPending", .read)
    /// The next nonce for an address: its actor's nonce past every pending message of it.
    public static let mpoolGetNonce = RPCMethod<Params1<Address>, UInt64>("Filecoin.MpoolGetNonce", .read)
    /// `MpoolSelect(tsk, ticketQuality)`: the messages for one block.
    public static let mpoolSelect = RPCMethod<Params2<TipSetKey, Double>, [SignedMessage]>("Filecoin.MpoolSelect", .read)
    /// Venus: `MpoolSelects(tsk, ticketQualities)`, one selection per winning block of the same
    /// epoch, each avoiding the messages of the selections before it.
    public static let mpoolSelects = RPCMethod<Params2<TipSetKey, [Double]>, [[SignedMessage]]>(
        "Filecoin.MpoolSelects", .read)

    // MARK: Gas

    /// `GasEstimateMessageGas(msg, spec, tsk)`: fills the gas fields left zero; `spec` may be
    /// `null`, or either upstream's shape.
    public static let gasEstimateMessageGas = RPCMethod<Params3<Message, MessageSendSpec?, TipSetKey>, Message>(
        "Filecoin.GasEstimateMessageGas", .read)
    /// `GasEstimateFeeCap(msg, maxQueueBlocks, tsk)`.
    public static let gasEstimateFeeCap = RPCMethod<Params3<Message, Int64, TipSetKey>, TokenAmount>(
        "Filecoin.GasEstimateFeeCap", .read)
    /// `GasEstimateGasPremium(nBlocksIncl, sender, gasLimit, tsk)`.
    public static let gasEstimateGasPremium = RPCMethod<Params4<UInt64, Address, Int64, TipSetKey>, TokenAmount>(
        "Filecoin.GasEstimateGasPremium", .read)
    public static let gasEstimateGasLimit = RPCMethod<Params2<Message, TipSetKey>, Int64>(
        "Filecoin.GasEstimateGasLimit", .read)
    /// Venus: `GasBatchEstimateMessageGas(messages, fromNonce, tsk)`, for sophon-messager's
    /// batches from one sender.
    public static let gasBatchEstimateMessageGas = RPCMethod<
        Params3<[EstimateMessage], UInt64, TipSetKey>, [EstimateResult]
    >("Filecoin.GasBatchEstimateMessageGas", .read)

    // MARK: Mining and sync

    /// `MinerGetBaseInfo(miner, epoch, tsk)`: `null` when the miner has no power at the lookback.
    public static let minerGetBaseInfo = RPCMethod<Params3<Address, Int64, TipSetKey>, MiningBaseInfo?>(
        "Filecoin.MinerGetBaseInfo", .read)
    public static let minerCreateBlock = RPCMethod<Params1<BlockTemplate>, BlockMsg>("Filecoin.MinerCreateBlock", .write)
    public static let syncSubmitBlock = RPCMethod<Params1<BlockMsg>, RPCVoid>("Filecoin.SyncSubmitBlock", .write)
    public static let syncState = RPCMethod<NoParams, SyncState>("Filecoin.SyncState", .read)

    // MARK: Wallet and common

    public static let walletBalance = RPCMethod<Params1<Address>, TokenAmount>("Filecoin.WalletBalance", .read)
    public static let version = CommonAPI.version
}
