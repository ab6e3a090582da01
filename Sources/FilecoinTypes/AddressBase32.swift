/// RFC 4648 base32 with the lowercase alphabet and no padding, as go-address writes it, and a
/// decoder that accepts only the canonical encoding (go-address re-encodes and compares).
enum AddressBase32 {
    static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Maps an ASCII byte to its 5-bit value, or 0xff.
    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
    }

    /// Decodes canonical unpadded base32.
    /// - Throws: `.invalidBase32(offset:)` at the first byte outside the alphabet (offsets as
    ///   Go counts them, with line breaks removed first), and `.invalidEncoding` for line breaks,
    ///   a length that no byte string encodes to (1, 3 or 6 characters past a multiple of 8), or
    ///   non-zero unused bits in the last character.
    static func decode(_ text: ArraySlice<UInt8>) throws(AddressError) -> [UInt8] {
        let table = decodeTable
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        var characters = 0
        var sawLineBreak = false
        for character in text {
            if character == UInt8(ascii: "\r") || character == UInt8(ascii: "\n") {
                sawLineBreak = true
                continue
            }
            let value = table[Int(character)]
            guard value != 0xff else { throw .invalidBase32(offset: characters) }
            characters += 1
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        // Go's decoder skips line breaks, so the re-encoding then differs from the input.
        guard !sawLineBreak else { throw .invalidEncoding }
        switch characters % 8 {
        case 1, 3, 6: throw .invalidEncoding
        default: break
        }
        guard buffer == 0 else { throw .invalidEncoding }
        return output
    }
}
