import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import VenusTesting

/// An in-memory chain behind the pool: tipsets by key, one actor table (the state after the
/// head), block messages by block CID, a base fee, and the head changes it announces.
actor FakePoolChain: MessagePoolProvider {
    private(set) var tipsets: [TipSetKey: TipSet] = [:]
    private(set) var actors: [Address: ActorState] = [:]
    private var blockMessages: [CID: MessagePoolBlockMessages] = [:]
    private(set) var idAddresses: [Address: Address] = [:]
    var nextBaseFee = TokenAmount(attoFIL: 100)
    private(set) var published: [SignedMessage] = []
    private(set) var head: TipSet
    private let stream: AsyncStream<MessagePoolHeadChange>
    private let continuation: AsyncStream<MessagePoolHeadChange>.Continuation
    /// Lookups of actors made (selection must ask once per sender).
    private(set) var actorLookups = 0

    static let accountCode = ActorCodes.code("account", actorsVersion: 2)

    init(parentBaseFee: TokenAmount = TokenAmount(attoFIL: 100)) throws {
        let genesis = try Self.makeTipSet(height: 0, parents: [], miners: [0], parentBaseFee: parentBaseFee)
        (stream, continuation) = AsyncStream.makeStream(of: MessagePoolHeadChange.self)
        head = genesis
        tipsets = [genesis.key: genesis]
    }

    /// A tipset of blocks by `miners` at `height` on `parents`; each block is distinguished by its
    /// miner and height (its ticket and message root).
    static func makeTipSet(height: Int64, parents: [CID], miners: [UInt64], parentBaseFee: TokenAmount) throws -> TipSet {
        let blocks = miners.map { miner in
            BlockHeader(
                miner: (try? Address.id(1000 + miner)) ?? Address.actor([UInt8(miner)]),
                ticket: Ticket(vrfProof: [UInt8](repeating: UInt8(truncatingIfNeeded: miner &+ 1), count: 96)),
                electionProof: nil, beaconEntries: [], winPoStProof: [], parents: parents, parentWeight: BigInt(height),
                height: height, parentStateRoot: ActorCodes.emptyObject, parentMessageReceipts: ActorCodes.emptyObject,
                messages: CID.filecoin(cbor: Array("msgs \(height) \(miner)".utf8)), blsAggregate: nil,
                timestamp: UInt64(height) * 30, blockSig: nil, forkSignaling: 0, parentBaseFee: parentBaseFee)
        }
        return try TipSet(blocks: blocks)
    }

    // MARK: Test controls

    func setActor(_ address: Address, balance: TokenAmount, nonce: UInt64 = 0, code: CID = FakePoolChain.accountCode) {
        actors[address] = ActorState(code: code, head: ActorCodes.emptyObject, nonce: nonce, balance: balance)
    }

    func setNonce(_ address: Address, _ nonce: UInt64) { actors[address]?.nonce = nonce }

    func setIDAddress(_ id: Address, for key: Address) { idAddresses[id] = key }

    func setBaseFee(_ fee: TokenAmount) { nextBaseFee = fee }

    /// Makes a child of `parent` (the head by default) holding `messages` in one block, without
    /// announcing it.
    func makeChild(
        of parent: TipSet? = nil, miners: [UInt64] = [0], secp: [SignedMessage] = [], bls: [Message] = [],
        parentBaseFee: TokenAmount = TokenAmount(attoFIL: 100)
    ) throws -> TipSet {
        let parent = parent ?? head
        let tipset = try Self.makeTipSet(height: parent.height + 1, parents: parent.cids, miners: miners, parentBaseFee: parentBaseFee)
        tipsets[tipset.key] = tipset
        for (index, block) in tipset.blocks.enumerated() {
            blockMessages[block.cid] = index == 0 ? MessagePoolBlockMessages(bls: bls, secp: secp) : MessagePoolBlockMessages(bls: [], secp: [])
        }
        return tipset
    }

    /// Moves the head and announces the change.
    func announce(revert: [TipSet], apply: [TipSet]) {
        if let last = apply.last { head = last }
        continuation.yield(MessagePoolHeadChange(revert: revert, apply: apply))
    }

    func finish() { continuation.finish() }

    // MARK: MessagePoolProvider

    func subscribeHeadChanges() async -> (head: TipSet, changes: AsyncStream<MessagePoolHeadChange>) { (head, stream) }

    func loadTipSet(_ key: TipSetKey) async throws -> TipSet {
        guard let tipset = tipsets[key] else { throw FakeChainError.missing("tipset \(key)") }
        return tipset
    }

    func actor(_ address: Address, after tipset: TipSet) async throws -> ActorState? {
        actorLookups += 1
        return actors[idAddresses[address] ?? address]
    }

    func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address {
        guard address.protocol == .id else { return address }
        guard let key = idAddresses[address] else { throw FakeChainError.missing("key of \(address)") }
        return key
    }

    func baseFee(after tipset: TipSet) async throws -> TokenAmount { nextBaseFee }

    nonisolated func networkVersion(at epoch: Int64) -> UInt64 { 16 }

    func messages(in block: BlockHeader) async throws -> MessagePoolBlockMessages {
        guard let messages = blockMessages[block.cid] else { throw FakeChainError.missing("messages of \(block.cid)") }
        return messages
    }

    func publish(_ message: SignedMessage) async throws { published.append(message) }
}

enum FakeChainError: Error {
    case missing(String)
}

/// Keys and messages for the pool tests.
struct TestSender {
    enum Key {
        case secp(Secp256k1PrivateKey)
        case bls(BLSPrivateKey)
    }

    let key: Key
    let address: Address

    static func secp(_ generator: inout SeededGenerator) -> TestSender {
        while true {
            if let key = try? Secp256k1PrivateKey(bytes: generator.bytes(32)) {
                return TestSender(key: .secp(key), address: Address.secp256k1(publicKey: key.publicKey))
            }
        }
    }

    static func bls(_ generator: inout SeededGenerator) -> TestSender {
        let key = BLSPrivateKey.generate(using: &generator)
        // A BLS public key is always 48 bytes, a valid address payload.
        let address = (try? Address.bls(publicKey: key.publicKey.bytes)) ?? Address.actor([])
        return TestSender(key: .bls(key), address: address)
    }

    func sign(_ message: Message) -> SignedMessage {
        switch key {
        case .secp(let key):
            // Signing a 32-byte digest with a valid key cannot fail.
            return (try? message.signed(with: key)) ?? SignedMessage(message: message, signature: Signature(kind: .secp256k1, data: []))
        case .bls(let key):
            return message.signed(with: key)
        }
    }

    /// A signed message to a fixed receiver.
    func message(
        nonce: UInt64, gasLimit: Int64 = 1_000_000, feeCap: Int = 1_000, premium: Int = 100, value: TokenAmount = .zero,
        params: [UInt8] = []
    ) -> SignedMessage {
        sign(unsigned(nonce: nonce, gasLimit: gasLimit, feeCap: feeCap, premium: premium, value: value, params: params))
    }

    func unsigned(
        nonce: UInt64, gasLimit: Int64 = 1_000_000, feeCap: Int = 1_000, premium: Int = 100, value: TokenAmount = .zero,
        params: [UInt8] = []
    ) -> Message {
        Message(
            to: (try? Address.id(1001)) ?? address, from: address, nonce: nonce, value: value, gasLimit: gasLimit,
            gasFeeCap: TokenAmount(attoFIL: feeCap), gasPremium: TokenAmount(attoFIL: premium), method: 0, params: params)
    }
}
