import DagCBOR
import IPLD

/// Copies the DAG-CBOR blocks reachable from a root into a fresh store, leaving behind what a
/// VM wrote and later replaced (every HAMT/AMT update writes new nodes; a long setup would
/// otherwise keep gigabytes of dead intermediate state in memory).
enum ReachableBlocks {
    static func copy(from source: any Blockstore, root: CID) throws(SectorDevnetError) -> MemoryBlockstore {
        let target = MemoryBlockstore()
        var seen: Set<CID> = [root]
        var pending: [CID] = [root]
        var batch: [(cid: CID, data: [UInt8])] = []
        do {
            while let cid = pending.popLast() {
                guard let data = try source.get(cid) else { throw SectorDevnetError.missingBlock("\(cid)") }
                batch.append((cid: cid, data: data))
                if batch.count >= 10_000 {
                    try target.putMany(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                var links: [CID] = []
                collectLinks(try CBORValue(cborBytes: data), into: &links)
                for link in links where follows(link) && seen.insert(link).inserted {
                    pending.append(link)
                }
            }
            try target.putMany(batch)
        } catch let error as SectorDevnetError {
            throw error
        } catch {
            throw .compactionFailed("\(error)")
        }
        return target
    }

    /// Only DAG-CBOR blocks are stored; identity CIDs carry their bytes inline, and sealed and
    /// unsealed sector commitments (CommR, CommD) name no block at all.
    private static func follows(_ cid: CID) -> Bool {
        cid.codec == Multicodec.dagCBOR && cid.multihash.code != Multihash.identity
    }

    private static func collectLinks(_ value: CBORValue, into links: inout [CID]) {
        switch value {
        case .cid(let cid): links.append(cid)
        case .array(let values): for element in values { collectLinks(element, into: &links) }
        case .map(let entries): for entry in entries { collectLinks(entry.value, into: &links) }
        default: break
        }
    }
}
