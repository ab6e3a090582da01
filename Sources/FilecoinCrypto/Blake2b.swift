import CBlake2

/// One-shot BLAKE2b (RFC 7693, unkeyed) through libb2.
///
/// Filecoin uses BLAKE2b-256 for CIDs and message digests, BLAKE2b-160 for secp256k1 and actor
/// address payloads and BLAKE2b-32 for address checksums. The fixed-size helpers cannot fail; the
/// variable-length `hash(_:outputLength:)` throws for a length outside 1...64, so no input can
/// trap.
public enum Blake2b {
    /// The largest BLAKE2b digest, in bytes.
    public static let maxOutputLength = 64

    /// BLAKE2b-256 of `data` (the default Filecoin digest).
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(data, length: 32)
    }

    /// BLAKE2b of `data` with an `outputLength`-byte digest.
    /// - Throws: `CryptoError.invalidOutputLength` unless `outputLength` is in 1...64.
    public static func hash(_ data: some Collection<UInt8>, outputLength: Int) throws(CryptoError) -> [UInt8] {
        guard (1...maxOutputLength).contains(outputLength) else {
            throw .invalidOutputLength(outputLength)
        }
        return digest(data, length: outputLength)
    }

    /// BLAKE2b-256 (32 bytes).
    public static func hash256(_ data: some Collection<UInt8>) -> [UInt8] { digest(data, length: 32) }

    /// BLAKE2b-160 (20 bytes): secp256k1 and actor address payloads.
    public static func hash160(_ data: some Collection<UInt8>) -> [UInt8] { digest(data, length: 20) }

    /// BLAKE2b-32 (4 bytes): the address checksum.
    public static func checksum4(_ data: some Collection<UInt8>) -> [UInt8] { digest(data, length: 4) }

    /// `length` must already be in 1...64; every caller guarantees it.
    @inline(__always)
    static func digest(_ data: some Collection<UInt8>, length: Int) -> [UInt8] {
        if let result = data.withContiguousStorageIfAvailable({ digest(buffer: UnsafeRawBufferPointer($0), length: length) }) {
            return result
        }
        return Array(data).withUnsafeBytes { digest(buffer: $0, length: length) }
    }

    static func digest(buffer: UnsafeRawBufferPointer, length: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: length) { output, initialized in
            // libb2 fails only for a NULL input with a non-zero length or a bad output length,
            // neither of which can happen here; an empty input passes a NULL pointer with length 0.
            _ = CBlake2.blake2b(output.baseAddress, buffer.baseAddress, nil, length, buffer.count, 0)
            initialized = length
        }
    }
}
