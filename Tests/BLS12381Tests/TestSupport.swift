import Foundation
import GoCompat
import VenusTesting

/// Decodes hex (with or without 0x); nil on odd length or a non-hex digit.
func hexBytes(_ text: String) -> [UInt8]? { try? Hex.decode(text, allowPrefix: true) }

func hexString(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

/// Lowercase RFC 4648 base32 without padding (Filecoin addresses).
func base32Decode(_ text: String) -> [UInt8]? {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
    var buffer: UInt32 = 0, bits = 0
    var out = [UInt8]()
    for ch in text {
        guard let v = alphabet.firstIndex(of: ch) else { return nil }
        buffer = (buffer << 5) | UInt32(v)
        bits += 5
        if bits >= 8 {
            bits -= 8
            out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
        }
    }
    return out
}

/// The 48-byte BLS public key inside a t3/f3 address string (payload then a 4-byte checksum).
func blsPublicKey(fromAddress address: String) -> [UInt8]? {
    guard address.count > 2, address.dropFirst().first == "3",
        let decoded = base32Decode(String(address.dropFirst(2))), decoded.count == 52
    else { return nil }
    return Array(decoded.prefix(48))
}

enum TestFailure: Error { case malformedVector(String) }

/// Whether oracle tests should run: their modules exist, or CI demands they run (and fail).
func oracleEnabled(_ modules: [String]) -> Bool {
    ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: modules)
}

/// A string field of a JSON object, or a thrown error naming it.
func field(_ object: [String: Any], _ key: String) throws -> String {
    guard let value = object[key] as? String else { throw TestFailure.malformedVector("missing \(key)") }
    return value
}

/// A hex field of a JSON object as bytes.
func hexField(_ object: [String: Any], _ key: String) throws -> [UInt8] {
    guard let bytes = hexBytes(try field(object, key)) else { throw TestFailure.malformedVector("bad hex \(key)") }
    return bytes
}
