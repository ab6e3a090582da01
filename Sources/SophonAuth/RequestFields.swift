import Foundation

/// A request's named values, merged from the query string and the body (a JSON object or a
/// form-urlencoded body), looked up case-insensitively as Go's `encoding/json` and gin's form
/// binding do, so upstream clients' `{"Name": ...}` and `name=...` forms both work.
///
/// Body values win over query values with the same name.
struct RequestFields: Sendable {
    /// A value as JSON or a form gives it.
    indirect enum Value: Sendable, Hashable, Decodable {
        case string(String)
        /// A JSON number, kept as its text so integers stay exact.
        case number(String)
        case bool(Bool)
        case array([Value])
        case object([String: Value])
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let integer = try? container.decode(Int64.self) {
                self = .number(String(integer))
            } else if let double = try? container.decode(Double.self) {
                self = .number(String(double))
            } else if let array = try? container.decode([Value].self) {
                self = .array(array)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }
    }

    private(set) var values: [String: Value] = [:]

    init() {}

    /// Builds the fields; throws `.badRequest` for a malformed JSON body or a non-object JSON body.
    init(query: String?, body: [UInt8], contentType: String?) throws(AuthError) {
        if let query { add(form: query) }
        guard !body.isEmpty else { return }
        let type = contentType?.lowercased() ?? ""
        // curl -d sends JSON labelled as a form; a body opening with `{` is JSON either way.
        let looksLikeJSON = body.first(where: { ![9, 10, 13, 32].contains($0) }) == UInt8(ascii: "{")
        if type.hasPrefix("application/x-www-form-urlencoded") && !looksLikeJSON {
            add(form: String(decoding: body, as: UTF8.self))
            return
        }
        if type.hasPrefix("multipart/") { throw .badRequest("multipart bodies are not supported") }
        // Anything else (JSON, or a client that sent no content type) must be a JSON object.
        let decoded: Value
        do {
            decoded = try JSONDecoder().decode(Value.self, from: Data(body))
        } catch let error as DecodingError {
            throw .badRequest("invalid JSON body: \(RequestFields.describe(error))")
        } catch {
            throw .badRequest("invalid JSON body")
        }
        guard case .object(let fields) = decoded else { throw .badRequest("JSON body must be an object") }
        for (key, value) in fields { values[key.lowercased()] = value }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .keyNotFound(_, let context):
            context.debugDescription
        @unknown default: "\(error)"
        }
    }

    private mutating func add(form: String) {
        for pair in form.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = RequestFields.formDecode(parts[0]).lowercased()
            let value = parts.count > 1 ? RequestFields.formDecode(parts[1]) : ""
            // Repeated keys (`names=a&names=b`) form an array, as Go's url.Values do.
            switch values[key] {
            case .string(let first)?: values[key] = .array([.string(first), .string(value)])
            case .array(let items)?: values[key] = .array(items + [.string(value)])
            default: values[key] = .string(value)
            }
        }
    }

    private static func formDecode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    func value(_ key: String) -> Value? {
        guard let value = values[key.lowercased()], value != .null else { return nil }
        return value
    }

    /// A text field; empty text counts as absent.
    func string(_ key: String) throws(AuthError) -> String? {
        switch value(key) {
        case nil: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case .number(let text)?: return text
        default: throw .badRequest("`\(key)` must be text")
        }
    }

    func requiredString(_ key: String) throws(AuthError) -> String {
        guard let text = try string(key) else { throw .badRequest("`\(key)` is required") }
        return text
    }

    /// An integer field given as a JSON number or as decimal text.
    func int(_ key: String) throws(AuthError) -> Int64? {
        switch value(key) {
        case nil: return nil
        case .string(let text)?, .number(let text)?:
            if text.isEmpty { return nil }
            guard let number = Int64(text) else { throw .badRequest("`\(key)` must be an integer") }
            return number
        default: throw .badRequest("`\(key)` must be an integer")
        }
    }

    func bool(_ key: String) throws(AuthError) -> Bool? {
        switch value(key) {
        case nil: return nil
        case .bool(let flag)?: return flag
        case .string(let text)?:
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            case "": return nil
            default: throw .badRequest("`\(key)` must be true or false")
            }
        default: throw .badRequest("`\(key)` must be true or false")
        }
    }

    /// A list of texts: a JSON array, repeated form keys, or one value.
    func strings(_ key: String) throws(AuthError) -> [String] {
        switch value(key) {
        case nil: return []
        case .string(let text)?: return [text]
        case .array(let items)?:
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw .badRequest("`\(key)` must be a list of texts") }
                result.append(text)
            }
            return result
        default: throw .badRequest("`\(key)` must be a list of texts")
        }
    }

    /// A nested JSON object's fields.
    func object(_ key: String) throws(AuthError) -> RequestFields? {
        switch value(key) {
        case nil: return nil
        case .object(let fields)?:
            var nested = RequestFields()
            for (name, value) in fields { nested.values[name.lowercased()] = value }
            return nested
        default: throw .badRequest("`\(key)` must be an object")
        }
    }
}
