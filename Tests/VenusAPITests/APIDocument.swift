import Foundation
import JSONRPC
import VenusTesting

/// A method reference in upstream's Markdown form (Lotus `documentation/en/api-methods-*.md`,
/// venus-shared `api/*/method.md`): per method, a `### Name` heading, `Perms: x`, the example
/// inputs and response, each either inline (`` Inputs: `null` ``) or a fenced `json` block.
struct APIDocument {
    struct Entry {
        let name: String
        let permission: String?
        /// The example parameters; `.null` when the document says `null`.
        let params: JSONValue?
        let response: JSONValue?
    }

    enum ParseError: Error, CustomStringConvertible {
        case badJSON(method: String, part: String, underlying: String)
        var description: String {
            switch self {
            case .badJSON(let method, let part, let underlying): "\(method): \(part) is not JSON: \(underlying)"
            }
        }
    }

    let path: String
    let entries: [String: Entry]

    /// The documents the tests read, relative to the vectors folder.
    enum Source: String, Sendable, CustomStringConvertible {
        case lotusV1 = "api/lotus/documentation/en/api-methods-v1-stable.md"
        case lotusV0 = "api/lotus/documentation/en/api-methods-v0-deprecated.md"
        case venusV1 = "api/venus/venus-shared/api/chain/v1/method.md"
        case messager = "api/venus/venus-shared/api/messager/method.md"

        var description: String {
            switch self {
            case .lotusV1: "lotus v1"
            case .lotusV0: "lotus v0"
            case .venusV1: "venus v1"
            case .messager: "sophon-messager"
            }
        }
    }

    static func load(_ source: Source) throws -> APIDocument {
        let text = String(decoding: try TestVectors.data(source.rawValue), as: UTF8.self)
        return try APIDocument(path: source.rawValue, text: text)
    }

    init(path: String, text: String) throws {
        self.path = path
        var entries: [String: Entry] = [:]
        for section in text.components(separatedBy: "\n### ").dropFirst() {
            let lines = section.components(separatedBy: "\n")
            let name = lines[0].trimmingCharacters(in: .whitespaces)
            let permission = lines.first { $0.hasPrefix("Perms: ") }.map { String($0.dropFirst("Perms: ".count)) }
            let params = try Self.example(after: "Inputs:", in: lines, method: name)
            let response = try Self.example(after: "Response:", in: lines, method: name)
            entries[name] = Entry(name: name, permission: permission, params: params, response: response)
        }
        self.entries = entries
    }

    /// The JSON after the line starting with `label`: inline between backticks, or the fenced block that follows.
    private static func example(after label: String, in lines: [String], method: String) throws -> JSONValue? {
        guard let index = lines.firstIndex(where: { $0.hasPrefix(label) }) else { return nil }
        let rest = lines[index].dropFirst(label.count).trimmingCharacters(in: .whitespaces)
        var json: String
        if rest.hasPrefix("`") && rest.hasSuffix("`") && rest.count >= 2 {
            json = String(rest.dropFirst().dropLast())
        } else {
            guard let open = lines[(index + 1)...].firstIndex(where: { $0.hasPrefix("```json") }),
                let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") })
            else { return nil }
            json = lines[(open + 1)..<close].joined(separator: "\n")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw ParseError.badJSON(method: method, part: label, underlying: "\(error)")
        }
    }
}
