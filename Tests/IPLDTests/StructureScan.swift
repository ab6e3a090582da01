import DagCBOR
import FilecoinCrypto
import IPLD
import VenusTesting

/// Finds every HAMT and AMT root among a set of blocks written by the Go implementations and
/// rebuilds each from its contents alone: go-hamt-ipld and go-amt-ipld are the oracle, since
/// the rebuilt root must have the very CID they produced.
struct StructureScan {
    struct Report {
        var hamtRoots = 0
        var hamtEntries = 0
        var amtRoots = 0
        var amtValues = 0
        var nodesVerified = 0
        /// Roots whose blocks are not all present (conformance CARs hold only what a test touches).
        var incomplete = 0
        /// v0 HAMTs whose unsorted folded buckets make the root depend on history.
        var historyDependent = 0
        var failures: [String] = []
    }

    /// Shapes only: `[bytes, [pointers...]]` for a HAMT node, `[uint, uint, node]` or `[uint, uint, uint, node]` for AMT roots.
    static func scan(_ blocks: [(cid: CID, data: [UInt8])], store: MemoryBlockstore, seed: UInt64) -> Report {
        var report = Report()
        var generator = SeededGenerator(seed: seed)
        var hamtShaped: [CID: HAMTEncoding] = [:]
        var hamtChildren: Set<CID> = []
        var amtRoots: [(CID, AMTFormat)] = []
        for block in blocks where block.cid.codec == Multicodec.dagCBOR {
            guard case .array(let fields)? = try? CBORValue(cborBytes: block.data) else { continue }
            if fields.count == 2, case .bytes = fields[0], case .array(let pointers) = fields[1] {
                var encoding: HAMTEncoding? = pointers.isEmpty ? .v3 : nil
                for pointer in pointers {
                    switch pointer {
                    case .cid(let child): encoding = .v3; hamtChildren.insert(child)
                    case .array: encoding = .v3
                    case .map(let entries):
                        encoding = .v2
                        for entry in entries { if case .cid(let child) = entry.value { hamtChildren.insert(child) } }
                    default: encoding = nil
                    }
                    if encoding == nil { break }
                }
                if let encoding { hamtShaped[block.cid] = encoding }
            } else if fields.count == 3, case .unsigned = fields[0], case .unsigned = fields[1], isAMTNode(fields[2]) {
                amtRoots.append((block.cid, .legacy))
            } else if fields.count == 4, case .unsigned(let bitWidth) = fields[0], case .unsigned = fields[1],
                case .unsigned = fields[2], isAMTNode(fields[3]), (1...16).contains(bitWidth) {
                amtRoots.append((block.cid, .current(bitWidth: Int(bitWidth))))
            }
        }
        for (cid, encoding) in hamtShaped.sorted(by: { $0.key < $1.key }) where !hamtChildren.contains(cid) {
            // Filecoin's HAMTs use bit width 5; a few later actor tables use wider ones.
            var matched = false
            var missing = false
            var lastProblem = "no bit width decodes it"
            // Map pointers are v2 (sorted buckets) or v0 (buckets folded unsorted); try v2 first.
            let variants: [HAMTEncoding] = encoding == .v3 ? [.v3] : [.v2, .v0]
            for bitWidth in [5, 6, 7, 8] {
              for variant in variants {
                do {
                    let parameters = try HAMTParameters(bitWidth: bitWidth, encoding: variant)
                    let hamt = try HAMT(loading: cid, store: store, parameters: parameters)
                    let entries = try hamt.entries()
                    var rebuilt = HAMT(store: MemoryBlockstore(), parameters: parameters)
                    for entry in entries.shuffled(using: &generator) { try rebuilt.set(entry.key, entry.value) }
                    // A v0 tree holding a bucket folded out of order cannot be rebuilt from contents
                    // alone; its blocks are still checked to re-encode exactly.
                    if try rebuilt.flush() != cid {
                        guard variant == .v0 else { lastProblem = "rebuilt root differs"; break }
                        report.historyDependent += 1
                    }
                    report.nodesVerified += try hamt.verifyStoredNodes() + 1
                    report.hamtRoots += 1
                    report.hamtEntries += entries.count
                    matched = true
                    break
                } catch HAMTError.store(.notFound) {
                    missing = true
                    break
                } catch {
                    lastProblem = "\(error)"
                }
              }
              if matched || missing { break }
            }
            if missing { report.incomplete += 1; continue }
            if !matched { report.failures.append("HAMT \(cid): \(lastProblem)") }
        }
        for (cid, format) in amtRoots {
            do {
                let amt = try AMT(loading: cid, store: store, format: format)
                let values = try amt.values()
                var rebuilt = try AMT(store: MemoryBlockstore(), format: format)
                for value in values.shuffled(using: &generator) { try rebuilt.set(value.index, value.value) }
                let rebuiltRoot = try rebuilt.flush()
                if rebuiltRoot != cid { report.failures.append("AMT \(cid): rebuilt root \(rebuiltRoot) differs") }
                report.nodesVerified += try amt.verifyStoredNodes() + 1
                report.amtRoots += 1
                report.amtValues += values.count
            } catch AMTError.store(.notFound) {
                report.incomplete += 1
            } catch {
                report.failures.append("AMT \(cid) (\(format)): \(error)")
            }
        }
        return report
    }

    private static func isAMTNode(_ value: CBORValue) -> Bool {
        guard case .array(let fields) = value, fields.count == 3, case .bytes = fields[0],
            case .array = fields[1], case .array = fields[2]
        else { return false }
        return true
    }
}
