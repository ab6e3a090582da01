/// Reads strict DAG-CBOR, one item at a time.
///
/// Every read validates the item's canonical form: shortest integer and length arguments,
/// definite lengths, tag 42 only, 64-bit finite floats, false/true/null as the only simple
/// values, valid UTF-8 text, and (for whole-value reads and ``skipValue()``) map keys that are
/// text strings in length-first bytewise order without duplicates. Declared lengths and counts
/// are compared with the remaining input before anything is allocated, and nesting is limited
/// to ``maxDepth``, so hostile input can neither exhaust memory nor the stack.
///
/// Errors carry the byte offset of the item head (or byte) at fault. After a thrown error the
/// reader's position is unspecified; discard it.
public struct CBORReader: Sendable {
    /// The default nesting limit for arrays, maps and tags.
    public static let defaultMaxDepth = 512

    @usableFromInline let input: [UInt8]
    // Stored under another name so inlinable reads can advance it while `offset` stays read-only.
    @usableFromInline var position: Int
    /// The byte offset of the next item.
    public var offset: Int { position }
    /// How many arrays, maps and tags may nest inside each other in ``skipValue()`` and ``CBORValue`` reads.
    public let maxDepth: Int

    public init(bytes: [UInt8], maxDepth: Int = CBORReader.defaultMaxDepth) {
        self.input = bytes
        self.position = 0
        self.maxDepth = maxDepth
    }

    /// Copies `bytes`; offsets count from its first element.
    public init(bytes: some Collection<UInt8>, maxDepth: Int = CBORReader.defaultMaxDepth) {
        self.init(bytes: Array(bytes), maxDepth: maxDepth)
    }

    @inlinable
    public var isAtEnd: Bool { position >= input.count }

    /// Bytes left after ``offset``.
    @inlinable
    public var remaining: Int { input.count - position }

    // MARK: Heads

    @inlinable
    @inline(__always)
    func byte(at index: Int) -> UInt8 {
        // Callers check `index < input.count` first.
        input.withUnsafeBufferPointer { $0[index] }
    }

    /// Reads the next initial byte and its argument, validating that majors 0–6 use the
    /// shortest argument form and definite lengths. For major 7 the argument is the raw
    /// simple value or float bits.
    @inlinable
    @inline(__always)
    mutating func readHead() throws(CBORError) -> (initial: UInt8, argument: UInt64) {
        let start = position
        guard start < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: start) }
        let initial = byte(at: start)
        let info = initial & 0x1f
        if info < 24 {
            position = start + 1
            return (initial, UInt64(info))
        }
        guard info < 28 else { throw headError(initial: initial, offset: start) }
        let width = 1 << Int(info - 24)
        let available = input.count - start - 1
        guard width <= available else {
            throw CBORError(.unexpectedEnd(needed: width - available), offset: start)
        }
        var argument: UInt64 = 0
        input.withUnsafeBufferPointer { buffer in
            for index in (start + 1)...(start + width) {
                argument = (argument << 8) | UInt64(buffer[index])
            }
        }
        position = start + 1 + width
        if initial < 0xe0 {
            let minimum: UInt64 =
                switch info {
                case 24: 24
                case 25: 0x100
                case 26: 0x1_0000
                default: 0x1_0000_0000
                }
            guard argument >= minimum else { throw CBORError(.nonCanonicalInteger, offset: start) }
        }
        return (initial, argument)
    }

    /// The error for additional information 28–31.
    @usableFromInline
    func headError(initial: UInt8, offset: Int) -> CBORError {
        let info = initial & 0x1f
        let major = CBORMajorType(rawValue: initial >> 5) ?? .simple
        if info == 31 {
            switch major {
            case .bytes, .text, .array, .map: return CBORError(.indefiniteLength(major), offset: offset)
            case .simple: return CBORError(.unexpectedBreak, offset: offset)
            default: break
            }
        }
        return CBORError(.reservedAdditionalInfo(info), offset: offset)
    }

    /// A human name for the item an initial byte starts.
    @usableFromInline
    static func describe(_ initial: UInt8) -> String {
        switch initial {
        case 0xf4: "false"
        case 0xf5: "true"
        case 0xf6: "null"
        case 0xf7: "undefined"
        case 0xf9, 0xfa, 0xfb: "float"
        case 0xff: "break"
        case 0xe0...0xff: "simple value"
        default: (CBORMajorType(rawValue: initial >> 5) ?? .simple).description
        }
    }

    @usableFromInline
    func mismatch(_ expected: String, _ initial: UInt8, _ start: Int) -> CBORError {
        CBORError(.typeMismatch(expected: expected, found: CBORReader.describe(initial)), offset: start)
    }

    /// Reads a string head of `major` (2 or 3) and returns the payload range, checked against the input.
    @inlinable
    @inline(__always)
    mutating func readStringRange(major: UInt8, expected: String) throws(CBORError) -> Range<Int> {
        let start = position
        let (initial, length) = try readHead()
        guard initial >> 5 == major else { throw mismatch(expected, initial, start) }
        let available = input.count - position
        guard length <= UInt64(available) else {
            throw CBORError(.lengthExceedsInput(declared: length, remaining: available), offset: start)
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// Reads an array (4) or map (5) head; the count is checked against the input (one byte per item).
    @inlinable
    @inline(__always)
    mutating func readContainerHead(major: UInt8, expected: String) throws(CBORError) -> Int {
        let start = position
        let (initial, count) = try readHead()
        guard initial >> 5 == major else { throw mismatch(expected, initial, start) }
        let available = input.count - position
        let itemsPerEntry: UInt64 = major == 5 ? 2 : 1
        guard count <= UInt64(available) / itemsPerEntry else {
            throw CBORError(.lengthExceedsInput(declared: count, remaining: available), offset: start)
        }
        return Int(count)
    }

    // MARK: Peeking

    /// The major type of the next item.
    public func peekMajorType() throws(CBORError) -> CBORMajorType {
        guard position < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: position) }
        return CBORMajorType(rawValue: byte(at: position) >> 5) ?? .simple
    }

    /// Whether the next item is null.
    @inlinable
    public func peekIsNull() -> Bool {
        position < input.count && byte(at: position) == 0xf6
    }

    // MARK: Scalars

    @inlinable
    public mutating func readUnsigned() throws(CBORError) -> UInt64 {
        let start = position
        let (initial, argument) = try readHead()
        guard initial >> 5 == 0 else { throw mismatch("unsigned integer", initial, start) }
        return argument
    }

    /// Reads a major-0 or major-1 integer that fits in `Int64`.
    @inlinable
    public mutating func readInt() throws(CBORError) -> Int64 {
        let start = position
        let (initial, argument) = try readHead()
        switch initial >> 5 {
        case 0:
            guard argument <= UInt64(Int64.max) else {
                throw CBORError(.integerOutOfRange(type: "Int64"), offset: start)
            }
            return Int64(argument)
        case 1:
            guard argument <= UInt64(Int64.max) else {
                throw CBORError(.integerOutOfRange(type: "Int64"), offset: start)
            }
            return ~Int64(argument)
        default:
            throw mismatch("integer", initial, start)
        }
    }

    /// Reads any CBOR integer as a sign and the CBOR argument: the value is `argument` when
    /// not negative, else `-1 - argument` (covering -2^64 ... 2^64-1).
    @inlinable
    public mutating func readInteger() throws(CBORError) -> (isNegative: Bool, argument: UInt64) {
        let start = position
        let (initial, argument) = try readHead()
        switch initial >> 5 {
        case 0: return (false, argument)
        case 1: return (true, argument)
        default: throw mismatch("integer", initial, start)
        }
    }

    @inlinable
    public mutating func readBytes() throws(CBORError) -> [UInt8] {
        Array(try readBytesSlice())
    }

    /// Reads a byte string without copying it out of the input.
    @inlinable
    public mutating func readBytesSlice() throws(CBORError) -> ArraySlice<UInt8> {
        input[try readStringRange(major: 2, expected: "byte string")]
    }

    @inlinable
    public mutating func readText() throws(CBORError) -> String {
        let start = position
        let range = try readStringRange(major: 3, expected: "text string")
        return try makeString(range, start: start)
    }

    /// Reads a text string's payload bytes without validating UTF-8, as cbor-gen of specs-actors
    /// v0/v2 reads Go strings (a deal label need not be UTF-8 there, and must round-trip exactly).
    @inlinable
    public mutating func readTextBytes() throws(CBORError) -> [UInt8] {
        Array(input[try readStringRange(major: 3, expected: "text string")])
    }

    @inlinable
    func makeString(_ range: Range<Int>, start: Int) throws(CBORError) -> String {
        let string = input.withUnsafeBufferPointer { buffer in
            String(validating: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
        guard let string else { throw CBORError(.invalidUTF8, offset: start) }
        return string
    }

    @inlinable
    public mutating func readBool() throws(CBORError) -> Bool {
        guard position < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: position) }
        switch byte(at: position) {
        case 0xf4:
            position += 1
            return false
        case 0xf5:
            position += 1
            return true
        default:
            throw mismatch("bool", byte(at: position), position)
        }
    }

    @inlinable
    public mutating func readNull() throws(CBORError) {
        guard position < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: position) }
        guard byte(at: position) == 0xf6 else { throw mismatch("null", byte(at: position), position) }
        position += 1
    }

    /// Reads null as `nil`, anything else with `read`.
    @inlinable
    public mutating func readNullable<T>(_ read: (inout CBORReader) throws -> T) throws -> T? {
        if peekIsNull() {
            position += 1
            return nil
        }
        return try read(&self)
    }

    /// Reads a 64-bit float; 16/32-bit floats, NaN and ±Infinity are rejected as DAG-CBOR requires.
    @inlinable
    public mutating func readFloat64() throws(CBORError) -> Double {
        let start = position
        guard start < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: start) }
        let initial = byte(at: start)
        switch initial {
        case 0xfb: break
        case 0xf9: throw CBORError(.unsupportedFloatWidth(bits: 16), offset: start)
        case 0xfa: throw CBORError(.unsupportedFloatWidth(bits: 32), offset: start)
        default: throw mismatch("float", initial, start)
        }
        let (_, bits) = try readHead()
        let value = Double(bitPattern: bits)
        guard value.isFinite else { throw CBORError(.nonFiniteFloat, offset: start) }
        return value
    }

    /// Reads tag 42 around a byte string holding 0x00 and a binary CID.
    public mutating func readCID() throws(CBORError) -> CID {
        let start = position
        let (initial, tag) = try readHead()
        guard initial >> 5 == 6 else { throw mismatch("CID (tag 42)", initial, start) }
        guard tag == 42 else { throw CBORError(.unsupportedTag(tag), offset: start) }
        return try readCIDPayload()
    }

    /// Reads the byte string after a tag-42 head.
    @usableFromInline
    mutating func readCIDPayload() throws(CBORError) -> CID {
        let start = position
        let range = try readStringRange(major: 2, expected: "byte string")
        guard !range.isEmpty, byte(at: range.lowerBound) == 0 else {
            throw CBORError(.cidMissingIdentityPrefix, offset: start)
        }
        do {
            return try CID(bytes: input[(range.lowerBound + 1)..<range.upperBound])
        } catch {
            throw CBORError(.invalidCID(error), offset: start)
        }
    }

    // MARK: Containers

    /// Reads an array header and returns its count (already checked against the remaining input).
    @inlinable
    public mutating func readArrayHeader() throws(CBORError) -> Int {
        try readContainerHead(major: 4, expected: "array")
    }

    /// Reads the header of a tuple-encoded struct, which must have exactly `expected` fields.
    @inlinable
    public mutating func readArrayHeader(expected: Int) throws(CBORError) {
        let start = position
        let count = try readContainerHead(major: 4, expected: "array")
        guard count == expected else {
            throw CBORError(.unexpectedCount(expected: expected, found: count), offset: start)
        }
    }

    /// Reads a map header and returns its number of entries. The caller reads the keys; prefer
    /// ``readMap(_:)``, which also enforces key order and uniqueness.
    @inlinable
    public mutating func readMapHeader() throws(CBORError) -> Int {
        try readContainerHead(major: 5, expected: "map")
    }

    /// Reads a whole map, calling `entry` with each key; `entry` must read exactly the value.
    /// Keys must be text strings in canonical order without duplicates.
    public mutating func readMap(_ entry: (String, inout CBORReader) throws -> Void) throws {
        let count = try readMapHeader()
        var previous: Range<Int>? = nil
        for _ in 0..<count {
            let key = try readMapKey(after: &previous)
            try entry(key, &self)
        }
    }

    /// Reads a map key and checks it follows `previous` (the previous key's payload range)
    /// canonically; `previous` becomes the new key's range.
    @usableFromInline
    mutating func readMapKey(after previous: inout Range<Int>?) throws(CBORError) -> String {
        let start = position
        guard start < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: start) }
        let initial = byte(at: start)
        guard initial >> 5 == 3 else {
            throw CBORError(.mapKeyNotText(found: CBORReader.describe(initial)), offset: start)
        }
        let range = try readStringRange(major: 3, expected: "text string")
        let key = try makeString(range, start: start)
        if let last = previous {
            let order: Int
            if range.count != last.count {
                order = range.count < last.count ? -1 : 1
            } else {
                order = input.withUnsafeBufferPointer { buffer in
                    for index in 0..<range.count {
                        let a = buffer[range.lowerBound + index], b = buffer[last.lowerBound + index]
                        if a != b { return a < b ? -1 : 1 }
                    }
                    return 0
                }
            }
            if order == 0 { throw CBORError(.duplicateMapKey(key), offset: start) }
            if order < 0 { throw CBORError(.mapKeysOutOfOrder, offset: start) }
        }
        previous = range
        return key
    }

    // MARK: Whole items

    @inlinable
    public mutating func read<T: CBORDecodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: &self)
    }

    /// Reads any item as a ``CBORValue``.
    public mutating func readValue() throws(CBORError) -> CBORValue {
        try CBORValue.read(from: &self, depth: 0)
    }

    /// Skips the next item, validating it as strictly as a ``CBORValue`` read would.
    public mutating func skipValue() throws(CBORError) {
        try skip(depth: 0)
    }

    /// Returns the bytes of the next whole item (validated like ``skipValue()``), without copying.
    public mutating func readRawValue() throws(CBORError) -> ArraySlice<UInt8> {
        let start = position
        try skip(depth: 0)
        return input[start..<position]
    }

    /// Returns the bytes of the next whole item, validated like ``readRawValue()`` except that
    /// text strings need not be UTF-8: cbor-gen's `Deferred` (the values of go-hamt-ipld and
    /// go-amt-ipld nodes) keeps such items, and specs-actors v0/v2 store deal labels that way.
    public mutating func readRawValueAllowingInvalidText() throws(CBORError) -> ArraySlice<UInt8> {
        let start = position
        try skip(depth: 0, validatesText: false)
        return input[start..<position]
    }

    /// Throws when bytes remain after the last item read.
    @inlinable
    public func finish() throws(CBORError) {
        guard position == input.count else {
            throw CBORError(.trailingBytes(count: input.count - position), offset: position)
        }
    }

    @usableFromInline
    func checkDepth(_ depth: Int, at start: Int) throws(CBORError) {
        guard depth < maxDepth else { throw CBORError(.depthLimitExceeded(limit: maxDepth), offset: start) }
    }

    private mutating func skip(depth: Int, validatesText: Bool = true) throws(CBORError) {
        let start = position
        guard start < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: start) }
        let initial = byte(at: start)
        switch initial >> 5 {
        case 0, 1:
            _ = try readHead()
        case 2:
            _ = try readStringRange(major: 2, expected: "byte string")
        case 3:
            if validatesText { _ = try readText() } else { _ = try readStringRange(major: 3, expected: "text string") }
        case 4:
            let count = try readArrayHeader()
            try checkDepth(depth, at: start)
            for _ in 0..<count { try skip(depth: depth + 1, validatesText: validatesText) }
        case 5:
            let count = try readMapHeader()
            try checkDepth(depth, at: start)
            var previous: Range<Int>? = nil
            for _ in 0..<count {
                _ = try readMapKey(after: &previous)
                try skip(depth: depth + 1, validatesText: validatesText)
            }
        case 6:
            _ = try readCID()
        default:
            try skipSimple()
        }
    }

    /// Skips false, true, null or a 64-bit float; rejects every other major-7 item.
    @usableFromInline
    mutating func skipSimple() throws(CBORError) {
        let start = position
        let initial = byte(at: start)
        switch initial {
        case 0xf4, 0xf5, 0xf6: position += 1
        case 0xf9, 0xfa, 0xfb: _ = try readFloat64()
        case 0xf8:
            // A one-byte simple value; report which one when it is present.
            guard start + 1 < input.count else { throw CBORError(.unexpectedEnd(needed: 1), offset: start) }
            throw CBORError(.unsupportedSimpleValue(byte(at: start + 1)), offset: start)
        case 0xe0...0xf7: throw CBORError(.unsupportedSimpleValue(initial & 0x1f), offset: start)
        default: throw headError(initial: initial, offset: start)
        }
    }
}
