import DagCBOR

/// One key/value pair of a HAMT bucket; the value is one whole DAG-CBOR item, kept raw.
struct HAMTEntry: Hashable, Sendable {
    var key: [UInt8]
    var value: [UInt8]
}

/// An occupied slot: a stored child, a child loaded (and maybe changed) since the last flush,
/// or a bucket of entries sorted by key.
enum HAMTPointer: Sendable {
    case link(CID)
    indirect case child(HAMTNode)
    case bucket([HAMTEntry])

    var isShard: Bool {
        if case .bucket = self { return false }
        return true
    }
}

/// A HAMT node: `[bitfield, pointers]`, one pointer per set bit in slot order.
///
/// Invariants (checked on decode, kept by every mutation): pointers.count == bitfield.count;
/// buckets hold 1...bucketSize entries with distinct keys, strictly increasing except in v0; a non-root node holds
/// either a child or more than bucketSize entries (otherwise it would have been collapsed).
struct HAMTNode: Sendable {
    var bitfield = HAMTBitfield()
    var pointers: [HAMTPointer] = []

    static let empty = HAMTNode()

    /// Entries held directly in buckets, or nil when a child shard is present.
    var directEntriesIfLeaf: Int? {
        var total = 0
        for pointer in pointers {
            switch pointer {
            case .bucket(let entries): total += entries.count
            case .link, .child: return nil
            }
        }
        return total
    }

    // MARK: Serialization

    /// Encodes the node; every child must have been flushed to a link first.
    func encode(encoding: HAMTEncoding) throws(HAMTError) -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: 64 + pointers.count * 48)
        writer.writeArrayHeader(2)
        writer.writeBytes(bitfield.bytes)
        writer.writeArrayHeader(pointers.count)
        for pointer in pointers {
            switch pointer {
            case .link(let cid):
                if encoding.usesMapPointers {
                    writer.writeMapHeader(1)
                    writer.writeText("0")
                }
                writer.writeCID(cid)
            case .bucket(let entries):
                if encoding.usesMapPointers {
                    writer.writeMapHeader(1)
                    writer.writeText("1")
                }
                writer.writeArrayHeader(entries.count)
                for entry in entries {
                    writer.writeArrayHeader(2)
                    writer.writeBytes(entry.key)
                    writer.writeRaw(entry.value)
                }
            case .child:
                throw .malformedNode(nil, "internal: unflushed child while encoding")
            }
        }
        return writer.bytes
    }

    /// Parses a node strictly: canonical DAG-CBOR, the given pointer encoding, and the invariants above.
    static func decode(
        _ bytes: [UInt8], cid: CID?, parameters: HAMTParameters, isRoot: Bool
    ) throws(HAMTError) -> HAMTNode {
        var node = HAMTNode()
        do {
            var reader = CBORReader(bytes: bytes)
            try reader.readArrayHeader(expected: 2)
            let bitfieldBytes = try reader.readBytes()
            guard let bitfield = HAMTBitfield(bytes: bitfieldBytes) else {
                throw HAMTError.malformedNode(cid, "bitfield is not a minimal big-endian integer of at most 256 bits")
            }
            guard bitfield.bitLength <= 1 << parameters.bitWidth else {
                throw HAMTError.malformedNode(cid, "bitfield has slots beyond \(1 << parameters.bitWidth)")
            }
            node.bitfield = bitfield
            let count = try reader.readArrayHeader()
            guard count == bitfield.count else {
                throw HAMTError.malformedNode(cid, "\(count) pointers for \(bitfield.count) set bits")
            }
            node.pointers.reserveCapacity(count)
            for _ in 0..<count {
                node.pointers.append(try readPointer(&reader, cid: cid, parameters: parameters))
            }
            try reader.finish()
        } catch let error as HAMTError {
            throw error
        } catch {
            throw .malformedNode(cid, "\(error)")
        }
        if !isRoot {
            guard !node.pointers.isEmpty else { throw .malformedNode(cid, "non-root node is empty") }
            if let direct = node.directEntriesIfLeaf, direct <= parameters.bucketSize {
                throw .malformedNode(cid, "non-root node with \(direct) entries should have been collapsed into a bucket")
            }
        }
        return node
    }

    private static func readPointer(
        _ reader: inout CBORReader, cid: CID?, parameters: HAMTParameters
    ) throws -> HAMTPointer {
        guard parameters.encoding.usesMapPointers else {
            if try reader.peekMajorType() == .tag {
                return try linkPointer(reader.readCID(), cid: cid)
            }
            return .bucket(try readBucket(&reader, cid: cid, parameters: parameters))
        }
        do {
            guard try reader.readMapHeader() == 1 else {
                throw HAMTError.malformedNode(cid, "legacy pointer must be a one-entry map")
            }
            switch try reader.readText() {
            case "0": return try linkPointer(reader.readCID(), cid: cid)
            case "1": return .bucket(try readBucket(&reader, cid: cid, parameters: parameters))
            case let key: throw HAMTError.malformedNode(cid, "legacy pointer key \"\(key)\" is neither \"0\" nor \"1\"")
            }
        }
    }

    private static func linkPointer(_ link: CID, cid: CID?) throws(HAMTError) -> HAMTPointer {
        guard link.codec == Multicodec.dagCBOR else {
            throw .malformedNode(cid, "child link \(link) is not dag-cbor")
        }
        return .link(link)
    }

    private static func readBucket(
        _ reader: inout CBORReader, cid: CID?, parameters: HAMTParameters
    ) throws -> [HAMTEntry] {
        let count = try reader.readArrayHeader()
        guard (1...parameters.bucketSize).contains(count) else {
            throw HAMTError.malformedNode(cid, "bucket of \(count) entries (allowed 1...\(parameters.bucketSize))")
        }
        var entries: [HAMTEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            try reader.readArrayHeader(expected: 2)
            let key = try reader.readBytes()
            let value = Array(try reader.readRawValue())
            if parameters.encoding.sortsBuckets {
                if let last = entries.last, !last.key.lexicographicallyPrecedes(key) {
                    throw HAMTError.malformedNode(cid, "bucket keys are not strictly increasing")
                }
            } else if entries.contains(where: { $0.key == key }) {
                throw HAMTError.malformedNode(cid, "bucket repeats a key")
            }
            entries.append(HAMTEntry(key: key, value: value))
        }
        return entries
    }
}
