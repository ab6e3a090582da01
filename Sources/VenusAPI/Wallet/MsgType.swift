/// What a WalletSign request says it signs (`types.MsgType`), spelled as upstream sends it —
/// including `networkresposne`, upstream's misspelling, which is what goes over the wire.
public enum MsgType: String, Codable, Hashable, Sendable, CaseIterable {
    case unknown
    case message
    case block
    case dealProposal = "dealproposal"
    case clientDeal = "clientdeal"
    case drawRandomParam = "drawrandomparam"
    case signedVoucher = "signedvoucher"
    case storageAsk = "storageask"
    case askResponse = "askresponse"
    case networkResponse = "networkresposne"
    case providerDealState = "providerdealstate"
    case verifyAddress = "verifyaddress"
}
