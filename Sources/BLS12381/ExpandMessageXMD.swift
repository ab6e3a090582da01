import Crypto

/// RFC 9380 section 5.3.1 expand_message_xmd with SHA-256.
enum ExpandMessageXMD {
    /// Domain separation tags longer than 255 bytes are first hashed (RFC 9380 section 5.3.3).
    static func normalizedDST(_ dst: [UInt8]) -> [UInt8] {
        guard dst.count > 255 else { return dst }
        var hasher = SHA256()
        hasher.update(data: Array("H2C-OVERSIZE-DST-".utf8))
        hasher.update(data: dst)
        return Array(hasher.finalize())
    }

    /// `length` uniform bytes from `message` under `dst`; nil when length is 0 or above 8160
    /// (ell > 255) or the length does not fit two bytes.
    static func expand(_ message: some Collection<UInt8>, dst: [UInt8], length: Int) -> [UInt8]? {
        let dst = normalizedDST(dst)
        let ell = (length + 31) / 32
        guard length > 0, ell <= 255, length <= 65535 else { return nil }
        let dstPrime = dst + [UInt8(dst.count)]
        var hasher = SHA256()
        hasher.update(data: [UInt8](repeating: 0, count: 64))  // Z_pad, SHA-256 block size
        hasher.update(data: Array(message))
        hasher.update(data: [UInt8(length >> 8), UInt8(length & 0xFF), 0])
        hasher.update(data: dstPrime)
        let b0 = Array(hasher.finalize())
        var previous: [UInt8] = {
            var h = SHA256()
            h.update(data: b0)
            h.update(data: [1])
            h.update(data: dstPrime)
            return Array(h.finalize())
        }()
        var output = previous
        output.reserveCapacity(ell * 32)
        if ell >= 2 {
            for i in 2...ell {
                var h = SHA256()
                var mixed = [UInt8](repeating: 0, count: 32)
                for k in 0..<32 { mixed[k] = b0[k] ^ previous[k] }
                h.update(data: mixed)
                h.update(data: [UInt8(i)])
                h.update(data: dstPrime)
                previous = Array(h.finalize())
                output += previous
            }
        }
        return Array(output.prefix(length))
    }
}
