import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC

/// sophon-messager's API (`/rpc/v0`, namespace `Message`) with upstream's permissions
/// (venus-shared `api/messager`): reading needs `read`, pushing and managing one's messages and
/// addresses `write`, `Send` `sign`, node, actor-config and shared-setting management `admin`.
///
/// Messages are named by the messager's own ID (a string), returned by `PushMessage`.
/// Durations (`ListMessageByFromState`, `ListBlockedMessage`) are Go `time.Duration`s: integer
/// nanoseconds on the wire.
public enum MessagerAPI {
    // MARK: Messages

    public static let hasMessageByUid = RPCMethod<Params1<String>, Bool>("Message.HasMessageByUid", .read)
    /// `WaitMessage(id, confidence)`: returns once the message is on chain with `confidence`
    /// epochs on top (or has failed for good).
    public static let waitMessage = RPCMethod<Params2<String, UInt64>, MessagerMessage>("Message.WaitMessage", .read)
    /// `PushMessage(msg, meta)`: queues the message (nonce and gas are filled by the messager)
    /// and returns its new ID. `meta` is a Go pointer: null leaves every option to the
    /// address's, actor's or shared settings.
    public static let pushMessage = RPCMethod<Params2<Message, SendSpec?>, String>("Message.PushMessage", .write)
    /// `PushMessageWithId(id, msg, meta)`: the same with a client-chosen ID, returned back.
    public static let pushMessageWithId = RPCMethod<Params3<String, Message, SendSpec?>, String>(
        "Message.PushMessageWithId", .write)
    public static let getMessageByUid = RPCMethod<Params1<String>, MessagerMessage>("Message.GetMessageByUid", .read)
    public static let getMessageBySignedCid = RPCMethod<Params1<CID>, MessagerMessage>(
        "Message.GetMessageBySignedCid", .read)
    public static let getMessageByUnsignedCid = RPCMethod<Params1<CID>, MessagerMessage>(
        "Message.GetMessageByUnsignedCid", .read)
    /// `GetMessageByFromAndNonce(from, nonce)`.
    public static let getMessageByFromAndNonce = RPCMethod<Params2<Address, UInt64>, MessagerMessage>(
        "Message.GetMessageByFromAndNonce", .read)
    public static let listMessage = RPCMethod<Params1<MsgQueryParams>, [MessagerMessage]>("Message.ListMessage", .read)
    /// `ListMessageByFromState(from, state, isAsc, pageIndex, pageSize, d)`: page `pageIndex`
    /// (from 1) of the messages in `state` from `from` (any sender for `.undef`),
    /// by creation time, created more than `d` nanoseconds ago (0: any time).
    public static let listMessageByFromState = RPCMethod<
        Params6<AddressOrUndef, MessageState, Bool, Int, Int, Int64>, [MessagerMessage]
    >("Message.ListMessageByFromState", .admin)
    public static let listMessageByAddress = RPCMethod<Params1<Address>, [MessagerMessage]>(
        "Message.ListMessageByAddress", .admin)
    public static let listFailedMessage = RPCMethod<NoParams, [MessagerMessage]>("Message.ListFailedMessage", .read)
    /// `ListBlockedMessage(addr, d)`: messages from `addr` (every active address for
    /// `.undef`) still unfilled or filled but not on chain, created more than `d`
    /// nanoseconds ago, oldest first.
    public static let listBlockedMessage = RPCMethod<Params2<AddressOrUndef, Int64>, [MessagerMessage]>(
        "Message.ListBlockedMessage", .read)
    /// `UpdateMessageStateByID(id, state)`.
    public static let updateMessageStateByID = RPCMethod<Params2<String, MessageState>, RPCVoid>(
        "Message.UpdateMessageStateByID", .write)
    /// Re-reads receipts of every filled message from the chain; returns how many were updated.
    public static let updateAllFilledMessage = RPCMethod<NoParams, Int>("Message.UpdateAllFilledMessage", .admin)
    /// Re-reads the receipt of one filled message; returns its ID.
    public static let updateFilledMessageByID = RPCMethod<Params1<String>, String>(
        "Message.UpdateFilledMessageByID", .write)
    /// Re-signs a not-yet-on-chain message with new gas values; returns its new signed CID.
    public static let replaceMessage = RPCMethod<Params1<ReplacMessageParams>, CID>("Message.ReplaceMessage", .write)
    public static let republishMessage = RPCMethod<Params1<String>, RPCVoid>("Message.RepublishMessage", .admin)
    /// Marks a message failed so that its nonce can be reused.
    public static let markBadMessage = RPCMethod<Params1<String>, RPCVoid>("Message.MarkBadMessage", .write)
    /// Puts the address's failed messages back to be filled again; returns their IDs.
    public static let recoverFailedMsg = RPCMethod<Params1<Address>, [String]>("Message.RecoverFailedMsg", .write)
    /// `ListMessageEvents(id)`, beyond upstream: the decisions recorded for the message, oldest
    /// first. Not in venus-shared's method.md; its tests list it apart from upstream's methods.
    public static let listMessageEvents = RPCMethod<Params1<String>, [MessageEvent]>("Message.ListMessageEvents", .read)

    // MARK: Actor configurations

    public static let saveActorCfg = RPCMethod<Params1<ActorCfg>, RPCVoid>("Message.SaveActorCfg", .admin)
    /// `UpdateActorCfg(id, changeSpecParams)`.
    public static let updateActorCfg = RPCMethod<Params2<GatewayUUID, ChangeGasSpecParams>, RPCVoid>(
        "Message.UpdateActorCfg", .admin)
    public static let listActorCfg = RPCMethod<NoParams, [ActorCfg]>("Message.ListActorCfg", .read)
    public static let getActorCfgByID = RPCMethod<Params1<GatewayUUID>, ActorCfg>("Message.GetActorCfgByID", .read)

    // MARK: Addresses

    public static let getAddress = RPCMethod<Params1<Address>, MessagerAddress>("Message.GetAddress", .read)
    public static let hasAddress = RPCMethod<Params1<Address>, Bool>("Message.HasAddress", .read)
    /// Whether a wallet reachable for the caller's account holds the address.
    public static let walletHas = RPCMethod<Params1<Address>, Bool>("Message.WalletHas", .read)
    public static let listAddress = RPCMethod<NoParams, [MessagerAddress]>("Message.ListAddress", .read)
    /// `UpdateNonce(addr, nonce)`: sets the next nonce the messager assigns.
    public static let updateNonce = RPCMethod<Params2<Address, UInt64>, RPCVoid>("Message.UpdateNonce", .admin)
    public static let deleteAddress = RPCMethod<Params1<Address>, RPCVoid>("Message.DeleteAddress", .write)
    public static let forbiddenAddress = RPCMethod<Params1<Address>, RPCVoid>("Message.ForbiddenAddress", .write)
    public static let activeAddress = RPCMethod<Params1<Address>, RPCVoid>("Message.ActiveAddress", .write)
    /// `SetSelectMsgNum(addr, num)`.
    public static let setSelectMsgNum = RPCMethod<Params2<Address, UInt64>, RPCVoid>("Message.SetSelectMsgNum", .write)
    public static let setFeeParams = RPCMethod<Params1<AddressSpec>, RPCVoid>("Message.SetFeeParams", .write)
    /// Fails the address's unfilled messages; returns how many.
    public static let clearUnFillMessage = RPCMethod<Params1<Address>, Int>("Message.ClearUnFillMessage", .write)

    // MARK: Shared settings

    public static let getSharedParams = RPCMethod<NoParams, SharedSpec>("Message.GetSharedParams", .read)
    public static let setSharedParams = RPCMethod<Params1<SharedSpec>, RPCVoid>("Message.SetSharedParams", .admin)

    // MARK: Chain nodes

    public static let saveNode = RPCMethod<Params1<MessagerNode>, RPCVoid>("Message.SaveNode", .admin)
    /// `GetNode(name)`.
    public static let getNode = RPCMethod<Params1<String>, MessagerNode>("Message.GetNode", .admin)
    public static let hasNode = RPCMethod<Params1<String>, Bool>("Message.HasNode", .admin)
    public static let listNode = RPCMethod<NoParams, [MessagerNode]>("Message.ListNode", .admin)
    public static let deleteNode = RPCMethod<Params1<String>, RPCVoid>("Message.DeleteNode", .admin)

    // MARK: Logging

    /// `SetLogLevel(subsystem, level)`.
    public static let setLogLevel = RPCMethod<Params2<String, String>, RPCVoid>("Message.SetLogLevel", .admin)
    public static let logList = RPCMethod<NoParams, [String]>("Message.LogList", .admin)

    // MARK: Sending

    /// Builds, queues and returns the ID of a message whose params the service encodes.
    public static let send = RPCMethod<Params1<QuickSendParams>, String>("Message.Send", .sign)

    // MARK: Network

    /// `NetFindPeer(peerID)`.
    public static let netFindPeer = RPCMethod<Params1<String>, PeerAddrInfo>("Message.NetFindPeer", .admin)
    public static let netPeers = RPCMethod<NoParams, [PeerAddrInfo]>("Message.NetPeers", .admin)
    public static let netConnect = RPCMethod<Params1<PeerAddrInfo>, RPCVoid>("Message.NetConnect", .admin)
    public static let netAddrsListen = RPCMethod<NoParams, PeerAddrInfo>("Message.NetAddrsListen", .admin)

    // MARK: Common

    public static let version = RPCMethod<NoParams, VenusVersion>("Message.Version", .read)
}
