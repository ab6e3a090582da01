/// A type with a DAG-CBOR form. `encode(to:)` must write exactly one whole item.
public protocol CBOREncodable {
    func encode(to writer: inout CBORWriter)
}

/// A type parsed from DAG-CBOR. `init(from:)` must read exactly one whole item, and accept only
/// the bytes `encode(to:)` would produce for the value it returns (strict symmetric pairs).
public protocol CBORDecodable {
    init(from reader: inout CBORReader) throws
}

public typealias CBORCodable = CBORDecodable & CBOREncodable

extension CBOREncodable {
    /// The DAG-CBOR encoding of this value.
    @inlinable
    public var cborBytes: [UInt8] {
        var writer = CBORWriter(reservingCapacity: 64)
        encode(to: &writer)
        return writer.bytes
    }
}

extension CBORDecodable {
    /// Decodes one value that must span all of `cborBytes`.
    @inlinable
    public init(cborBytes: some Collection<UInt8>) throws {
        try self.init(cborBytes: Array(cborBytes))
    }

    /// Decodes one value that must span all of `cborBytes` (shares the array, no copy).
    @inlinable
    public init(cborBytes: [UInt8]) throws {
        var reader = CBORReader(bytes: cborBytes)
        self = try Self(from: &reader)
        try reader.finish()
    }
}

extension UInt64: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeUnsigned(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws { self = try reader.readUnsigned() }
}

extension Int64: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeInt(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws { self = try reader.readInt() }
}

extension Int: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeInt(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws {
        let start = reader.offset
        let value = try reader.readInt()
        guard let exact = Int(exactly: value) else {
            throw CBORError(.integerOutOfRange(type: "Int"), offset: start)
        }
        self = exact
    }
}

extension Bool: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeBool(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws { self = try reader.readBool() }
}

extension String: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeText(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws { self = try reader.readText() }
}

extension Double: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeFloat64(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws { self = try reader.readFloat64() }
}

extension CID: CBORCodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeCID(self) }
    @inlinable
    public init(from reader: inout CBORReader) throws { self = try reader.readCID() }
}

extension Array: CBOREncodable where Element: CBOREncodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(count)
        for element in self { element.encode(to: &writer) }
    }
}

extension Array: CBORDecodable where Element: CBORDecodable {
    @inlinable
    public init(from reader: inout CBORReader) throws {
        let count = try reader.readArrayHeader()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try Element(from: &reader)) }
    }
}

/// A nullable value: `nil` is CBOR null.
extension Optional: CBOREncodable where Wrapped: CBOREncodable {
    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeOptional(self) }
}

extension Optional: CBORDecodable where Wrapped: CBORDecodable {
    @inlinable
    public init(from reader: inout CBORReader) throws {
        self = try reader.readNullable { try Wrapped(from: &$0) }
    }
}
