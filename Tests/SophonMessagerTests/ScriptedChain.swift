import BigInt
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import VenusAPI

@testable import SophonMessager

/// A chain the tests script: the tipsets they build, actors' nonces and codes, gas estimates
/// answered as a node answers `GasBatchEstimateMessageGas`, each block's parent messages and
/// receipts, `StateSearchMsg` answers, and a log of every push.
actor ScriptedChain: MessagerChain {
    /// The node's answer for every message it can estimate.
    struct Prices: Sendable {
        var gasLimit: Int64 = 1_000_000
        var gasFeeCap = TokenAmount(attoFIL: 100_000)
        var gasPremium = TokenAmount(attoFIL: 1_000)
    }

    static let placeholder = CID.filecoin(cbor: [0x80])
    static let miner: Address = (try? Address.id(1000)) ?? Address.secp256k1(publicKey: Secp256k1PrivateKey.generate().publicKey)

    private(set) var current: TipSet
    private var tipSets: [TipSetKey: TipSet] = [:]
    private var nonces: [Address: UInt64] = [:]
    private var codes: [Address: CID] = [:]
    private var executedBy: [CID: [(FullNodeAPI.MessageWithCID, MessageReceipt)]] = [:]
    private var lookups: [CID: FullNodeAPI.MsgLookup] = [:]
    private var refuseEstimate: [@Sendable (Message) -> Bool] = []
    var prices = Prices()
    private(set) var pushed: [SignedMessage] = []
    private(set) var estimateBatches: [(count: Int, fromNonce: UInt64)] = []

    init(height: Int64 = 10) {
        let genesis = Self.tipSet(height: height, parents: .empty, salt: 0)
        current = genesis
        tipSets[genesis.key] = genesis
    }

    static func tipSet(height: Int64, parents: TipSetKey, salt: UInt64) -> TipSet {
        let block = BlockHeader(
            miner: miner, ticket: nil, electionProof: nil, beaconEntries: [], winPoStProof: [], parents: parents.cids,
            parentWeight: BigInt(height), height: height, parentStateRoot: placeholder, parentMessageReceipts: placeholder,
            messages: placeholder, blsAggregate: nil, timestamp: UInt64(height) * 30 + salt, blockSig: nil, forkSignaling: 0,
            parentBaseFee: TokenAmount(attoFIL: 100))
        // One block always makes a valid tipset.
        guard let tipSet = try? TipSet(blocks: [block]) else { preconditionFailure("one-block tipset refused") }
        return tipSet
    }

    // MARK: Scripting

    /// A new head on top of `parent` (the current head unless given: a fork otherwise) whose
    /// block executed `messages` (its parent tipset's), each with a receipt (exit code 0 unless given).
    @discardableResult
    func advance(
        on parent: TipSet? = nil, executing messages: [SignedMessage] = [], exitCode: Int64 = 0, salt: UInt64 = 0
    ) -> TipSet {
        let parent = parent ?? current
        let next = Self.tipSet(height: parent.height + 1, parents: parent.key, salt: salt)
        tipSets[next.key] = next
        if let block = next.cids.first {
            executedBy[block] = messages.map { signed in
                (FullNodeAPI.MessageWithCID(cid: signed.cid, message: signed.message),
                 MessageReceipt(exitCode: exitCode, returnData: [], gasUsed: signed.message.gasLimit / 2))
            }
        }
        current = next
        return next
    }

    /// Heads up to `height`, executing nothing.
    func advance(to height: Int64) -> TipSet {
        while current.height < height { advance() }
        return current
    }

    func setNonce(_ nonce: UInt64, of address: Address) { nonces[address] = nonce }
    func setCode(_ code: CID, of address: Address) { codes[address] = code }
    func refuseEstimates(where refuse: @escaping @Sendable (Message) -> Bool) { refuseEstimate.append(refuse) }
    func found(_ cid: CID, at tipSet: TipSet, receipt: MessageReceipt) {
        lookups[cid] = FullNodeAPI.MsgLookup(message: cid, receipt: receipt, tipSet: tipSet.key, height: tipSet.height)
    }
    func clearPushLog() { pushed.removeAll() }

    // MARK: MessagerChain

    func head() async throws -> TipSet { current }

    func tipSet(_ key: TipSetKey) async throws -> TipSet {
        guard let tipSet = tipSets[key] else { throw ScriptError("no tipset \(key)") }
        return tipSet
    }

    func headChanges() async throws -> AsyncThrowingStream<[FullNodeAPI.HeadChange], any Error> {
        let head = current
        return AsyncThrowingStream { continuation in continuation.yield([.init(type: .current, value: head)]) }
    }

    func actor(_ address: Address, at tipSet: TipSetKey) async throws -> FullNodeAPI.Actor? {
        guard nonces[address] != nil || codes[address] != nil else { return nil }
        return FullNodeAPI.Actor(
            code: codes[address] ?? Self.placeholder, head: Self.placeholder, nonce: nonces[address] ?? 0,
            balance: TokenAmount(wholeFIL: 1_000))
    }

    /// As a node estimates a batch: each message at the next nonce from `fromNonce`, a refused
    /// message taking none; the fee cap lowered to what `maxFee` pays for, when set.
    func estimateGas(_ messages: [FullNodeAPI.EstimateMessage], fromNonce: UInt64, at tipSet: TipSetKey)
        async throws -> [FullNodeAPI.EstimateResult]
    {
        estimateBatches.append((messages.count, fromNonce))
        var nonce = fromNonce
        return messages.map { entry in
            var message = entry.msg
            if refuseEstimate.contains(where: { $0(message) }) {
                return FullNodeAPI.EstimateResult(msg: nil, err: "estimating gas: actor execution failed (scripted)")
            }
            message.nonce = nonce
            nonce += 1
            if message.gasLimit == 0 { message.gasLimit = prices.gasLimit }
            if message.gasFeeCap.isZero { message.gasFeeCap = prices.gasFeeCap }
            if message.gasPremium.isZero { message.gasPremium = prices.gasPremium }
            if let maxFee = entry.spec?.maxFee, !maxFee.isZero, maxFee < message.gasFeeCap * BigInt(message.gasLimit) {
                message.gasFeeCap = TokenAmount(attoFIL: maxFee.attoFIL / BigInt(message.gasLimit))
                if message.gasFeeCap < message.gasPremium { message.gasPremium = message.gasFeeCap }
            }
            return FullNodeAPI.EstimateResult(msg: message)
        }
    }

    func parentMessages(of block: CID) async throws -> [FullNodeAPI.MessageWithCID] {
        (executedBy[block] ?? []).map { $0.0 }
    }

    func parentReceipts(of block: CID) async throws -> [MessageReceipt] {
        (executedBy[block] ?? []).map { $0.1 }
    }

    func push(_ messages: [SignedMessage]) async -> [Result<CID, any Error>] {
        pushed += messages
        return messages.map { .success($0.cid) }
    }

    func searchMessage(_ message: CID, from tipSet: TipSetKey) async throws -> FullNodeAPI.MsgLookup? {
        lookups[message]
    }

    func accountKey(_ address: Address, at tipSet: TipSetKey) async throws -> Address { address }
}
