/// A byte string as a codable value, since `[UInt8]` would otherwise mean an array of integers.
public struct CBORByteString: Hashable, Sendable, CBORCodable {
    public var bytes: [UInt8]

    @inlinable
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    @inlinable
    public func encode(to writer: inout CBORWriter) { writer.writeBytes(bytes) }
    @inlinable
    public init(from reader: inout CBORReader) throws { bytes = try reader.readBytes() }
}
