import BigInt
import DagCBOR
import FilecoinTypes

/// Field readers and writers shared by the miner's cbor-gen tuples.
enum MinerCBOR {
    /// cbor-gen's `MaxLength`: longer arrays do not decode.
    static let maxLength = 8192
    /// cbor-gen's `ByteArrayMaxLen`.
    static let byteArrayMaxLength = 2 << 20

    static func readArrayCount(_ reader: inout CBORReader) throws -> Int {
        let count = try reader.readArrayHeader()
        guard count <= maxLength else { throw CBORError(.invalidValue("array too large (\(count))"), offset: reader.offset) }
        return count
    }

    static func readLimitedBytes(_ reader: inout CBORReader) throws -> [UInt8] {
        let bytes = try reader.readBytes()
        guard bytes.count <= byteArrayMaxLength else { throw CBORError(.invalidValue("byte array too large"), offset: reader.offset) }
        return bytes
    }

    static func readUnsignedArray(_ reader: inout CBORReader) throws -> [UInt64] {
        let count = try readArrayCount(&reader)
        var out: [UInt64] = []
        out.reserveCapacity(min(count, 8192))
        for _ in 0..<count { out.append(try reader.readUnsigned()) }
        return out
    }

    static func writeUnsignedArray(_ values: [UInt64], _ writer: inout CBORWriter) {
        writer.writeArrayHeader(values.count)
        for value in values { writer.writeUnsigned(value) }
    }

    static func readBytesArray(_ reader: inout CBORReader) throws -> [[UInt8]] {
        let count = try readArrayCount(&reader)
        var out: [[UInt8]] = []
        for _ in 0..<count { out.append(try readLimitedBytes(&reader)) }
        return out
    }

    static func writeBytesArray(_ values: [[UInt8]], _ writer: inout CBORWriter) {
        writer.writeArrayHeader(values.count)
        for value in values { writer.writeBytes(value) }
    }

    static func readAddresses(_ reader: inout CBORReader) throws -> [Address] {
        let count = try readArrayCount(&reader)
        var out: [Address] = []
        for _ in 0..<count { out.append(try Address(from: &reader)) }
        return out
    }

    static func writeAddresses(_ values: [Address], _ writer: inout CBORWriter) {
        writer.writeArrayHeader(values.count)
        for value in values { value.encode(to: &writer) }
    }
}
