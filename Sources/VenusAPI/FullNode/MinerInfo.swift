import FilecoinTypes
import GoCompat

extension FullNodeAPI {
    /// A miner's info as `StateMinerInfo` shows it (Lotus `api.MinerInfo`, the latest actors'
    /// shape whatever the actors version of the state).
    ///
    /// Server mapping from the miner actor's `MinerInfo`: `newWorker` and `workerChangeEpoch`
    /// come from the pending worker key change (none: `nil`, written `"<empty>"` as go-address
    /// writes its undefined address, and epoch -1). Actors before v9 have no beneficiary: Lotus
    /// then answers `"<empty>"` (`beneficiary` nil here) with a zero `BeneficiaryTerm`.
    public struct MinerInfo: Codable, Sendable, Hashable {
        public var owner: Address
        public var worker: Address
        /// The worker taking over at `workerChangeEpoch`; nil when no change is pending.
        public var newWorker: Address?
        /// `null` when empty.
        public var controlAddresses: [Address]
        public var workerChangeEpoch: Int64
        /// The libp2p peer ID in its text form (`12D3Koo...`), `null` when unset.
        public var peerId: String?
        /// Each multiaddr's bytes; `null` when empty.
        public var multiaddrs: [[UInt8]]
        public var windowPoStProofType: Int64
        public var sectorSize: UInt64
        public var windowPoStPartitionSectors: UInt64
        public var consensusFaultElapsed: Int64
        public var pendingOwnerAddress: Address?
        /// Nil (written `"<empty>"`) for actors before v9.
        public var beneficiary: Address?
        public var beneficiaryTerm: BeneficiaryTerm?
        public var pendingBeneficiaryTerm: PendingBeneficiaryChange?

        public init(
            owner: Address, worker: Address, newWorker: Address? = nil, controlAddresses: [Address] = [],
            workerChangeEpoch: Int64 = -1, peerId: String? = nil, multiaddrs: [[UInt8]] = [],
            windowPoStProofType: Int64, sectorSize: UInt64, windowPoStPartitionSectors: UInt64,
            consensusFaultElapsed: Int64, pendingOwnerAddress: Address? = nil, beneficiary: Address?,
            beneficiaryTerm: BeneficiaryTerm? = nil, pendingBeneficiaryTerm: PendingBeneficiaryChange? = nil
        ) {
            self.owner = owner
            self.worker = worker
            self.newWorker = newWorker
            self.controlAddresses = controlAddresses
            self.workerChangeEpoch = workerChangeEpoch
            self.peerId = peerId
            self.multiaddrs = multiaddrs
            self.windowPoStProofType = windowPoStProofType
            self.sectorSize = sectorSize
            self.windowPoStPartitionSectors = windowPoStPartitionSectors
            self.consensusFaultElapsed = consensusFaultElapsed
            self.pendingOwnerAddress = pendingOwnerAddress
            self.beneficiary = beneficiary
            self.beneficiaryTerm = beneficiaryTerm
            self.pendingBeneficiaryTerm = pendingBeneficiaryTerm
        }

        /// go-address's text for its undefined address.
        static let undefinedAddress = "<empty>"

        enum CodingKeys: String, CodingKey {
            case owner = "Owner", worker = "Worker", newWorker = "NewWorker", controlAddresses = "ControlAddresses"
            case workerChangeEpoch = "WorkerChangeEpoch", peerId = "PeerId", multiaddrs = "Multiaddrs"
            case windowPoStProofType = "WindowPoStProofType", sectorSize = "SectorSize"
            case windowPoStPartitionSectors = "WindowPoStPartitionSectors"
            case consensusFaultElapsed = "ConsensusFaultElapsed", pendingOwnerAddress = "PendingOwnerAddress"
            case beneficiary = "Beneficiary", beneficiaryTerm = "BeneficiaryTerm"
            case pendingBeneficiaryTerm = "PendingBeneficiaryTerm"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            owner = try c.decode(Address.self, forKey: .owner)
            worker = try c.decode(Address.self, forKey: .worker)
            if let text = try c.decodeIfPresent(String.self, forKey: .newWorker), text != Self.undefinedAddress {
                newWorker = try c.decode(Address.self, forKey: .newWorker)
            } else {
                newWorker = nil
            }
            controlAddresses = try c.decodeGoSlice([Address].self, forKey: .controlAddresses)
            workerChangeEpoch = try c.decode(Int64.self, forKey: .workerChangeEpoch)
            peerId = try c.decodeIfPresent(String.self, forKey: .peerId)
            multiaddrs = try c.decodeGoSlice([GoBytes].self, forKey: .multiaddrs).map(\.orEmpty)
            windowPoStProofType = try c.decode(Int64.self, forKey: .windowPoStProofType)
            sectorSize = try c.decode(UInt64.self, forKey: .sectorSize)
            windowPoStPartitionSectors = try c.decode(UInt64.self, forKey: .windowPoStPartitionSectors)
            consensusFaultElapsed = try c.decode(Int64.self, forKey: .consensusFaultElapsed)
            pendingOwnerAddress = try c.decodeIfPresent(Address.self, forKey: .pendingOwnerAddress)
            if let text = try c.decodeIfPresent(String.self, forKey: .beneficiary), text != Self.undefinedAddress {
                beneficiary = try c.decode(Address.self, forKey: .beneficiary)
            } else {
                beneficiary = nil
            }
            beneficiaryTerm = try c.decodeIfPresent(BeneficiaryTerm.self, forKey: .beneficiaryTerm)
            pendingBeneficiaryTerm = try c.decodeIfPresent(PendingBeneficiaryChange.self, forKey: .pendingBeneficiaryTerm)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(owner, forKey: .owner)
            try c.encode(worker, forKey: .worker)
            if let newWorker {
                try c.encode(newWorker, forKey: .newWorker)
            } else {
                try c.encode(Self.undefinedAddress, forKey: .newWorker)
            }
            try c.encodeGoSlice(controlAddresses, forKey: .controlAddresses)
            try c.encode(workerChangeEpoch, forKey: .workerChangeEpoch)
            try c.encode(peerId, forKey: .peerId)
            try c.encodeGoSlice(multiaddrs.map { GoBytes($0) }, forKey: .multiaddrs)
            try c.encode(windowPoStProofType, forKey: .windowPoStProofType)
            try c.encode(sectorSize, forKey: .sectorSize)
            try c.encode(windowPoStPartitionSectors, forKey: .windowPoStPartitionSectors)
            try c.encode(consensusFaultElapsed, forKey: .consensusFaultElapsed)
            try c.encode(pendingOwnerAddress, forKey: .pendingOwnerAddress)
            if let beneficiary {
                try c.encode(beneficiary, forKey: .beneficiary)
            } else {
                try c.encode(Self.undefinedAddress, forKey: .beneficiary)
            }
            try c.encode(beneficiaryTerm, forKey: .beneficiaryTerm)
            try c.encode(pendingBeneficiaryTerm, forKey: .pendingBeneficiaryTerm)
        }

        /// go-state-types `miner.BeneficiaryTerm`: how much the beneficiary may withdraw, until when.
        public struct BeneficiaryTerm: Codable, Sendable, Hashable {
            public var quota: TokenAmount
            public var usedQuota: TokenAmount
            public var expiration: Int64

            public init(quota: TokenAmount, usedQuota: TokenAmount, expiration: Int64) {
                self.quota = quota
                self.usedQuota = usedQuota
                self.expiration = expiration
            }

            enum CodingKeys: String, CodingKey { case quota = "Quota", usedQuota = "UsedQuota", expiration = "Expiration" }
        }

        /// go-state-types `miner.PendingBeneficiaryChange`: a proposed beneficiary awaiting approvals.
        public struct PendingBeneficiaryChange: Codable, Sendable, Hashable {
            public var newBeneficiary: Address
            public var newQuota: TokenAmount
            public var newExpiration: Int64
            public var approvedByBeneficiary: Bool
            public var approvedByNominee: Bool

            public init(
                newBeneficiary: Address, newQuota: TokenAmount, newExpiration: Int64, approvedByBeneficiary: Bool,
                approvedByNominee: Bool
            ) {
                self.newBeneficiary = newBeneficiary
                self.newQuota = newQuota
                self.newExpiration = newExpiration
                self.approvedByBeneficiary = approvedByBeneficiary
                self.approvedByNominee = approvedByNominee
            }

            enum CodingKeys: String, CodingKey {
                case newBeneficiary = "NewBeneficiary", newQuota = "NewQuota", newExpiration = "NewExpiration"
                case approvedByBeneficiary = "ApprovedByBeneficiary", approvedByNominee = "ApprovedByNominee"
            }
        }
    }
}
