import GoCompat
import ChainState
import DagCBOR
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
        guard vector.kind == "message" else { return .fail("class \(vector.kind) is not supported yet", reason: "class \(vector.kind)") }
        guard !vector.variants.isEmpty else { return .fail("vector has no variants") }
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

    /// The builtin actor `message.to` resolves to in the state before it: the audit of a
    /// failing vector names it ("unresolved" when there is no such actor yet).
    private func recipientName(of message: Message, root: CID, store: any Blockstore) -> String {
        guard let tree = try? StateTreeView(root: root, store: store) else { return "unreadable state" }
        guard let actor = try? tree.actor(at: message.to) else { return "unresolved" }
        return ActorCodes.describe(actor.code).map { "\($0.name) v\($0.actorsVersion)" } ?? "code \(actor.code)"
    }

    /// A failure's reason class: a message that reaches an actor not implemented natively
    /// (`UnimplementedActor`'s fatal error names it) needs that actor; any other VM failure is ours.
    static func reason(error: String, to: String) -> String {
        if let range = error.range(of: " method "), error.contains("is not implemented natively") {
            let prefix = error[..<range.lowerBound]
            let name = prefix.split(separator: " ").last.map(String.init) ?? "?"
            let recipient = to.split(separator: " ").first.map(String.init) ?? to
            return recipient == name ? "needs the \(name) actor" : "needs the \(name) actor (called from \(recipient))"
        }
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

    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        let kind = fromTickets ? "chain" : "beacon"
        for rule in rules where rule.kind == kind && rule.epoch == epoch {
            if let ruleTag = rule.tag, ruleTag != tag { continue }
            if let ruleEntropy = rule.entropy, ruleEntropy != entropy { continue }
            return rule.value
        }
        return Array("i_am_random_____i_am_random_____".utf8)
    }
}
