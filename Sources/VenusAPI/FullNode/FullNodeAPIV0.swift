import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC

/// The full-node methods whose `/rpc/v0` form differs from v1 (Lotus `api/v0api`, venus-shared
/// `api/chain/v0`); every other method is served on v0 exactly as `FullNodeAPI` describes it.
public enum FullNodeAPIV0 {
    /// `ChainGetRandomnessFromTickets(tsk, personalization, randEpoch, entropy)`: v1 moved it to
    /// `StateGetRandomnessFromTickets` with the tipset key last.
    public static let chainGetRandomnessFromTickets = RPCMethod<Params4<TipSetKey, Int64, Int64, Data>, Data>(
        "Filecoin.ChainGetRandomnessFromTickets", .read)
    /// `ChainGetRandomnessFromBeacon(tsk, personalization, randEpoch, entropy)`.
    public static let chainGetRandomnessFromBeacon = RPCMethod<Params4<TipSetKey, Int64, Int64, Data>, Data>(
        "Filecoin.ChainGetRandomnessFromBeacon", .read)
    /// `BeaconGetEntry(epoch)`, v1's `StateGetBeaconEntry`.
    public static let beaconGetEntry = RPCMethod<Params1<Int64>, BeaconEntry>("Filecoin.BeaconGetEntry", .read)
    /// `StateSearchMsg(msg)`: searches back from the head without limit and allows replaced messages.
    public static let stateSearchMsg = RPCMethod<Params1<CID>, FullNodeAPI.MsgLookup?>("Filecoin.StateSearchMsg", .read)
    /// `StateWaitMsg(msg, confidence)`: no lookback limit, replaced messages allowed.
    public static let stateWaitMsg = RPCMethod<Params2<CID, UInt64>, FullNodeAPI.MsgLookup?>(
        "Filecoin.StateWaitMsg", .read)
}
