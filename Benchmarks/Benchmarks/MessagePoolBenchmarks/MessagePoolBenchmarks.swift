import Benchmark
import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation

/// A fixed chain for the pool: one head, every sender an account with 10^6 FIL at nonce 0.
final class BenchChain: MessagePoolProvider {
    let head: TipSet
    let accounts: [Address: ActorState]
    let nextBaseFee: TokenAmount

    init(head: TipSet, accounts: [Address: ActorState], nextBaseFee: TokenAmount) {
        self.head = head
        self.accounts = accounts
        self.nextBaseFee = nextBaseFee
    }

    func subscribeHeadChanges() async -> (head: TipSet, changes: AsyncStream<MessagePoolHeadChange>) {
        (head, AsyncStream { $0.finish() })
    }
    func loadTipSet(_ key: TipSetKey) async throws -> TipSet { head }
    func actor(_ address: Address, after tipset: TipSet) async throws -> ActorState? { accounts[address] }
    func actors(_ addresses: [Address], after tipset: TipSet) async throws -> [Address: ActorState] {
        var result: [Address: ActorState] = [:]
        for address in addresses { result[address] = accounts[address] }
        return result
    }
    func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address { address }
    func baseFee(after tipset: TipSet) async throws -> TokenAmount { nextBaseFee }
    func networkVersion(at epoch: Int64) -> UInt64 { 16 }
    func messages(in block: BlockHeader) async throws -> MessagePoolBlockMessages { MessagePoolBlockMessages(bls: [], secp: []) }
}

/// SplitMix64, so every run builds the same pool.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The pool measured: 1,000 secp senders × 16 messages (nonces 0-15) = 16,000 messages. Gas
/// limits log-uniform in 2-200 M (about 64 blocks' worth in all); premiums exponential with
/// mean 10^6 attoFIL; fee caps from 0.5 to 3 times the base fee above the premium, so about a
/// fifth of the messages cannot pay the 10^6 base fee and perform negatively.
enum PoolFixture {
    static let senders = 1_000
    static let perSender = 16
    static let baseFee = TokenAmount(attoFIL: 1_000_000)

    static func build() async throws -> (MessagePool, TipSet) {
        var generator = SplitMix(state: 2026)
        var keys: [(Secp256k1PrivateKey, Address)] = []
        while keys.count < senders {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let key = try? Secp256k1PrivateKey(bytes: bytes) { keys.append((key, Address.secp256k1(publicKey: key.publicKey))) }
        }
        let account = ActorCodes.code("account", actorsVersion: 2)
        var accounts: [Address: ActorState] = [:]
        for (_, address) in keys {
            accounts[address] = ActorState(code: account, head: ActorCodes.emptyObject, balance: TokenAmount(wholeFIL: 1_000_000))
        }
        let block = BlockHeader(
            miner: try Address.id(1000), ticket: Ticket(vrfProof: [UInt8](repeating: 1, count: 96)), electionProof: nil,
            beaconEntries: [], winPoStProof: [], parents: [], parentWeight: 0, height: 100,
            parentStateRoot: ActorCodes.emptyObject, parentMessageReceipts: ActorCodes.emptyObject,
            messages: ActorCodes.emptyObject, blsAggregate: nil, timestamp: 3_000, blockSig: nil, forkSignaling: 0,
            parentBaseFee: baseFee)
        let head = try TipSet(blocks: [block])
        let chain = BenchChain(head: head, accounts: accounts, nextBaseFee: baseFee)
        let pool = try await MessagePool(provider: chain)
        let receiver = try Address.id(1001)
        for (key, address) in keys {
            for nonce in 0..<perSender {
                let gasLimit = Int64(exp(Double.random(in: log(2e6)...log(2e8), using: &generator)))
                let premium = Int(-log(Double.random(in: Double.ulpOfOne...1, using: &generator)) * 1_000_000)
                let feeCap = premium + Int(Double.random(in: 0.5...3, using: &generator) * 1_000_000)
                let message = Message(
                    to: receiver, from: address, nonce: UInt64(nonce), value: .zero, gasLimit: gasLimit,
                    gasFeeCap: TokenAmount(attoFIL: feeCap), gasPremium: TokenAmount(attoFIL: premium), method: 0)
                try await pool.push(try message.signed(with: key), publish: false)
            }
        }
        return (pool, head)
    }
}

/// Built once per process, shared by the benchmarks.
actor SharedPool {
    static let shared = SharedPool()
    private var built: (MessagePool, TipSet)?

    func get() async throws -> (MessagePool, TipSet) {
        if let built { return built }
        let fresh = try await PoolFixture.build()
        built = fresh
        return fresh
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds,
        maxDuration: .seconds(10), maxIterations: 100)

    // One iteration: MpoolSelect on the head (snapshot, base fee, 1,000 actor lookups, chains,
    // packing); the pool is built before the first measurement and unchanged by selection.
    for (name, quality) in [("greedy, ticket quality 0.9", 0.9), ("optimal, ticket quality 0.5", 0.5)] {
        Benchmark("MpoolSelect from 16,000 messages (\(name))") { benchmark in
            let (pool, head) = try await SharedPool.shared.get()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await pool.selectMessages(for: head, ticketQuality: quality))
            }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("MpoolSelects from 16,000 messages (5 blocks: qualities 0.95, 0.8, 0.6, 0.4, 0.2)") { benchmark in
        let (pool, head) = try await SharedPool.shared.get()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await pool.selectMessages(for: head, ticketQualities: [0.95, 0.8, 0.6, 0.4, 0.2]))
        }
        benchmark.stopMeasurement()
    }
}
