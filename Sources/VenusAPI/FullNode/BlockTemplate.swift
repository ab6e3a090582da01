import FilecoinTypes

extension FullNodeAPI {
    /// What a miner hands the node to assemble a block (`MinerCreateBlock`; Lotus
    /// `api.BlockTemplate`). The node fills in what follows from the parents (state root,
    /// receipts, weight, base fee) and the message roots; `ticket` and `eproof` are already
    /// signed by the miner's worker key.
    public struct BlockTemplate: Codable, Sendable, Hashable {
        public var miner: Address
        public var parents: TipSetKey
        public var ticket: Ticket?
        public var eproof: ElectionProof?
        public var beaconValues: [BeaconEntry]
        public var messages: [SignedMessage]
        public var epoch: Int64
        public var timestamp: UInt64
        public var winningPoStProof: [PoStProof]

        public init(
            miner: Address, parents: TipSetKey, ticket: Ticket?, eproof: ElectionProof?, beaconValues: [BeaconEntry],
            messages: [SignedMessage], epoch: Int64, timestamp: UInt64, winningPoStProof: [PoStProof]
        ) {
            self.miner = miner
            self.parents = parents
            self.ticket = ticket
            self.eproof = eproof
            self.beaconValues = beaconValues
            self.messages = messages
            self.epoch = epoch
            self.timestamp = timestamp
            self.winningPoStProof = winningPoStProof
        }

        enum CodingKeys: String, CodingKey {
            case miner = "Miner", parents = "Parents", ticket = "Ticket", eproof = "Eproof"
            case beaconValues = "BeaconValues", messages = "Messages", epoch = "Epoch", timestamp = "Timestamp"
            case winningPoStProof = "WinningPoStProof"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            miner = try c.decode(Address.self, forKey: .miner)
            parents = try c.decode(TipSetKey.self, forKey: .parents)
            ticket = try c.decodeIfPresent(Ticket.self, forKey: .ticket)
            eproof = try c.decodeIfPresent(ElectionProof.self, forKey: .eproof)
            beaconValues = try c.decodeGoSlice([BeaconEntry].self, forKey: .beaconValues)
            messages = try c.decodeGoSlice([SignedMessage].self, forKey: .messages)
            epoch = try c.decode(Int64.self, forKey: .epoch)
            timestamp = try c.decode(UInt64.self, forKey: .timestamp)
            winningPoStProof = try c.decodeGoSlice([PoStProof].self, forKey: .winningPoStProof)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(miner, forKey: .miner)
            try c.encode(parents, forKey: .parents)
            try c.encode(ticket, forKey: .ticket)
            try c.encode(eproof, forKey: .eproof)
            try c.encode(beaconValues, forKey: .beaconValues)
            try c.encode(messages, forKey: .messages)
            try c.encode(epoch, forKey: .epoch)
            try c.encode(timestamp, forKey: .timestamp)
            try c.encode(winningPoStProof, forKey: .winningPoStProof)
        }
    }
}
