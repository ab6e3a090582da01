import ChainState
import FilecoinTypes
import Proofs

/// A template checked and laid out before anything is written: which ID each key and actor
/// gets (Lotus `SetupInitActor`'s numbering) and each miner's seal proof. Every refusal of a
/// template happens here, with the reason, so the build itself only fails on the node's faults.
struct GenesisPlan {
    let template: GenesisTemplate
    let networkVersion: UInt64
    /// The init actor's address map, in registration order.
    let registrations: [(address: Address, id: UInt64)]
    /// Key address → ID for template accounts and multisig signers (Lotus `keyIDs`), plus the
    /// root key and remainder accounts once they are created.
    let keyIDs: [Address: UInt64]
    /// The first ID after the registered keys: template multisigs are numbered from here.
    let multisigStart: UInt64
    /// Each miner's seal proof type (from its sector size and the network version).
    let sealProofs: [RegisteredSealProof]

    init(template: GenesisTemplate, parameters: DevnetParameters) throws(GenesisError) {
        self.template = template
        networkVersion = template.networkVersion
        guard DevnetParameters.supportedNetworkVersions.contains(networkVersion) else {
            throw .malformedTemplate(
                "NetworkVersion \(networkVersion) is not supported: genesis builds v2-actor networks, versions 4...9")
        }
        guard !template.networkName.isEmpty else { throw .malformedTemplate("NetworkName is empty") }
        guard template.accounts.count <= GenesisBuilder.maxAccounts else { throw .tooManyAccounts(template.accounts.count) }

        for (index, account) in template.accounts.enumerated() where account.balance.isNegative {
            throw .malformedTemplate("account \(index) has a negative balance")
        }
        guard !template.verifregRootKey.balance.isNegative else { throw .malformedTemplate("the root key has a negative balance") }
        for miner in template.miners where miner.marketBalance.isNegative || miner.powerBalance.isNegative {
            throw .malformedTemplate("miner \(miner.id) has a negative market or power balance")
        }

        var registrations: [(address: Address, id: UInt64)] = []
        var keyIDs: [Address: UInt64] = [:]
        var accountOwners = Set<Address>()
        var counter = GenesisBuilder.accountStart

        func registerSigners(_ meta: MultisigMeta, _ what: String) throws(GenesisError) {
            try Self.validate(meta, what)
            for signer in meta.signers where keyIDs[signer] == nil {
                keyIDs[signer] = counter
                registrations.append((signer, counter))
                counter += 1
            }
        }

        for (index, account) in template.accounts.enumerated() {
            switch account.meta {
            case .multisig(let meta):
                try registerSigners(meta, "account \(index)")
            case .account(let meta):
                try Self.validateKey(meta.owner, "account \(index)'s owner")
                guard accountOwners.insert(meta.owner).inserted else {
                    throw .duplicateAddress(meta.owner, "two accounts of the template have this owner")
                }
                // A key already registered as an earlier multisig's signer keeps its ID.
                if keyIDs[meta.owner] == nil {
                    keyIDs[meta.owner] = counter
                    registrations.append((meta.owner, counter))
                    counter += 1
                }
            }
        }
        var special: [Address: UInt64] = [:]
        switch template.verifregRootKey.meta {
        case .account(let meta):
            try Self.validateKey(meta.owner, "the verified registry root key's owner")
            guard keyIDs[meta.owner] == nil else {
                throw .duplicateAddress(meta.owner, "the root key account is also a template account; it cannot be assigned t080")
            }
            registrations.append((meta.owner, GenesisBuilder.rootVerifierID))
            special[meta.owner] = GenesisBuilder.rootVerifierID
        case .multisig(let meta):
            try registerSigners(meta, "the verified registry root key")
        }
        switch template.remainderAccount.meta {
        case .account(let meta):
            try Self.validateKey(meta.owner, "the remainder account's owner")
            guard keyIDs[meta.owner] == nil, special[meta.owner] == nil else {
                throw .duplicateAddress(meta.owner, "the remainder account is declared elsewhere; it cannot be assigned t090")
            }
            registrations.append((meta.owner, GenesisBuilder.reserveID))
            special[meta.owner] = GenesisBuilder.reserveID
        case .multisig(let meta):
            try registerSigners(meta, "the remainder account")
        }
        let multisigCount = template.accounts.filter { if case .multisig = $0.meta { true } else { false } }.count
        guard counter + UInt64(multisigCount) <= GenesisBuilder.minerStart else {
            throw .tooManyAccounts(Int(counter - GenesisBuilder.accountStart) + multisigCount)
        }
        let resolvable = keyIDs.merging(special) { first, _ in first }
        self.registrations = registrations
        self.keyIDs = resolvable
        multisigStart = counter

        // Miners: numbered from t01000 in order, paying and signing from template keys.
        var sealProofs: [RegisteredSealProof] = []
        let policy = parameters.minerPolicy
        for (index, miner) in template.miners.enumerated() {
            let expected = GenesisBuilder.minerAddress(index: index)
            guard miner.id == expected else { throw .minerIDMismatch(index: index, expected: expected, found: miner.id) }
            for (role, address) in [("owner", miner.owner), ("worker", miner.worker)] where resolvable[address] == nil {
                throw .minerKeyNotAnAccount(miner: miner.id, role: role, address: address)
            }
            guard let proof = Self.sealProof(sectorSize: miner.sectorSize, networkVersion: networkVersion) else {
                throw .unsupportedSectorSize(miner: miner.id, miner.sectorSize)
            }
            guard policy.supportedProofTypes.contains(proof) else {
                throw .unsupportedSectorSize(miner: miner.id, miner.sectorSize)
            }
            sealProofs.append(proof)
            var numbers = Set<UInt64>()
            for sector in miner.sectors {
                let number = sector.sectorNumber
                guard numbers.insert(number).inserted else { throw .duplicateSector(miner: miner.id, sector: number) }
                guard sector.proofType == proof else {
                    throw .invalidPreseal(
                        miner: miner.id, sector: number,
                        "seal proof \(sector.proofType) differs from the miner's \(proof) for \(miner.sectorSize)-byte sectors")
                }
                guard sector.deal.provider == miner.id else {
                    throw .invalidPreseal(miner: miner.id, sector: number, "the deal's provider is \(sector.deal.provider)")
                }
                guard sector.deal.pieceCID == sector.commD else {
                    throw .invalidPreseal(miner: miner.id, sector: number, "the deal's piece CID is not the sector's CommD")
                }
                guard let key = sector.dealClientKey else {
                    throw .invalidPreseal(miner: miner.id, sector: number, "no DealClientKey: genesis signs each deal with its client's key")
                }
                guard key.address == sector.deal.client else {
                    throw .invalidPreseal(
                        miner: miner.id, sector: number, "the DealClientKey is \(key.address)'s, not the deal client \(sector.deal.client)'s")
                }
                guard resolvable[sector.deal.client] != nil else {
                    throw .invalidPreseal(miner: miner.id, sector: number, "the deal client \(sector.deal.client) is not an account of the template")
                }
            }
        }
        self.sealProofs = sealProofs
    }

    /// Lotus `miner.SealProofTypeFromSectorSize`: the V1 proofs before network version 7, V1_1 from it.
    static func sealProof(sectorSize: UInt64, networkVersion: UInt64) -> RegisteredSealProof? {
        let v1: [UInt64: RegisteredSealProof] = [
            2 << 10: .stackedDrg2KiBV1, 8 << 20: .stackedDrg8MiBV1, 512 << 20: .stackedDrg512MiBV1,
            32 << 30: .stackedDrg32GiBV1, 64 << 30: .stackedDrg64GiBV1,
        ]
        guard let proof = v1[sectorSize] else { return nil }
        return networkVersion < 7 ? proof : RegisteredSealProof(rawValue: proof.rawValue + 5)
    }

    static func validateKey(_ address: Address, _ what: String) throws(GenesisError) {
        guard address.protocol == .bls || address.protocol == .secp256k1 else {
            throw .malformedTemplate("\(what) \(address) is not a BLS or secp256k1 address")
        }
    }

    static func validate(_ meta: MultisigMeta, _ what: String) throws(GenesisError) {
        guard !meta.signers.isEmpty else { throw .invalidMultisig("\(what) has no signers") }
        guard Set(meta.signers).count == meta.signers.count else { throw .invalidMultisig("\(what) lists a signer twice") }
        for signer in meta.signers { try validateKey(signer, "\(what)'s signer") }
        guard meta.threshold >= 1, meta.threshold <= meta.signers.count else {
            throw .invalidMultisig("\(what) has threshold \(meta.threshold) for \(meta.signers.count) signers")
        }
        guard meta.vestingDuration >= 0, meta.vestingStart >= 0 else {
            throw .invalidMultisig("\(what) has a negative vesting duration or start")
        }
    }
}
