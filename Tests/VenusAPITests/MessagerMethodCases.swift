import VenusAPI

/// Every sophon-messager method `MessagerAPI` describes, in upstream's interface order.
enum MessagerMethodCases {
    static let all: [MethodCase] = [
        // Messages
        MethodCase(MessagerAPI.hasMessageByUid, .messager),
        MethodCase(MessagerAPI.waitMessage, .messager),
        MethodCase(MessagerAPI.pushMessage, .messager),
        MethodCase(MessagerAPI.pushMessageWithId, .messager),
        MethodCase(MessagerAPI.getMessageByUid, .messager),
        MethodCase(MessagerAPI.getMessageBySignedCid, .messager),
        MethodCase(MessagerAPI.getMessageByUnsignedCid, .messager),
        MethodCase(MessagerAPI.getMessageByFromAndNonce, .messager),
        MethodCase(MessagerAPI.listMessage, .messager),
        MethodCase(MessagerAPI.listMessageByFromState, .messager),
        MethodCase(MessagerAPI.listMessageByAddress, .messager),
        MethodCase(MessagerAPI.listFailedMessage, .messager),
        MethodCase(MessagerAPI.listBlockedMessage, .messager),
        MethodCase(MessagerAPI.updateMessageStateByID, .messager),
        MethodCase(MessagerAPI.updateAllFilledMessage, .messager),
        MethodCase(MessagerAPI.updateFilledMessageByID, .messager),
        MethodCase(MessagerAPI.replaceMessage, .messager),
        MethodCase(MessagerAPI.republishMessage, .messager),
        MethodCase(MessagerAPI.markBadMessage, .messager),
        MethodCase(MessagerAPI.recoverFailedMsg, .messager),
        // Actor configurations
        MethodCase(MessagerAPI.saveActorCfg, .messager),
        MethodCase(MessagerAPI.updateActorCfg, .messager),
        MethodCase(MessagerAPI.listActorCfg, .messager),
        MethodCase(MessagerAPI.getActorCfgByID, .messager),
        // Addresses
        MethodCase(MessagerAPI.getAddress, .messager),
        MethodCase(MessagerAPI.hasAddress, .messager),
        MethodCase(MessagerAPI.walletHas, .messager),
        MethodCase(MessagerAPI.listAddress, .messager),
        MethodCase(MessagerAPI.updateNonce, .messager),
        MethodCase(MessagerAPI.deleteAddress, .messager),
        MethodCase(MessagerAPI.forbiddenAddress, .messager),
        MethodCase(MessagerAPI.activeAddress, .messager),
        MethodCase(MessagerAPI.setSelectMsgNum, .messager),
        MethodCase(MessagerAPI.setFeeParams, .messager),
        MethodCase(MessagerAPI.clearUnFillMessage, .messager),
        // Shared settings
        MethodCase(MessagerAPI.getSharedParams, .messager),
        MethodCase(MessagerAPI.setSharedParams, .messager),
        // Chain nodes
        MethodCase(MessagerAPI.saveNode, .messager),
        MethodCase(MessagerAPI.getNode, .messager),
        MethodCase(MessagerAPI.hasNode, .messager),
        MethodCase(MessagerAPI.listNode, .messager),
        MethodCase(MessagerAPI.deleteNode, .messager),
        // Logging
        MethodCase(MessagerAPI.setLogLevel, .messager),
        MethodCase(MessagerAPI.logList, .messager),
        // Sending
        MethodCase(MessagerAPI.send, .messager),
        // Network
        MethodCase(MessagerAPI.netFindPeer, .messager),
        MethodCase(MessagerAPI.netPeers, .messager),
        MethodCase(MessagerAPI.netConnect, .messager),
        MethodCase(MessagerAPI.netAddrsListen, .messager),
        // Common
        MethodCase(MessagerAPI.version, .messager),
    ]

    /// Methods this messager serves beyond upstream's interface (not in its method.md).
    static let oursOnly: [MethodCase] = [
        MethodCase(MessagerAPI.listMessageEvents, .messager),
    ]
}
