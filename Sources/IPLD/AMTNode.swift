import DagCBOR

/// A child slot of an interior AMT node: stored, or loaded and changed since the last flush.
enum AMTLink: Sendable {
    case stored(CID)
    indirect case loaded(AMTNode)
}

/// An AMT node `[bitmap, links, values]`. Interior nodes (height > 0) hold only links, leaves
/// only values; the bitmap has bit `i % 8` of byte `i / 8` set for each occupied slot `i`.
/// `links`/`values` are either empty or exactly `width` long.
struct AMTNode: Sendable {
    var links: [AMTLink?] = []
    var values: [[UInt8]?] = []

    var isEmpty: Bool {
        !links.contains { $0 != nil } && !values.contains { $0 != nil }
    }

    /// Occupied link slots; the legacy root collapses while this is exactly [0].
    var occupiedLinkSlots: [Int] { links.indices.filter { links[$0] != nil } }

    func encode(to writer: inout CBORWriter, format: AMTFormat) throws(AMTError) {
        var bitmap = [UInt8](repeating: 0, count: format.bitmapBytes)
        var cids: [CID] = []
        var raw: [[UInt8]] = []
        for (slot, link) in links.enumerated() {
            guard let link else { continue }
            guard case .stored(let cid) = link else { throw .malformedNode(nil, "internal: unflushed child while encoding") }
            bitmap[slot >> 3] |= 1 << UInt8(slot & 7)
            cids.append(cid)
        }
        for (slot, value) in values.enumerated() {
            guard let value else { continue }
            bitmap[slot >> 3] |= 1 << UInt8(slot & 7)
            raw.append(value)
        }
        writer.writeArrayHeader(3)
        writer.writeBytes(bitmap)
        writer.writeArrayHeader(cids.count)
        for cid in cids { writer.writeCID(cid) }
        writer.writeArrayHeader(raw.count)
        for value in raw { writer.writeRaw(value) }
    }

    func encode(format: AMTFormat) throws(AMTError) -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: 64)
        try encode(to: &writer, format: format)
        return writer.bytes
    }

    /// Reads a node strictly. `height` says whether a leaf is expected; only a root may be
    /// empty (for the current format only at height 0, as go-amt-ipld requires).
    static func read(
        from reader: inout CBORReader, cid: CID?, format: AMTFormat, height: Int, isRoot: Bool
    ) throws -> AMTNode {
        try reader.readArrayHeader(expected: 3)
        let bitmap = try reader.readBytes()
        guard bitmap.count == format.bitmapBytes else {
            throw AMTError.malformedNode(cid, "bitmap of \(bitmap.count) bytes, expected \(format.bitmapBytes)")
        }
        var slots: [Int] = []
        for slot in 0..<(bitmap.count * 8) where bitmap[slot >> 3] & (1 << UInt8(slot & 7)) != 0 {
            guard slot < format.width else { throw AMTError.malformedNode(cid, "bitmap sets slot \(slot) beyond width \(format.width)") }
            slots.append(slot)
        }
        let linkCount = try reader.readArrayHeader()
        var cids: [CID] = []
        for _ in 0..<linkCount {
            let link = try reader.readCID()
            guard link.codec == Multicodec.dagCBOR else { throw AMTError.malformedNode(cid, "child link \(link) is not dag-cbor") }
            cids.append(link)
        }
        let valueCount = try reader.readArrayHeader()
        var raw: [[UInt8]] = []
        for _ in 0..<valueCount { raw.append(Array(try reader.readRawValue())) }

        var node = AMTNode()
        if !cids.isEmpty && !raw.isEmpty { throw AMTError.malformedNode(cid, "node has both links and values") }
        if !raw.isEmpty {
            guard height == 0 else { throw AMTError.malformedNode(cid, "values in an interior node (height \(height))") }
            guard raw.count == slots.count else { throw AMTError.malformedNode(cid, "\(raw.count) values for \(slots.count) bitmap bits") }
            node.values = Array(repeating: nil, count: format.width)
            for (slot, value) in zip(slots, raw) { node.values[slot] = value }
        } else if !cids.isEmpty {
            guard height > 0 else { throw AMTError.malformedNode(cid, "links in a leaf") }
            guard cids.count == slots.count else { throw AMTError.malformedNode(cid, "\(cids.count) links for \(slots.count) bitmap bits") }
            node.links = Array(repeating: nil, count: format.width)
            for (slot, link) in zip(slots, cids) { node.links[slot] = .stored(link) }
        } else {
            guard slots.isEmpty else { throw AMTError.malformedNode(cid, "bitmap bits set in an empty node") }
            let emptyAllowed: Bool
            switch format {
            case .legacy: emptyAllowed = isRoot
            case .current: emptyAllowed = isRoot && height == 0
            }
            guard emptyAllowed else { throw AMTError.malformedNode(cid, "unexpected empty node") }
        }
        return node
    }
}
