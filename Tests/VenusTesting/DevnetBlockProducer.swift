import Chain
import FilecoinCrypto
import FilecoinTypes
import Foundation
import JSONRPC
import Proofs
import VenusAPI

/// Moves a devnet chain through a node's JSON-RPC API only, as sophon-miner does: for each miner
/// it asks `MinerGetBaseInfo`, draws the election proof and ticket with the miner's worker key
/// (held here, as a storage provider's wallet holds it), proves with the mock prover, has the node
/// assemble the block with `MinerCreateBlock`, signs it if the node left it unsigned, and offers
/// it with `SyncSubmitBlock`.
///
/// What goes into the blocks is a ``Messages`` choice: the node's own pool (`MpoolSelect`, or
/// `MpoolSelects` when several miners win one round, one selection per block by ticket quality,
/// as a real miner does), messages given explicitly, or none.
///
/// A block is submitted only once its round's time has come (the node refuses blocks from the
/// future); a genesis an hour in the past makes the first few hundred rounds due at once.
///
/// Production is serialised: `mineNext`, `advance`, `fork` and a running `run` loop may be called
/// from several tasks and each tipset (a fork or an advance: all of its tipsets) is made on the
/// chain the one before it left.
///
/// Usage:
/// ```swift
/// let producer = DevnetBlockProducer(url: node.url, token: node.adminToken, devnet: devnet)
/// try await producer.advance(epochs: 5)                       // five tipsets with pool messages
/// try await producer.mineNext(messages: .explicit([signed]))  // one tipset carrying `signed`
/// try await producer.mineNext(nullRounds: 3)                  // three empty rounds, then a tipset
/// let fork = try await producer.fork(from: older)             // a heavier chain from `older`
/// let loop = Task { try await producer.run() }                // until `loop.cancel()`
/// ```
public final class DevnetBlockProducer: Sendable {
    /// The messages a produced block carries.
    public enum Messages: Sendable {
        /// No messages.
        case none
        /// These, in the first block of the tipset (its other blocks carry none).
        case explicit([SignedMessage])
        /// The node's selection from its pool for each winning block, by its ticket quality.
        case pool
    }

    /// No miner won any of the rounds tried on a base.
    public struct NoWinner: Error, CustomStringConvertible {
        public let base: TipSetKey
        public let rounds: ClosedRange<Int64>
        public var description: String { "no miner won any of the rounds \(rounds) on \(base)" }
        public init(base: TipSetKey, rounds: ClosedRange<Int64>) {
            self.base = base
            self.rounds = rounds
        }
    }

    /// A fork did not become the node's head within its length limit.
    public struct ForkNotHeavier: Error, CustomStringConvertible {
        public let base: TipSetKey
        public let length: Int
        public let head: TipSetKey
        public var description: String { "a fork of \(length) tipsets on \(base) did not become the head (still \(head))" }
    }

    public let client: any RPCClient
    public let miners: [Address]
    public let blockDelaySeconds: UInt64
    let signer: MiningSigner
    let parameters: ConsensusParameters
    let prover = MockProofs()
    private let gate = SerialGate()

    /// A producer for `miners` whose worker keys are among `keys`, on the node behind `client`.
    public init(client: any RPCClient, miners: [Address], keys: [GenesisKey], blockDelaySeconds: UInt64 = 4) {
        self.client = client
        self.miners = miners
        self.blockDelaySeconds = blockDelaySeconds
        self.signer = MiningSigner.local(keys)
        var parameters = ConsensusParameters.devnet2k
        parameters.blockDelaySeconds = blockDelaySeconds
        self.parameters = parameters
    }

    /// A producer over the JSON-RPC endpoint `url` (e.g. `http://127.0.0.1:<port>/rpc/v1`) with
    /// `token` (write permission at least).
    public convenience init(url: String, token: String?, miners: [Address], keys: [GenesisKey], blockDelaySeconds: UInt64 = 4) {
        self.init(client: RPCHTTPClient(url: url, token: token), miners: miners, keys: keys, blockDelaySeconds: blockDelaySeconds)
    }

    /// A producer for every miner of `devnet`.
    public convenience init(url: String, token: String?, devnet: DevnetTestGenesis) {
        self.init(url: url, token: token, miners: devnet.miners, keys: devnet.keys, blockDelaySeconds: devnet.blockDelaySeconds)
    }

    /// A producer for every miner of `devnet`, through `client`.
    public convenience init(client: any RPCClient, devnet: DevnetTestGenesis) {
        self.init(client: client, miners: devnet.miners, keys: devnet.keys, blockDelaySeconds: devnet.blockDelaySeconds)
    }

    // MARK: One round

    /// A miner that won a round: what its block needs besides messages.
    struct Winner: Sendable {
        let miner: Address
        let info: MiningBaseInfo
        let proof: ElectionProof
        let ticket: Ticket
    }

    /// The miners among `only` (all when nil) that win `round` on `base`.
    func winners(round: Int64, base: TipSet, only: [Address]?) async throws -> [Winner] {
        var found: [Winner] = []
        for miner in only ?? miners {
            guard let api = try await client.call(FullNodeAPI.minerGetBaseInfo, .init(miner, round, base.key)),
                api.eligibleForMining
            else { continue }
            let info = MiningBaseInfo(
                minerPower: api.minerPower.value, networkPower: api.networkPower.value,
                sectors: api.sectors.map {
                    SectorInfo(sealProof: RegisteredSealProof(rawValue: $0.sealProof), sectorNumber: $0.sectorNumber, sealedCID: $0.sealedCID)
                },
                workerKey: api.workerKey, sectorSize: api.sectorSize, prevBeaconEntry: api.prevBeaconEntry,
                beaconEntries: api.beaconEntries, eligibleForMining: api.eligibleForMining)
            guard let proof = try await Election.electionProof(
                miner: miner, round: round, beaconBase: info.beaconBase, worker: info.workerKey, minerPower: info.minerPower,
                networkPower: info.networkPower, blocksPerEpoch: parameters.blocksPerEpoch, signer: signer)
            else { continue }
            let ticket = try await Election.ticket(
                miner: miner, round: round, base: base, beaconBase: info.beaconBase, worker: info.workerKey, signer: signer,
                parameters: parameters)
            found.append(Winner(miner: miner, info: info, proof: proof, ticket: ticket))
        }
        return found
    }

    /// Lotus `Ticket.Quality`: 1 − blake2b256(VRF proof) / 2²⁵⁶. The digest's first 8 bytes fix
    /// the value to within a double's precision.
    public static func quality(of ticket: Ticket) -> Double {
        let digest = Blake2b.hash256(ticket.vrfProof)
        let top = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return 1 - Double(top) / 18_446_744_073_709_551_616.0
    }

    /// Each winner's messages, in the winners' order.
    func selections(for winners: [Winner], base: TipSet, messages: Messages) async throws -> [[SignedMessage]] {
        switch messages {
        case .none:
            return winners.map { _ in [] }
        case .explicit(let given):
            return winners.indices.map { $0 == 0 ? given : [] }
        case .pool:
            let qualities = winners.map { Self.quality(of: $0.ticket) }
            if qualities.count == 1 {
                // One winner: the Lotus call, so a Lotus node serves too.
                return [try await client.call(FullNodeAPI.mpoolSelect, .init(base.key, qualities[0]))]
            }
            let selected = try await client.call(FullNodeAPI.mpoolSelects, .init(base.key, qualities))
            return winners.indices.map { $0 < selected.count ? selected[$0] : [] }
        }
    }

    /// The blocks the miners among `only` (all when nil) win at `round` on `base`, assembled by
    /// the node and signed, not submitted.
    public func blocks(
        round: Int64, base: TipSet, messages: Messages = .none, only: [Address]? = nil
    ) async throws -> [FullNodeAPI.BlockMsg] {
        try await assemble(winners(round: round, base: base, only: only), round: round, base: base, messages: messages)
    }

    /// The blocks of the first round on `base` some miner wins, after at least `nullRounds`
    /// empty ones, assembled by the node and signed, not submitted (nor waited for).
    public func nextBlocks(
        on base: TipSet, messages: Messages = .none, only: [Address]? = nil, nullRounds: Int = 0, maxRounds: Int = 40
    ) async throws -> [FullNodeAPI.BlockMsg] {
        let rounds = Self.rounds(after: base, nullRounds: nullRounds, maxRounds: maxRounds)
        for round in rounds {
            let made = try await blocks(round: round, base: base, messages: messages, only: only)
            if !made.isEmpty { return made }
        }
        throw NoWinner(base: base.key, rounds: rounds)
    }

    static func rounds(after base: TipSet, nullRounds: Int, maxRounds: Int) -> ClosedRange<Int64> {
        let first = base.height + 1 + Int64(max(0, nullRounds))
        return first...(first + Int64(max(1, maxRounds)) - 1)
    }

    func assemble(_ winners: [Winner], round: Int64, base: TipSet, messages: Messages) async throws -> [FullNodeAPI.BlockMsg] {
        guard !winners.isEmpty,
            let timestamp = Election.timestamp(round: round, base: base, blockDelaySeconds: parameters.blockDelaySeconds)
        else { return [] }
        let selections = try await selections(for: winners, base: base, messages: messages)
        var made: [FullNodeAPI.BlockMsg] = []
        for (winner, selected) in zip(winners, selections) {
            let winningPoSt = try Election.winningPoSt(miner: winner.miner, round: round, baseInfo: winner.info, prover: prover)
            let template = FullNodeAPI.BlockTemplate(
                miner: winner.miner, parents: base.key, ticket: winner.ticket, eproof: winner.proof,
                beaconValues: winner.info.beaconEntries, messages: selected, epoch: round, timestamp: timestamp,
                winningPoStProof: winningPoSt)
            var block = try await client.call(FullNodeAPI.minerCreateBlock, .init(template))
            if block.header.blockSig == nil {
                block.header.blockSig = try await signer.sign(block.header.signingBytes, by: winner.info.workerKey)
            }
            made.append(block)
        }
        return made
    }

    /// Sleeps until `round` on `base` has come by the local clock (no time when it is past).
    ///
    /// This is the devnet's clock, not a way to order a test: the node refuses a block whose
    /// timestamp lies in the future, so a producer, like sophon-miner, waits for its round.
    /// Tests never wait on it; they wait on the state a block brings (`eventually`).
    func waitForRound(_ round: Int64, base: TipSet) async throws {
        guard let due = Election.timestamp(round: round, base: base, blockDelaySeconds: parameters.blockDelaySeconds) else { return }
        let wait = Double(due) - Date().timeIntervalSince1970
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
    }

    // MARK: Tipsets

    /// Makes and submits the next tipset on `base` (the head when nil) at the first round some
    /// miner wins, leaving at least `nullRounds` empty rounds before it; returns its blocks.
    /// Waits for the round's time when it has not come yet.
    @discardableResult
    public func mineNext(
        on base: TipSet? = nil, messages: Messages = .pool, only: [Address]? = nil, nullRounds: Int = 0, maxRounds: Int = 40
    ) async throws -> [FullNodeAPI.BlockMsg] {
        try await gate.exclusively {
            try await produceNext(on: base, messages: messages, only: only, nullRounds: nullRounds, maxRounds: maxRounds)
        }
    }

    /// Makes `epochs` tipsets, each on the one before it (the first on the head), with `messages`;
    /// returns them. The head moves by `epochs` tipsets; its height moves by as much plus the
    /// rounds no miner won (rare: e⁻⁵ of rounds at five expected blocks per epoch).
    @discardableResult
    public func advance(epochs: Int, messages: Messages = .pool) async throws -> [TipSet] {
        try await gate.exclusively {
            var made: [TipSet] = []
            var base = try await client.call(FullNodeAPI.chainHead)
            for _ in 0..<epochs {
                base = try TipSet(blocks: try await produceNext(on: base, messages: messages).map(\.header))
                made.append(base)
            }
            return made
        }
    }

    /// Makes tipsets on the head one after another, with `messages`, until the calling task is
    /// cancelled (then returns normally), each at its round's time. Other calls (`advance`,
    /// `fork`, ...) interleave between its tipsets.
    public func run(messages: Messages = .pool) async throws {
        do {
            while !Task.isCancelled {
                try await gate.exclusively { _ = try await produceNext(on: nil, messages: messages) }
            }
        } catch is CancellationError {
            return
        } catch where Task.isCancelled {
            // A call cut short by the cancellation (a closed connection) is the loop ending.
            return
        }
    }

    /// Builds a fork on `base` (usually older than the head) and submits it: `length` tipsets,
    /// or, when nil, tipsets until the node takes the fork's tip as its head (at most
    /// `maxLength`, else ``ForkNotHeavier``). The first fork tipset is at a round after the
    /// current head's (`firstRound` to choose), so no miner makes a second block at a height it
    /// already made one. Returns the fork's tipsets, oldest first.
    @discardableResult
    public func fork(
        from base: TipSet, length: Int? = nil, messages: Messages = .none, only: [Address]? = nil,
        firstRound: Int64? = nil, maxLength: Int = 30
    ) async throws -> [TipSet] {
        try await gate.exclusively {
            let head = try await client.call(FullNodeAPI.chainHead)
            let start = firstRound ?? max(base.height, head.height) + 1
            var tip = base
            var made: [TipSet] = []
            while made.count < (length ?? maxLength) {
                let gap = made.isEmpty ? Int(max(0, start - base.height - 1)) : 0
                let blocks = try await produceNext(on: tip, messages: messages, only: only, nullRounds: gap)
                tip = try TipSet(blocks: blocks.map(\.header))
                made.append(tip)
                if length == nil, try await client.call(FullNodeAPI.chainHead).key == tip.key { return made }
            }
            if length == nil {
                throw ForkNotHeavier(base: base.key, length: made.count, head: try await client.call(FullNodeAPI.chainHead).key)
            }
            return made
        }
    }

    /// `mineNext` without taking the gate (its callers hold it).
    private func produceNext(
        on base: TipSet?, messages: Messages, only: [Address]? = nil, nullRounds: Int = 0, maxRounds: Int = 40
    ) async throws -> [FullNodeAPI.BlockMsg] {
        let start: TipSet
        if let base { start = base } else { start = try await client.call(FullNodeAPI.chainHead) }
        let rounds = Self.rounds(after: start, nullRounds: nullRounds, maxRounds: maxRounds)
        for round in rounds {
            let winners = try await winners(round: round, base: start, only: only)
            guard !winners.isEmpty else { continue }
            // As a miner does: the round's time comes first, then the pool is asked for messages.
            try await waitForRound(round, base: start)
            let made = try await assemble(winners, round: round, base: start, messages: messages)
            for block in made { _ = try await client.call(FullNodeAPI.syncSubmitBlock, .init(block)) }
            return made
        }
        throw NoWinner(base: start.key, rounds: rounds)
    }
}
