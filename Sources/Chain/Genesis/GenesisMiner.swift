import ChainState
import DagCBOR
import FilecoinTypes
import Proofs

/// A presealed miner of a genesis template (Lotus `genesis.Miner`), as `venus seed pre-seal`
/// (`lotus-seed pre-seal`) writes it into `pre-seal-<miner>.json`.
///
/// JSON: `{"ID":"t01000","Owner":"t3…","Worker":"t3…","PeerId":"12D3Koo…","MarketBalance":"0",
/// "PowerBalance":"0","SectorSize":2048,"Sectors":[…]}`. Genesis creates it through the power
/// actor, so `id` must be t01000 for the first miner of a template, t01001 for the second, ….
public struct GenesisMiner: Hashable, Sendable {
    public var id: Address
    /// Pays for the miner's creation (`PowerBalance`) and must be an account of the template.
    public var owner: Address
    /// Publishes the deals and pre-commits the sectors, so it must be an account of the template
    /// with enough balance for their pledge. (Genesis makes it the miner's owner too, as Lotus does.)
    public var worker: Address
    /// The libp2p peer ID's bytes (its multihash); JSON carries it as base58btc.
    public var peerID: [UInt8]
    /// Sent from the worker to the market as the miner's escrow.
    public var marketBalance: TokenAmount
    /// Sent from the owner with CreateMiner: the new miner's balance.
    public var powerBalance: TokenAmount
    public var sectorSize: UInt64
    public var sectors: [PresealSector]

    public init(
        id: Address, owner: Address, worker: Address, peerID: [UInt8], marketBalance: TokenAmount = .zero,
        powerBalance: TokenAmount = .zero, sectorSize: UInt64, sectors: [PresealSector]
    ) {
        self.id = id
        self.owner = owner
        self.worker = worker
        self.peerID = peerID
        self.marketBalance = marketBalance
        self.powerBalance = powerBalance
        self.sectorSize = sectorSize
        self.sectors = sectors
    }
}

/// One presealed sector (Lotus `genesis.PreSeal`): its commitments, number and seal proof, the
/// deal that fills it and the key of that deal's client, which signs the deal at genesis.
///
/// JSON: `{"CommR":{"/":…},"CommD":{"/":…},"SectorID":0,"Deal":{…},"DealClientKey":{…},"ProofType":0}`.
public struct PresealSector: Hashable, Sendable {
    /// The sealed sector CID (fil-commitment-sealed).
    public var commR: CID
    /// The unsealed sector CID (fil-commitment-unsealed): the deal's piece CID here.
    public var commD: CID
    public var sectorNumber: UInt64
    public var deal: DealProposal
    /// The deal client's key. Nil only in templates that carry none (older Lotus files); genesis
    /// refuses such a sector, since it signs every deal it publishes.
    public var dealClientKey: GenesisKey?
    public var proofType: RegisteredSealProof

    public init(
        commR: CID, commD: CID, sectorNumber: UInt64, deal: DealProposal, dealClientKey: GenesisKey?,
        proofType: RegisteredSealProof
    ) {
        self.commR = commR
        self.commD = commD
        self.sectorNumber = sectorNumber
        self.deal = deal
        self.dealClientKey = dealClientKey
        self.proofType = proofType
    }
}

extension GenesisMiner: Codable {
    private enum CodingKeys: String, CodingKey {
        case id = "ID", owner = "Owner", worker = "Worker", peerID = "PeerId", marketBalance = "MarketBalance"
        case powerBalance = "PowerBalance", sectorSize = "SectorSize", sectors = "Sectors"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Address.self, forKey: .id)
        owner = try container.decode(Address.self, forKey: .owner)
        worker = try container.decode(Address.self, forKey: .worker)
        let peer = try container.decodeIfPresent(String.self, forKey: .peerID) ?? ""
        do {
            peerID = peer.isEmpty ? [] : try Multibase.base58Decode(Substring(peer).utf8)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .peerID, in: container, debugDescription: "peer ID \"\(peer.prefix(80))\" is not base58btc: \(error)")
        }
        marketBalance = try container.decodeIfPresent(TokenAmount.self, forKey: .marketBalance) ?? .zero
        powerBalance = try container.decodeIfPresent(TokenAmount.self, forKey: .powerBalance) ?? .zero
        sectorSize = try container.decode(UInt64.self, forKey: .sectorSize)
        sectors = try container.decodeIfPresent([PresealSector].self, forKey: .sectors) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(owner, forKey: .owner)
        try container.encode(worker, forKey: .worker)
        try container.encode(Multibase.base58Encode(peerID), forKey: .peerID)
        try container.encode(marketBalance, forKey: .marketBalance)
        try container.encode(powerBalance, forKey: .powerBalance)
        try container.encode(sectorSize, forKey: .sectorSize)
        try container.encode(sectors, forKey: .sectors)
    }
}

extension PresealSector: Codable {
    private enum CodingKeys: String, CodingKey {
        case commR = "CommR", commD = "CommD", sectorNumber = "SectorID", deal = "Deal"
        case dealClientKey = "DealClientKey", proofType = "ProofType"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commR = try container.decode(CID.self, forKey: .commR)
        commD = try container.decode(CID.self, forKey: .commD)
        sectorNumber = try container.decode(UInt64.self, forKey: .sectorNumber)
        deal = try container.decode(DealProposal.self, forKey: .deal)
        // Lotus writes an absent key as its zero value, `{"Type":"","PrivateKey":null}`.
        if let key = try container.decodeIfPresent(AnyKeyInfo.self, forKey: .dealClientKey), !key.type.isEmpty {
            dealClientKey = try container.decode(GenesisKey.self, forKey: .dealClientKey)
        } else {
            dealClientKey = nil
        }
        proofType = RegisteredSealProof(rawValue: try container.decode(Int64.self, forKey: .proofType))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(commR, forKey: .commR)
        try container.encode(commD, forKey: .commD)
        try container.encode(sectorNumber, forKey: .sectorNumber)
        try container.encode(deal, forKey: .deal)
        try container.encodeIfPresent(dealClientKey, forKey: .dealClientKey)
        try container.encode(proofType.rawValue, forKey: .proofType)
    }
}

/// A `types.KeyInfo` read loosely, to tell Go's zero value from a key.
private struct AnyKeyInfo: Decodable {
    var type: String

    private enum CodingKeys: String, CodingKey { case type = "Type" }

    init(from decoder: any Decoder) throws {
        type = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .type) ?? ""
    }
}
