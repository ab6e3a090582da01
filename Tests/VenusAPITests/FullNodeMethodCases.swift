import VenusAPI

/// Every full-node method `VenusAPI` describes, each with the document it is checked against.
/// Venus-only methods are checked against venus's reference; `GasEstimateMessageGas` and a few
/// others also against venus's examples, whose shapes (venus's `MessageSendSpec`) differ from Lotus's.
enum FullNodeMethodCases {
    static let v1: [MethodCase] = [
        // Chain
        MethodCase(FullNodeAPI.chainHead),
        MethodCase(FullNodeAPI.chainNotify),
        MethodCase(FullNodeAPI.chainGetTipSet),
        MethodCase(FullNodeAPI.chainGetTipSetByHeight),
        MethodCase(FullNodeAPI.chainGetBlock),
        MethodCase(FullNodeAPI.chainGetBlockMessages),
        MethodCase(FullNodeAPI.chainGetParentMessages),
        MethodCase(FullNodeAPI.chainGetParentReceipts),
        MethodCase(FullNodeAPI.chainGetMessage),
        MethodCase(FullNodeAPI.chainReadObj),
        MethodCase(FullNodeAPI.chainHasObj),
        MethodCase(FullNodeAPI.chainGetGenesis),
        // Beacon and randomness
        MethodCase(FullNodeAPI.stateGetRandomnessFromTickets),
        MethodCase(FullNodeAPI.stateGetRandomnessFromBeacon),
        MethodCase(FullNodeAPI.stateGetBeaconEntry),
        // State
        MethodCase(FullNodeAPI.stateGetActor),
        MethodCase(FullNodeAPI.stateLookupID),
        MethodCase(FullNodeAPI.stateAccountKey),
        MethodCase(FullNodeAPI.stateNetworkName),
        MethodCase(FullNodeAPI.stateNetworkVersion),
        MethodCase(FullNodeAPI.stateCall),
        MethodCase(FullNodeAPI.stateSearchMsg),
        MethodCase(FullNodeAPI.stateWaitMsg),
        MethodCase(FullNodeAPI.stateListMiners),
        // Miner state
        MethodCase(FullNodeAPI.stateMinerInfo),
        MethodCase(FullNodeAPI.stateMinerPower),
        MethodCase(FullNodeAPI.stateMinerDeadlines),
        MethodCase(FullNodeAPI.stateMinerPartitions),
        MethodCase(FullNodeAPI.stateMinerProvingDeadline),
        MethodCase(FullNodeAPI.stateMinerSectors),
        MethodCase(FullNodeAPI.stateSectorGetInfo),
        MethodCase(FullNodeAPI.stateSectorPreCommitInfo),
        MethodCase(FullNodeAPI.stateMinerAvailableBalance),
        MethodCase(FullNodeAPI.stateMinerInitialPledgeCollateral),
        MethodCase(FullNodeAPI.stateMinerPreCommitDepositForPower),
        // Market and verified registry
        MethodCase(FullNodeAPI.stateMarketBalance),
        MethodCase(FullNodeAPI.stateMarketStorageDeal),
        MethodCase(FullNodeAPI.stateDealProviderCollateralBounds),
        MethodCase(FullNodeAPI.stateVerifiedClientStatus),
        // Message pool
        MethodCase(FullNodeAPI.mpoolPush),
        MethodCase(FullNodeAPI.mpoolPushUntrusted),
        MethodCase(FullNodeAPI.mpoolBatchPush),
        MethodCase(FullNodeAPI.mpoolPending),
        MethodCase(FullNodeAPI.mpoolGetNonce),
        MethodCase(FullNodeAPI.mpoolSelect),
        MethodCase(FullNodeAPI.mpoolSelects, .venusV1),
        // Gas
        MethodCase(FullNodeAPI.gasEstimateMessageGas),
        MethodCase(FullNodeAPI.gasEstimateMessageGas, .venusV1),
        MethodCase(FullNodeAPI.gasEstimateFeeCap),
        MethodCase(FullNodeAPI.gasEstimateGasPremium),
        MethodCase(FullNodeAPI.gasEstimateGasLimit),
        MethodCase(FullNodeAPI.gasBatchEstimateMessageGas, .venusV1),
        // Mining and sync
        MethodCase(FullNodeAPI.minerGetBaseInfo),
        MethodCase(FullNodeAPI.minerCreateBlock),
        MethodCase(FullNodeAPI.minerCreateBlock, .venusV1),
        MethodCase(FullNodeAPI.syncSubmitBlock),
        MethodCase(FullNodeAPI.syncState),
        MethodCase(FullNodeAPI.stateMinerSectors, .venusV1),
        // Wallet and common
        MethodCase(FullNodeAPI.walletBalance),
        MethodCase(FullNodeAPI.version),
    ]

    static let v0: [MethodCase] = [
        MethodCase(FullNodeAPIV0.chainGetRandomnessFromTickets, .lotusV0),
        MethodCase(FullNodeAPIV0.chainGetRandomnessFromBeacon, .lotusV0),
        MethodCase(FullNodeAPIV0.beaconGetEntry, .lotusV0),
        MethodCase(FullNodeAPIV0.stateSearchMsg, .lotusV0),
        MethodCase(FullNodeAPIV0.stateWaitMsg, .lotusV0),
    ]

    static let all: [MethodCase] = v1 + v0
}
