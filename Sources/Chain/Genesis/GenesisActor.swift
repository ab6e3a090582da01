import FilecoinTypes

/// One non-miner actor of a genesis template (Lotus `genesis.Actor`): an account holding a key,
/// or a multisig, with its balance. JSON: `{"Type":"account"|"multisig","Balance":"<attoFIL>","Meta":{…}}`,
/// where `Meta` is an ``AccountMeta`` or a ``MultisigMeta`` according to `Type`.
public struct GenesisActor: Hashable, Sendable {
    public enum Meta: Hashable, Sendable {
        case account(AccountMeta)
        case multisig(MultisigMeta)
    }

    public var balance: TokenAmount
    public var meta: Meta

    public init(balance: TokenAmount, meta: Meta) {
        self.balance = balance
        self.meta = meta
    }

    public static func account(_ owner: Address, balance: TokenAmount) -> GenesisActor {
        GenesisActor(balance: balance, meta: .account(AccountMeta(owner: owner)))
    }

    public static func multisig(_ meta: MultisigMeta, balance: TokenAmount) -> GenesisActor {
        GenesisActor(balance: balance, meta: .multisig(meta))
    }

    /// `"account"` or `"multisig"`.
    public var typeName: String {
        switch meta {
        case .account: "account"
        case .multisig: "multisig"
        }
    }
}

/// An account's key (Lotus `genesis.AccountMeta`): `{"Owner":"t3…"}`.
public struct AccountMeta: Codable, Hashable, Sendable {
    /// A BLS or secp256k1 address.
    public var owner: Address

    public init(owner: Address) { self.owner = owner }

    private enum CodingKeys: String, CodingKey { case owner = "Owner" }
}

/// A multisig's signers and vesting (Lotus `genesis.MultisigMeta`):
/// `{"Signers":[…],"Threshold":1,"VestingDuration":0,"VestingStart":0}`.
public struct MultisigMeta: Codable, Hashable, Sendable {
    /// Key addresses; each gets an account (with no balance) unless the template already has one.
    public var signers: [Address]
    public var threshold: Int
    /// Epochs over which the balance unlocks (0: unlocked from the start).
    public var vestingDuration: Int
    public var vestingStart: Int

    public init(signers: [Address], threshold: Int, vestingDuration: Int = 0, vestingStart: Int = 0) {
        self.signers = signers
        self.threshold = threshold
        self.vestingDuration = vestingDuration
        self.vestingStart = vestingStart
    }

    private enum CodingKeys: String, CodingKey {
        case signers = "Signers", threshold = "Threshold", vestingDuration = "VestingDuration", vestingStart = "VestingStart"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Go decodes a null or absent slice as nil and absent ints as 0.
        signers = try container.decodeIfPresent([Address].self, forKey: .signers) ?? []
        threshold = try container.decodeIfPresent(Int.self, forKey: .threshold) ?? 0
        vestingDuration = try container.decodeIfPresent(Int.self, forKey: .vestingDuration) ?? 0
        vestingStart = try container.decodeIfPresent(Int.self, forKey: .vestingStart) ?? 0
    }
}

extension GenesisActor: Codable {
    private enum CodingKeys: String, CodingKey { case type = "Type", balance = "Balance", meta = "Meta" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        balance = try container.decodeIfPresent(TokenAmount.self, forKey: .balance) ?? .zero
        switch type {
        case "account": meta = .account(try container.decode(AccountMeta.self, forKey: .meta))
        case "multisig": meta = .multisig(try container.decode(MultisigMeta.self, forKey: .meta))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unsupported actor type \"\(type)\" (account or multisig)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        try container.encode(balance, forKey: .balance)
        switch meta {
        case .account(let account): try container.encode(account, forKey: .meta)
        case .multisig(let multisig): try container.encode(multisig, forKey: .meta)
        }
    }
}
