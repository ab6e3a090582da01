import Foundation
import JSONRPC
import Testing

/// One described method, checked against one upstream document: the description's name and
/// permission, and its parameter and result types read and rewritten on the document's examples.
struct MethodCase: Sendable, CustomTestStringConvertible {
    let name: String
    let permission: Permission
    let source: APIDocument.Source
    let paramCount: Int
    let isStream: Bool
    /// The result is Go's bare `error` (`RPCVoid`): the documents show `{}`, the wire `null`.
    let isVoid: Bool
    /// Decodes the example params as the description's parameter type and encodes them again.
    let rewriteParams: @Sendable (JSONValue) throws -> JSONValue
    /// Decodes the example response as the description's result type and encodes it again.
    let rewriteResult: @Sendable (JSONValue) throws -> JSONValue

    /// The name without the namespace, as the documents head it (`Filecoin.ChainHead` -> `ChainHead`).
    var shortName: String { name.split(separator: ".").last.map(String.init) ?? name }

    var testDescription: String { "\(name) (\(source))" }

    init<P, R>(_ method: RPCMethod<P, R>, _ source: APIDocument.Source = .lotusV1) {
        self.init(
            name: method.name, permission: method.permission, source: source, paramCount: P.count, isStream: false,
            isVoid: R.self == RPCVoid.self, params: P.self, result: R.self)
    }

    init<P, R>(_ method: RPCStreamMethod<P, R>, _ source: APIDocument.Source = .lotusV1) {
        self.init(
            name: method.name, permission: method.permission, source: source, paramCount: P.count, isStream: true,
            isVoid: false, params: P.self, result: R.self)
    }

    private init<P: RPCParameters, R: Codable & Sendable>(
        name: String, permission: Permission, source: APIDocument.Source, paramCount: Int, isStream: Bool,
        isVoid: Bool, params: P.Type, result: R.Type
    ) {
        self.name = name
        self.permission = permission
        self.source = source
        self.paramCount = paramCount
        self.isStream = isStream
        self.isVoid = isVoid
        self.rewriteParams = { try rewrite($0, as: P.self) }
        self.rewriteResult = { try rewrite($0, as: R.self) }
    }
}

/// `value` decoded as `T` with the encoder/decoder pair the RPC layer uses, and encoded again.
func rewrite<T: Codable>(_ value: JSONValue, as type: T.Type) throws -> JSONValue {
    let data = try JSONEncoder().encode(value)
    let decoded = try JSONDecoder().decode(T.self, from: data)
    let written = try JSONEncoder().encode(decoded)
    return try JSONDecoder().decode(JSONValue.self, from: written)
}

extension MethodCase {
    /// Checks this description against the reference document's entry: the permission, the
    /// parameter count the server enforces, and the example inputs and response rewritten
    /// through our types (a `{}` response stands for a bare `error`, which `RPCVoid` writes as
    /// `null`, as go-jsonrpc sends it).
    func expectMatches(_ entry: APIDocument.Entry) throws {
        #expect(entry.permission == permission.rawValue, "\(name): permission \(permission.rawValue), upstream \(entry.permission ?? "none")")
        let params = try #require(entry.params, "\(name): no example inputs")
        if paramCount == 0 {
            #expect(params == .null || params == .array([]), "\(name): upstream takes parameters: \(params)")
        } else {
            guard case .array(let elements) = params else {
                Issue.record("\(name): example inputs are not an array")
                return
            }
            #expect(elements.count == paramCount, "\(name): \(paramCount) params, upstream \(elements.count)")
            if let difference = jsonDifference(params, try rewriteParams(params)) {
                Issue.record("\(name) params: \(difference)")
            }
        }
        let response = try #require(entry.response, "\(name): no example response")
        if isVoid {
            #expect(response == .object([:]), "\(name): upstream returns a value: \(response)")
            #expect(try rewriteResult(.null) == .null)
        } else if let difference = jsonDifference(response, try rewriteResult(response)) {
            Issue.record("\(name) result: \(difference)")
        }
    }
}
