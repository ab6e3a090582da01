/// Any DAG-CBOR value (the IPLD data model).
///
/// Integers cover the whole CBOR range: `.unsigned(n)` is n (0...2^64-1) and `.negative(n)` is
/// -1-n (-2^64...-1), so every integer round-trips, including those outside Int64. Map entries
/// decoded from input are in canonical order; when encoding, entries are sorted canonically
/// (length-first, then bytewise) and for byte-identical keys the last entry wins, so encoding
/// always yields valid DAG-CBOR. Equality means "encodes to the same bytes": maps compare in
/// canonical order, text compares by UTF-8 bytes and floats by bit pattern (so 0.0 and -0.0
/// differ, as their encodings do).
///
/// Not `indirect`: arrays and maps already hold their children on the heap, so scalars stay
/// inline and decoding allocates only for byte/text strings, arrays, maps and CIDs.
public enum CBORValue: Sendable, CBORCodable {
    case unsigned(UInt64)
    /// The integer -1 - n.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBORValue])
    case map([CBORMapEntry])
    case cid(CID)
    case bool(Bool)
    case null
    /// A finite 64-bit float (decoding rejects NaN and ±Infinity).
    case float(Double)

    /// A signed integer value.
    public static func int(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(~value))
    }

    /// A map from a dictionary (encoding orders keys canonically).
    public static func map(_ dictionary: [String: CBORValue]) -> CBORValue {
        .map(dictionary.map { CBORMapEntry(key: $0.key, value: $0.value) })
    }

    /// The value for `key` when this is a map.
    public subscript(key: String) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.last { $0.key.utf8.elementsEqual(key.utf8) }?.value
    }

    public init(from reader: inout CBORReader) throws {
        self = try CBORValue.read(from: &reader, depth: 0)
    }

    static func read(from reader: inout CBORReader, depth: Int) throws(CBORError) -> CBORValue {
        let start = reader.offset
        guard start < reader.input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: start) }
        let initial = reader.byte(at: start)
        switch initial >> 5 {
        case 0: return .unsigned(try reader.readUnsigned())
        case 1: return .negative(try reader.readInteger().argument)
        case 2: return .bytes(try reader.readBytes())
        case 3: return .text(try reader.readText())
        case 4:
            let count = try reader.readArrayHeader()
            try reader.checkDepth(depth, at: start)
            var elements: [CBORValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try read(from: &reader, depth: depth + 1)) }
            return .array(elements)
        case 5:
            let count = try reader.readMapHeader()
            try reader.checkDepth(depth, at: start)
            var entries: [CBORMapEntry] = []
            entries.reserveCapacity(count)
            var previous: Range<Int>? = nil
            for _ in 0..<count {
                let key = try reader.readMapKey(after: &previous)
                entries.append(CBORMapEntry(key: key, value: try read(from: &reader, depth: depth + 1)))
            }
            return .map(entries)
        case 6: return .cid(try reader.readCID())
        default:
            switch initial {
            case 0xf4, 0xf5: return .bool(try reader.readBool())
            case 0xf6:
                try reader.readNull()
                return .null
            case 0xf9, 0xfa, 0xfb: return .float(try reader.readFloat64())
            default:
                try reader.skipSimple()  // always throws for the remaining major-7 items
                throw CBORError(.unsupportedSimpleValue(initial & 0x1f), offset: start)
            }
        }
    }

    public func encode(to writer: inout CBORWriter) {
        switch self {
        case .unsigned(let value): writer.writeUnsigned(value)
        case .negative(let value): writer.writeNegative(encodedMinusOne: value)
        case .bytes(let value): writer.writeBytes(value)
        case .text(let value): writer.writeText(value)
        case .array(let elements):
            writer.writeArrayHeader(elements.count)
            for element in elements { element.encode(to: &writer) }
        case .map(let entries):
            let canonical = CBORValue.canonicalEntries(entries)
            writer.writeMapHeader(canonical.count)
            for entry in canonical {
                writer.writeText(entry.key)
                entry.value.encode(to: &writer)
            }
        case .cid(let cid): writer.writeCID(cid)
        case .bool(let value): writer.writeBool(value)
        case .null: writer.writeNull()
        case .float(let value): writer.writeFloat64(value)
        }
    }

    /// Entries in canonical key order, keeping the last of byte-identical keys.
    static func canonicalEntries(_ entries: [CBORMapEntry]) -> [CBORMapEntry] {
        if isCanonical(entries) { return entries }
        // Stable sort by key so the last of equal keys stays last, then keep that one.
        let sorted = entries.enumerated().sorted { a, b in
            if a.element.key.utf8.elementsEqual(b.element.key.utf8) { return a.offset < b.offset }
            return CBORWriter.canonicalKeyOrder(a.element.key, b.element.key)
        }.map(\.element)
        var result: [CBORMapEntry] = []
        result.reserveCapacity(sorted.count)
        for entry in sorted {
            if let last = result.last, last.key.utf8.elementsEqual(entry.key.utf8) {
                result[result.count - 1] = entry
            } else {
                result.append(entry)
            }
        }
        return result
    }

    private static func isCanonical(_ entries: [CBORMapEntry]) -> Bool {
        guard entries.count > 1 else { return true }
        for index in 1..<entries.count
        where !CBORWriter.canonicalKeyOrder(entries[index - 1].key, entries[index].key) {
            return false
        }
        return true
    }
}

extension CBORValue: Hashable {
    public static func == (lhs: CBORValue, rhs: CBORValue) -> Bool {
        switch (lhs, rhs) {
        case (.unsigned(let a), .unsigned(let b)): a == b
        case (.negative(let a), .negative(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.text(let a), .text(let b)): a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): canonicalEntries(a) == canonicalEntries(b)
        case (.cid(let a), .cid(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .unsigned(let value):
            hasher.combine(0)
            hasher.combine(value)
        case .negative(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .bytes(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .text(let value):
            hasher.combine(3)
            hasher.combine(value.utf8.count)
            for byte in value.utf8 { hasher.combine(byte) }
        case .array(let value):
            hasher.combine(4)
            hasher.combine(value)
        case .map(let value):
            hasher.combine(5)
            hasher.combine(CBORValue.canonicalEntries(value))
        case .cid(let value):
            hasher.combine(6)
            hasher.combine(value)
        case .bool(let value):
            hasher.combine(7)
            hasher.combine(value)
        case .null:
            hasher.combine(8)
        case .float(let value):
            hasher.combine(9)
            hasher.combine(value.bitPattern)
        }
    }
}
