import BigInt
import DagCBOR

/// Lotus JSON: fields by name, CIDs as `{"/": ...}`, big ints as decimal strings, absent
/// optionals as null.
extension BlockHeader: Codable {
    private enum CodingKeys: String, CodingKey {
        case miner = "Miner", ticket = "Ticket", electionProof = "ElectionProof"
        case beaconEntries = "BeaconEntries", winPoStProof = "WinPoStProof", parents = "Parents"
        case parentWeight = "ParentWeight", height = "Height", parentStateRoot = "ParentStateRoot"
        case parentMessageReceipts = "ParentMessageReceipts", messages = "Messages"
        case blsAggregate = "BLSAggregate", timestamp = "Timestamp", blockSig = "BlockSig"
        case forkSignaling = "ForkSignaling", parentBaseFee = "ParentBaseFee"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        miner = try container.decode(Address.self, forKey: .miner)
        ticket = try container.decodeIfPresent(Ticket.self, forKey: .ticket)
        electionProof = try container.decodeIfPresent(ElectionProof.self, forKey: .electionProof)
        beaconEntries = try container.decodeIfPresent([BeaconEntry].self, forKey: .beaconEntries) ?? []
        winPoStProof = try container.decodeIfPresent([PoStProof].self, forKey: .winPoStProof) ?? []
        parents = try container.decodeIfPresent([CID].self, forKey: .parents) ?? []
        let weight = try container.decode(String.self, forKey: .parentWeight)
        do {
            parentWeight = try FilecoinBigInt.parseDecimal(weight)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .parentWeight, in: container, debugDescription: error.description)
        }
        height = try container.decode(Int64.self, forKey: .height)
        parentStateRoot = try container.decode(CID.self, forKey: .parentStateRoot)
        parentMessageReceipts = try container.decode(CID.self, forKey: .parentMessageReceipts)
        messages = try container.decode(CID.self, forKey: .messages)
        blsAggregate = try container.decodeIfPresent(Signature.self, forKey: .blsAggregate)
        timestamp = try container.decode(UInt64.self, forKey: .timestamp)
        blockSig = try container.decodeIfPresent(Signature.self, forKey: .blockSig)
        forkSignaling = try container.decode(UInt64.self, forKey: .forkSignaling)
        parentBaseFee = try container.decode(TokenAmount.self, forKey: .parentBaseFee)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(miner, forKey: .miner)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(electionProof, forKey: .electionProof)
        try container.encode(beaconEntries, forKey: .beaconEntries)
        try container.encode(winPoStProof, forKey: .winPoStProof)
        try container.encode(parents, forKey: .parents)
        try container.encode(parentWeight.description, forKey: .parentWeight)
        try container.encode(height, forKey: .height)
        try container.encode(parentStateRoot, forKey: .parentStateRoot)
        try container.encode(parentMessageReceipts, forKey: .parentMessageReceipts)
        try container.encode(messages, forKey: .messages)
        try container.encode(blsAggregate, forKey: .blsAggregate)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(blockSig, forKey: .blockSig)
        try container.encode(forkSignaling, forKey: .forkSignaling)
        try container.encode(parentBaseFee, forKey: .parentBaseFee)
    }
}
