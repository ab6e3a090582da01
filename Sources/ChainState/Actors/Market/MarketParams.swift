import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// `MarketWithdrawBalanceParams`: `[ProviderOrClientAddress, Amount]`.
public struct MarketWithdrawBalanceParams: Hashable, Sendable {
    public var providerOrClientAddress: Address
    public var amount: TokenAmount

    public init(providerOrClientAddress: Address, amount: TokenAmount) {
        self.providerOrClientAddress = providerOrClientAddress
        self.amount = amount
    }
}

/// `PublishStorageDealsParams`: `[Deals]`.
public struct PublishStorageDealsParams: Hashable, Sendable {
    public var deals: [ClientDealProposal]

    public init(deals: [ClientDealProposal]) { self.deals = deals }
}

/// `PublishStorageDealsReturn`: `[IDs]`.
public struct PublishStorageDealsReturn: Hashable, Sendable {
    public var ids: [UInt64]

    public init(ids: [UInt64]) { self.ids = ids }
}

/// `VerifyDealsForActivationParams`: `[DealIDs, SectorExpiry, SectorStart]`.
public struct VerifyDealsForActivationParams: Hashable, Sendable {
    public var dealIDs: [UInt64]
    public var sectorExpiry: Int64
    public var sectorStart: Int64

    public init(dealIDs: [UInt64], sectorExpiry: Int64, sectorStart: Int64) {
        self.dealIDs = dealIDs
        self.sectorExpiry = sectorExpiry
        self.sectorStart = sectorStart
    }
}

/// `VerifyDealsForActivationReturn`: `[DealWeight, VerifiedDealWeight]`, and `DealSpace` from v2.
public struct VerifyDealsForActivationReturn: Hashable, Sendable {
    public var dealWeight: BigInt
    public var verifiedDealWeight: BigInt
    /// v2 only (nil in a v0 return): the deals' total padded size.
    public var dealSpace: UInt64?

    public init(dealWeight: BigInt, verifiedDealWeight: BigInt, dealSpace: UInt64?) {
        self.dealWeight = dealWeight
        self.verifiedDealWeight = verifiedDealWeight
        self.dealSpace = dealSpace
    }
}

/// `ActivateDealsParams`: `[DealIDs, SectorExpiry]`.
public struct ActivateDealsParams: Hashable, Sendable {
    public var dealIDs: [UInt64]
    public var sectorExpiry: Int64

    public init(dealIDs: [UInt64], sectorExpiry: Int64) {
        self.dealIDs = dealIDs
        self.sectorExpiry = sectorExpiry
    }
}

/// `ComputeDataCommitmentParams`: `[DealIDs, SectorType]`.
public struct ComputeDataCommitmentParams: Hashable, Sendable {
    public var dealIDs: [UInt64]
    public var sectorType: RegisteredSealProof

    public init(dealIDs: [UInt64], sectorType: RegisteredSealProof) {
        self.dealIDs = dealIDs
        self.sectorType = sectorType
    }
}

/// `OnMinerSectorsTerminateParams`: `[Epoch, DealIDs]`.
public struct OnMinerSectorsTerminateParams: Hashable, Sendable {
    public var epoch: Int64
    public var dealIDs: [UInt64]

    public init(epoch: Int64, dealIDs: [UInt64]) {
        self.epoch = epoch
        self.dealIDs = dealIDs
    }
}
