import Foundation
import GoCompat
import VenusAPI

/// `lotus wallet export` prints the hex of the KeyInfo JSON; `init(importing:)` accepts either.
extension KeyInfo {
    /// Parses `lotus wallet export` output: the KeyInfo JSON, or its hex (surrounding
    /// whitespace ignored).
    /// - Throws: `WalletError.malformedKeyInfo`.
    public init(importing text: String) throws(WalletError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let json: [UInt8]
        if trimmed.hasPrefix("{") {
            json = Array(trimmed.utf8)
        } else {
            do {
                json = try Hex.decode(trimmed)
            } catch {
                throw .malformedKeyInfo("neither KeyInfo JSON nor hex: \(error)")
            }
        }
        do {
            self = try JSONDecoder().decode(KeyInfo.self, from: Data(json))
        } catch {
            throw .malformedKeyInfo("\(error)")
        }
    }

    /// The hex of the JSON form, as `lotus wallet export` prints it.
    public func exportedHex() throws -> String {
        Hex.encode(try JSONEncoder().encode(self))
    }
}
