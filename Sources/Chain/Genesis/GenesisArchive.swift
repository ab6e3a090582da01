import DagCBOR
import FilecoinTypes
import IPLD

/// A genesis as a CARv1 file: the header CID as the one root, then every block reachable from
/// the header, each once, depth-first in link order with the header first (go-car's
/// `WriteCarWithWalker` with Lotus's `CarWalkFunc`). Links to sector commitments (which name no
/// block) are skipped; identity-hashed links (the actors' code CIDs) are written as blocks, as
/// Lotus's files hold them.
public enum GenesisArchive {
    /// The archive of the genesis whose header is `root`, read from `store`.
    public static func archive(root: CID, from store: any Blockstore) throws(GenesisError) -> [UInt8] {
        var out: [UInt8] = []
        try write(root: root, from: store) { out.append(contentsOf: $0) }
        return out
    }

    /// Streams the archive through `output`.
    public static func write(
        root: CID, from store: any Blockstore, to output: @escaping ([UInt8]) throws -> Void
    ) throws(GenesisError) {
        do {
            var writer = try CARWriter(roots: [root], output: output)
            var seen = Set<CID>()
            var stack = [root]
            while let cid = stack.popLast() {
                guard seen.insert(cid).inserted else { continue }
                let data: [UInt8]
                if cid.multihash.code == Multihash.identity {
                    data = cid.multihash.digest
                } else {
                    data = try store.getRequired(cid)
                }
                try writer.write(cid: cid, data: data)
                // Push in reverse so the first link is visited next.
                for link in links(of: cid, data).reversed() where !seen.contains(link) { stack.append(link) }
            }
        } catch let error as GenesisError {
            throw error
        } catch {
            throw .invalidArchive("writing the archive of \(root): \(error)")
        }
    }

    /// The CIDs a block links to, in the order they appear (none for raw blocks). Blocks that are
    /// not strict DAG-CBOR (the legacy genesis parent) have no links.
    static func links(of cid: CID, _ data: [UInt8]) -> [CID] {
        guard cid.codec == Multicodec.dagCBOR, let value = try? CBORValue(cborBytes: data) else { return [] }
        var found: [CID] = []
        func visit(_ value: CBORValue) {
            switch value {
            case .cid(let link):
                if link.codec != Multicodec.filCommitmentSealed, link.codec != Multicodec.filCommitmentUnsealed {
                    found.append(link)
                }
            case .array(let elements): elements.forEach(visit)
            case .map(let entries): entries.forEach { visit($0.value) }
            default: break
            }
        }
        visit(value)
        return found
    }

    /// Loads a genesis archive into `store`, checking every block's hash, and returns its header.
    /// - Throws: ``GenesisError/invalidArchive(_:)`` unless the archive has exactly one root, a
    ///   block header at height 0 whose state root is in the archive.
    public static func load(_ bytes: [UInt8], into store: any Blockstore) throws(GenesisError) -> BlockHeader {
        let car: CARReader
        do { car = try CARReader(bytes: bytes) } catch { throw .invalidArchive("not a CARv1 file: \(error)") }
        guard car.roots.count == 1, let root = car.roots.first else {
            throw .invalidArchive("expected one root (the genesis header), found \(car.roots.count)")
        }
        do {
            for block in try car.allBlocks() {
                if block.cid.multihash.code == Multihash.identity { continue }
                try store.putVerified(block.cid, block.data)
            }
        } catch {
            throw .invalidArchive("\(error)")
        }
        let header: BlockHeader
        do { header = try BlockHeader(cborBytes: try store.getRequired(root)) } catch {
            throw .invalidArchive("the root \(root) is not a block header: \(error)")
        }
        guard header.height == 0 else { throw .invalidArchive("the root header is at height \(header.height), not 0") }
        let hasState: Bool
        do { hasState = try store.has(header.parentStateRoot) } catch { throw .invalidArchive("\(error)") }
        guard hasState else { throw .invalidArchive("the genesis state root \(header.parentStateRoot) is not in the archive") }
        return header
    }
}
