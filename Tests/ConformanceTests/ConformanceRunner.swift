import GoCompat
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import IPLD

/// Runs one vector as Lotus's `conformance/runner.go` does: every variant, each message on a
/// fresh VM over the previous message's root, receipts then the final root compared.
struct ConformanceRunner {
    enum Outcome {
        case pass
        /// Why, and the audit's reason class (see ``ConformanceRunner/reason(error:to:)``).
        case fail(String, reason: String = "runner")
        case skip(String)
    }

    /// Lotus's conformance defaults.
    static let defaultBaseFee = TokenAmount(attoFIL: 100)
    static let defaultCirculatingSupply = TokenAmount(attoFIL: TokenAmount.attoFILPerFIL * 2_000_000_000)

    let vector: ConformanceVector
    let blocks: [(cid: CID, data: [UInt8])]
    let trace: [[String: Any]]?
    let registry: ActorRegistry

    func run() -> Outcome {
        if vector.hints.contains("incorrect") { return .skip("hinted incorrect") }
        guard vector.kind == "message" || vector.kind == "tipset" else {
            return .fail("class \(vector.kind) is not supported yet", reason: "class \(vector.kind)")
        }
        guard !vector.variants.isEmpty else { return .fail("vector has no variants") }
        if vector.kind == "tipset" {
            for variant in vector.variants {
                switch runTipsets(variant) {
                case .pass: continue
                case .fail(let why, let reason): return .fail("variant \(variant.id): \(why)", reason: reason)
                case .skip(let why): return .skip(why)
                }
            }
            return .pass
        }
        guard !vector.messages.isEmpty, vector.messages.count == vector.receipts.count else {
            return .fail("\(vector.messages.count) messages but \(vector.receipts.count) expected receipts")
        }
        for variant in vector.variants {
            switch run(variant) {
            case .pass: continue
            case .fail(let why, let reason): return .fail("variant \(variant.id): \(why)", reason: reason)
            case .skip(let why): return .skip(why)
            }
        }
        return .pass
    }

    private func run(_ variant: ConformanceVector.Variant) -> Outcome {
        let store = MemoryBlockstore(blocks)
        var root = vector.preRoot
        var epoch = variant.epoch
        let baseFee = vector.baseFee.flatMap { $0.isZero ? nil : $0 } ?? Self.defaultBaseFee
        // Lotus uses an explicit circ_supply as given, zero included (the extracted vectors record 0).
        let supply = vector.circulatingSupply ?? Self.defaultCirculatingSupply
        let randomness = ReplayingRandomness(rules: vector.randomness)
        for (index, applied) in vector.messages.enumerated() {
            let message: Message
            do { message = try Message(cborBytes: applied.bytes) } catch { return .fail("message \(index) does not decode: \(error)") }
            epoch += applied.epochOffset
            let config = VMConfig(
                epoch: epoch, networkVersion: variant.networkVersion, baseFee: baseFee, circulatingSupply: supply,
                traceGas: true)
            let result: ApplyResult
            let to = recipientName(of: message, root: root, store: store)
            do {
                let vm = try VM(stateRoot: root, store: store, config: config, registry: registry, randomness: randomness)
                result = try vm.applyMessage(message, chainLength: VM.chainLength(of: message))
                root = try vm.flush()
            } catch {
                return .fail("message \(index) to \(to): VM failure: \(error)", reason: Self.reason(error: "\(error)", to: to))
            }
            guard index < vector.receipts.count else { return .fail("no expected receipt for message \(index)") }
            let expected = vector.receipts[index]
            let got = result.receipt
            if got.exitCode != expected.exitCode || got.returnData != expected.returnData || got.gasUsed != expected.gasUsed {
                var why = "receipt \(index): expected exit \(expected.exitCode) gas \(expected.gasUsed) return \(hex(expected.returnData)), got exit \(got.exitCode) gas \(got.gasUsed) return \(hex(got.returnData))"
                if let error = result.errorMessage { why += " (\(error))" }
                if let divergence = firstGasDivergence(message: index, ours: result.gasTrace) { why += "; " + divergence }
                return .fail("to \(to): " + why, reason: "receipt differs, To is \(to)")
            }
        }
        guard root == vector.postRoot else {
            return .fail("state root \(root) != expected \(vector.postRoot)", reason: "state root differs")
        }
        return .pass
    }

    /// A `tipset`-class variant as Lotus's `ExecuteTipsetVector` runs it: each tipset applied by
    /// the block executor at the variant's epoch plus its offset, on the previous tipset's state
    /// with the previous tipset's epoch as parent (null rounds between get cron); every applied
    /// message's receipt (implicit ones included, in order), each receipts root and the final
    /// state root compared. The driver's network version comes from mainnet's schedule (it must
    /// agree with the variant's), its circulating supply is 0 and its base fee the tipset's.
    private func runTipsets(_ variant: ConformanceVector.Variant) -> Outcome {
        guard !vector.tipsets.isEmpty, vector.tipsets.count == vector.receiptsRoots.count else {
            return .fail("\(vector.tipsets.count) tipsets but \(vector.receiptsRoots.count) expected receipts roots")
        }
        let store = MemoryBlockstore(blocks)
        let schedule = NetworkUpgradeSchedule.mainnet
        let executor = TipsetExecutor(
            store: store, registry: registry, schedule: schedule, circulatingSupply: .zero,
            randomness: ReplayingRandomness(rules: vector.randomness), traceGas: true)
        var root = vector.preRoot
        var parentEpoch = variant.epoch
        var receiptIndex = 0
        for (index, tipset) in vector.tipsets.enumerated() {
            let epoch = variant.epoch + tipset.epochOffset
            guard schedule.networkVersion(at: epoch) == variant.networkVersion else {
                return .fail("tipset \(index) at epoch \(epoch) runs network version \(schedule.networkVersion(at: epoch)) on mainnet, the variant says \(variant.networkVersion)")
            }
            let blockMessages: [BlockMessages]
            do { blockMessages = try tipset.blocks.map(Self.blockMessages) } catch {
                return .fail("tipset \(index): a message does not decode: \(error)")
            }
            let executable = ExecutableTipset(
                parentStateRoot: root, parentEpoch: parentEpoch, epoch: epoch,
                baseFee: tipset.baseFee.isZero ? Self.defaultBaseFee : tipset.baseFee, blocks: blockMessages)
            let result: TipsetExecutionResult
            do { result = try executor.execute(executable) } catch {
                // The audit names the actor the failing message went to: the executor's error
                // says which message it was applying.
                let text = "\(error)"
                let to: String
                if text.contains("fatal: reward message") {
                    to = "reward"
                } else if text.contains("fatal: cron at epoch") {
                    to = "cron"
                } else {
                    to = vector.tipsets[index].blocks.first?.messages.first
                        .flatMap { try? Message(cborBytes: $0) }
                        .map { recipientName(of: $0, root: root, store: store) } ?? "?"
                }
                return .fail("tipset \(index): \(error)", reason: Self.reason(error: "\(error)", to: to))
            }
            for (position, applied) in result.applied.enumerated() {
                guard receiptIndex < vector.receipts.count else {
                    return .fail("tipset \(index) applied more messages than the \(vector.receipts.count) expected receipts")
                }
                let expected = vector.receipts[receiptIndex]
                let got = applied.result.receipt
                if got.exitCode != expected.exitCode || got.returnData != expected.returnData || got.gasUsed != expected.gasUsed {
                    var why = "tipset \(index) receipt \(position) (\(applied.kind)): expected exit \(expected.exitCode) gas \(expected.gasUsed) return \(hex(expected.returnData)), got exit \(got.exitCode) gas \(got.gasUsed) return \(hex(got.returnData))"
                    if let error = applied.result.errorMessage { why += " (\(error))" }
                    if let divergence = firstGasDivergence(message: receiptIndex, ours: applied.result.gasTrace) { why += "; " + divergence }
                    return .fail(why, reason: "tipset receipt differs")
                }
                receiptIndex += 1
            }
            guard result.receiptsRoot == vector.receiptsRoots[index] else {
                return .fail("tipset \(index): receipts root \(result.receiptsRoot) != expected \(vector.receiptsRoots[index])", reason: "receipts root differs")
            }
            root = result.stateRoot
            parentEpoch = epoch
        }
        guard receiptIndex == vector.receipts.count else {
            return .fail("applied \(receiptIndex) messages, \(vector.receipts.count) receipts expected", reason: "tipset receipt count differs")
        }
        guard root == vector.postRoot else {
            return .fail("state root \(root) != expected \(vector.postRoot)", reason: "state root differs (tipset)")
        }
        return .pass
    }

    /// A vector block as Lotus's conformance driver builds it: a secp256k1 sender's message
    /// carries a zero 65-byte signature (so it is priced as signed), a BLS sender's goes bare in
    /// the BLS list, and any other sender's is put in both lists (it must fail as an invalid
    /// sender, once: the second copy is a duplicate).
    static func blockMessages(_ block: ConformanceVector.Block) throws -> BlockMessages {
        var bls: [ChainMessage] = []
        var secp: [ChainMessage] = []
        for bytes in block.messages {
            let message = try Message(cborBytes: bytes)
            switch message.from.protocol {
            case .secp256k1:
                secp.append(.signed(SignedMessage(message: message, signature: Signature(kind: .secp256k1, data: [UInt8](repeating: 0, count: 65)))))
            case .bls:
                bls.append(.unsigned(message))
            default:
                secp.append(.unsigned(message))
                bls.append(.unsigned(message))
            }
        }
        return BlockMessages(miner: block.miner, winCount: block.winCount, blsMessages: bls, secpMessages: secp)
    }

    /// The builtin actor `message.to` resolves to in the state before it: the audit of a
    /// failing vector names it ("unresolved" when there is no such actor yet).
    private func recipientName(of message: Message, root: CID, store: any Blockstore) -> String {
        guard let tree = try? StateTreeView(root: root, store: store) else { return "unreadable state" }
        guard let actor = try? tree.actor(at: message.to) else { return "unresolved" }
        return ActorCodes.describe(actor.code).map { "\($0.name) v\($0.actorsVersion)" } ?? "code \(actor.code)"
    }

    /// A failure's reason class: one whose recorded outcome needs a real SNARK verified (the
    /// verifier here can only refuse to answer) needs real proof verification; any other VM
    /// failure is ours, counted under the actor the message is sent to.
    static func reason(error: String, to: String) -> String {
        if error.contains("real proof verification unavailable") { return "needs real proof verification" }
        return "VM failure, To is \(to)"
    }

    /// The first gas charge that differs from the vector's recorded Lotus trace (charges of
    /// nested calls flattened after their parent's, zero charges ignored).
    private func firstGasDivergence(message: Int, ours: [GasCharge]) -> String? {
        guard let trace, message < trace.count else { return nil }
        var theirs: [(String, Int64)] = []
        func flatten(_ node: [String: Any]) {
            for charge in node["GasCharges"] as? [[String: Any]] ?? [] {
                let total = (charge["tg"] as? NSNumber)?.int64Value ?? 0
                if total != 0 { theirs.append((charge["Name"] as? String ?? "?", total)) }
            }
            for sub in node["Subcalls"] as? [[String: Any]] ?? [] { flatten(sub) }
        }
        flatten(trace[message])
        let mine = ours.filter { $0.total != 0 }.map { ($0.name, $0.total) }
        for index in 0..<max(mine.count, theirs.count) {
            let a = index < mine.count ? "\(mine[index].0)=\(mine[index].1)" : "(none)"
            let b = index < theirs.count ? "\(theirs[index].0)=\(theirs[index].1)" : "(none)"
            if a != b {
                return "first gas divergence at charge \(index): ours \(a), Lotus \(b) (sets: ours \(mine.count) charges, Lotus \(theirs.count))"
            }
        }
        return nil
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "∅" : Hex.encode(bytes.prefix(48))
    }
}

/// Lotus's `ReplayingRand`: recorded values by (kind, tag, epoch, entropy), else its fixed fallback.
struct ReplayingRandomness: RandomnessSource {
    let rules: [ConformanceVector.RandomnessRule]

    /// A rule recorded as `[kind, epoch]` holds that epoch's randomness digest, as Lotus's
    /// `rand.Rand` returns it today; the runtime then draws the value the actor asked for
    /// (`DrawRandomnessFromDigest`). A four-element rule holds the drawn value itself.
    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        let kind = fromTickets ? "chain" : "beacon"
        for rule in rules where rule.kind == kind && rule.epoch == epoch {
            if let ruleTag = rule.tag, ruleTag != tag { continue }
            if let ruleEntropy = rule.entropy, ruleEntropy != entropy { continue }
            if rule.tag == nil { return Self.draw(digest: rule.value, tag: tag, epoch: epoch, entropy: entropy) }
            return rule.value
        }
        return Array("i_am_random_____i_am_random_____".utf8)
    }

    /// blake2b-256(tag as big-endian int64 ‖ digest ‖ epoch as big-endian int64 ‖ entropy).
    static func draw(digest: [UInt8], tag: Int64, epoch: Int64, entropy: [UInt8]) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(16 + digest.count + entropy.count)
        withUnsafeBytes(of: tag.bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: digest)
        withUnsafeBytes(of: epoch.bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: entropy)
        return Blake2b.hash256(input)
    }
}
