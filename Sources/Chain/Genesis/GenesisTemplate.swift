import BigInt
import ChainState
import FilecoinTypes
import Foundation

/// What a genesis is made from (Lotus `genesis.Template`, the file `lotus-seed genesis new`
/// writes): the network's name and version, its accounts, its presealed miners, the verified
/// registry's root key holder and the account that receives the FIL left over.
///
/// JSON: `{"NetworkVersion":6,"Accounts":[…],"Miners":[…],"NetworkName":"…","Timestamp":…,
/// "VerifregRootKey":{…},"RemainderAccount":{…}}` (`Timestamp` omitted when 0). The same
/// template with the same ``DevnetParameters`` always makes the same genesis block.
public struct GenesisTemplate: Hashable, Sendable {
    /// The network version the chain starts (and, on a devnet, stays) at; 4...9 run the v2 actors.
    public var networkVersion: UInt64
    public var accounts: [GenesisActor]
    public var miners: [GenesisMiner]
    public var networkName: String
    /// The genesis block's timestamp (Unix seconds); epoch `e` starts `e × blockDelay` later.
    public var timestamp: UInt64
    /// Holds the verified registry's root key, at ID 80.
    public var verifregRootKey: GenesisActor
    /// Receives the 2 billion FIL not allocated elsewhere, at ID 90 (its `balance` is ignored).
    public var remainderAccount: GenesisActor

    public init(
        networkVersion: UInt64 = DevnetParameters.defaultNetworkVersion, accounts: [GenesisActor] = [],
        miners: [GenesisMiner] = [], networkName: String, timestamp: UInt64 = 0,
        verifregRootKey: GenesisActor = GenesisTemplate.defaultVerifregRootKey,
        remainderAccount: GenesisActor = GenesisTemplate.defaultRemainderAccount
    ) {
        self.networkVersion = networkVersion
        self.accounts = accounts
        self.miners = miners
        self.networkName = networkName
        self.timestamp = timestamp
        self.verifregRootKey = verifregRootKey
        self.remainderAccount = remainderAccount
    }

    /// The test key Lotus's generator signs its default root key and remainder multisigs with
    /// (`gen.remAccTestKey`).
    public static let lotusTestKey: Address = (try? Address("t1ceb34gnsc6qk5dt6n7xg6ycwzasjhbxm3iylkiy")) ?? Address.idAddress(0)

    /// Lotus `gen.DefaultVerifregRootkeyActor`: a 1-of-1 multisig of ``lotusTestKey``, no balance.
    public static let defaultVerifregRootKey = GenesisActor.multisig(
        MultisigMeta(signers: [lotusTestKey], threshold: 1), balance: .zero)

    /// Lotus `gen.DefaultRemainderAccountActor`: the same multisig.
    public static let defaultRemainderAccount = GenesisActor.multisig(
        MultisigMeta(signers: [lotusTestKey], threshold: 1), balance: .zero)

    // MARK: Editing

    /// What `genesis add-miner` gives a miner's owner by default (Lotus: 50,000,000 FIL).
    public static let defaultMinerOwnerBalance = TokenAmount(attoFIL: BigInt(50_000_000) * TokenAmount.attoFILPerFIL)

    /// Adds a presealed miner and an account for its owner with `ownerBalance` (Lotus
    /// `lotus-seed genesis add-miner`). The miner must be the next one genesis creates.
    /// - Throws: ``GenesisError/minerIDMismatch(index:expected:found:)``; the template is unchanged.
    public mutating func addMiner(_ miner: GenesisMiner, ownerBalance: TokenAmount = defaultMinerOwnerBalance) throws(GenesisError) {
        let expected = GenesisBuilder.minerAddress(index: miners.count)
        guard miner.id == expected else {
            throw .minerIDMismatch(index: miners.count, expected: expected, found: miner.id)
        }
        guard !ownerBalance.isNegative else { throw .malformedTemplate("the owner balance must not be negative") }
        miners.append(miner)
        // An owner already in the template (one key for several miners) gets the balance added.
        if let index = accounts.firstIndex(where: { $0.meta == .account(AccountMeta(owner: miner.owner)) }) {
            accounts[index].balance += ownerBalance
        } else {
            accounts.append(.account(miner.owner, balance: ownerBalance))
        }
    }

    // MARK: Files

    /// A template from its JSON (either address prefix is accepted).
    public init(json: Data) throws(GenesisError) {
        do {
            self = try JSONDecoder().decode(GenesisTemplate.self, from: json)
        } catch {
            throw .malformedTemplate(Self.describe(error))
        }
    }

    /// The template as indented JSON, addresses with the testnet prefix (as `lotus-seed` writes it).
    public func json() throws(GenesisError) -> Data {
        do { return try Self.encoder().encode(self) } catch { throw .malformedTemplate("\(error)") }
    }

    /// The encoder genesis files are written with: indented, keys sorted (stable files), `t` addresses.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.filecoinNetwork] = Network.testnet
        return encoder
    }

    /// A decoding error as one line: where in the file, and what.
    public static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "at the top level" : "at \(keys)"
        }
        switch decoding {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type) value"
        case .keyNotFound(let key, let context): return "\(path(context)): missing field \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? DecodingError).map(describe) ?? context.underlyingError.map { "\($0)" }
            return "\(path(context)): \(context.debugDescription)" + (underlying.map { " (\($0))" } ?? "")
        @unknown default: return "\(error)"
        }
    }
}

extension GenesisTemplate: Codable {
    private enum CodingKeys: String, CodingKey {
        case networkVersion = "NetworkVersion", accounts = "Accounts", miners = "Miners", networkName = "NetworkName"
        case timestamp = "Timestamp", verifregRootKey = "VerifregRootKey", remainderAccount = "RemainderAccount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        networkVersion = try container.decodeIfPresent(UInt64.self, forKey: .networkVersion) ?? 0
        accounts = try container.decodeIfPresent([GenesisActor].self, forKey: .accounts) ?? []
        miners = try container.decodeIfPresent([GenesisMiner].self, forKey: .miners) ?? []
        networkName = try container.decodeIfPresent(String.self, forKey: .networkName) ?? ""
        timestamp = try container.decodeIfPresent(UInt64.self, forKey: .timestamp) ?? 0
        verifregRootKey = try container.decode(GenesisActor.self, forKey: .verifregRootKey)
        remainderAccount = try container.decode(GenesisActor.self, forKey: .remainderAccount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(networkVersion, forKey: .networkVersion)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(miners, forKey: .miners)
        try container.encode(networkName, forKey: .networkName)
        if timestamp != 0 { try container.encode(timestamp, forKey: .timestamp) }
        try container.encode(verifregRootKey, forKey: .verifregRootKey)
        try container.encode(remainderAccount, forKey: .remainderAccount)
    }
}
