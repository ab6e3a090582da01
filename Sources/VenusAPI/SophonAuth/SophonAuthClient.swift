import AsyncHTTPClient
import FilecoinTypes
import Foundation
import GoCompat
import NIOCore
import NIOHTTP1

/// A typed client of sophon-auth's REST API (and of upstream Go sophon-auth: same routes,
/// bodies and answers). Every call sends `Authorization: Bearer <token>` when a token is set.
///
/// Errors: `SophonAuthClientError` for answers, AsyncHTTPClient's errors for transport failures.
public struct SophonAuthClient: Sendable {
    /// `http(s)://host[:port][/prefix]`, without a trailing slash (`Endpoint.httpURL()`).
    public let baseURL: String
    /// The token sent with every call (admin for management calls).
    public let token: String?
    private let httpClient: HTTPClient
    private let timeout: TimeAmount

    /// - Parameter address: a URL, `host:port`, or a multiaddr such as `/ip4/127.0.0.1/tcp/8989/http`.
    public init(
        address: String, token: String?, httpClient: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)
    ) throws(SophonAuthClientError) {
        do {
            self.baseURL = try Endpoint(parsing: address).httpURL()
        } catch {
            throw .invalidAddress("\(error)")
        }
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.httpClient = httpClient
        self.timeout = timeout
    }

    // MARK: - Tokens

    /// `POST /verify`: the payload of `token` if it verifies (registered, not removed, signature
    /// valid with its own secret, user neither disabled nor deleted).
    public func verify(_ tokenToCheck: String) async throws -> SophonTokenPayload {
        try await call(.POST, "/verify", json: ["token": tokenToCheck], as: SophonTokenPayload.self)
    }

    /// `POST /genToken` (admin): a new token for an existing user.
    public func generateToken(name: String, perm: SophonPermission, extra: String = "") async throws -> String {
        struct Answer: Decodable { var token: String }
        return try await call(
            .POST, "/genToken", json: ["name": name, "perm": perm.rawValue, "extra": extra], as: Answer.self
        ).token
    }

    /// `GET /token`: the token itself (`token`) or every token of a user (`name`).
    public func getToken(name: String = "", token: String = "") async throws -> [SophonTokenInfo] {
        try await call(.GET, "/token", query: ["name": name, "token": token], as: [SophonTokenInfo].self)
    }

    /// `GET /tokens` (admin): all live tokens ordered by name.
    public func tokens(skip: Int64 = 0, limit: Int64 = 20) async throws -> [SophonTokenInfo] {
        try await call(.GET, "/tokens", query: ["skip": "\(skip)", "limit": "\(limit)"], as: [SophonTokenInfo].self)
    }

    /// `DELETE /token`: removes a token (softly; `recoverToken` restores it).
    public func removeToken(_ tokenToRemove: String) async throws {
        try await callIgnoringBody(.DELETE, "/token", json: ["token": tokenToRemove])
    }

    /// `POST /recoverToken`.
    public func recoverToken(_ tokenToRecover: String) async throws {
        try await callIgnoringBody(.POST, "/recoverToken", json: ["token": tokenToRecover])
    }

    // MARK: - Users

    /// `PUT /user/new` (admin).
    public func createUser(name: String, comment: String? = nil, state: SophonUserState = .enabled)
        async throws -> SophonUser
    {
        var body: [String: any Sendable] = ["name": name, "state": state.rawValue]
        if let comment { body["comment"] = comment }
        return try await call(.PUT, "/user/new", json: body, as: SophonUser.self)
    }

    /// `POST /user/update` (admin): changes the comment and/or state; `nil` leaves a field alone.
    public func updateUser(name: String, comment: String? = nil, state: SophonUserState? = nil) async throws {
        var body: [String: any Sendable] = ["name": name, "state": (state ?? .undefined).rawValue]
        if let comment { body["comment"] = comment }
        try await callIgnoringBody(.POST, "/user/update", json: body)
    }

    /// `GET /user/list` (admin); `state` `nil` lists every state.
    public func listUsers(skip: Int64 = 0, limit: Int64 = 20, state: SophonUserState? = nil) async throws
        -> [SophonUser]
    {
        try await call(
            .GET, "/user/list",
            query: ["skip": "\(skip)", "limit": "\(limit)", "state": "\((state ?? .undefined).rawValue)"],
            as: [SophonUser].self)
    }

    /// `GET /user` (admin, or the user itself).
    public func getUser(name: String) async throws -> SophonUser {
        try await call(.GET, "/user", query: ["name": name], as: SophonUser.self)
    }

    /// `GET /user/has` (admin): whether a live (not deleted) user has this name.
    public func hasUser(name: String) async throws -> Bool {
        try await call(.GET, "/user/has", query: ["name": name], as: Bool.self)
    }

    /// `POST /user/verify` (admin): succeeds when every name is a live user.
    public func verifyUsers(names: [String]) async throws {
        try await callIgnoringBody(.POST, "/user/verify", json: ["names": names])
    }

    /// `POST /user/del` (admin): deletes softly, removing the user's miners and signers.
    public func deleteUser(name: String) async throws {
        try await callIgnoringBody(.POST, "/user/del", json: ["name": name])
    }

    /// `POST /user/recover` (admin).
    public func recoverUser(name: String) async throws {
        try await callIgnoringBody(.POST, "/user/recover", json: ["name": name])
    }

    // MARK: - Rate limits

    /// `GET /user/ratelimit` (admin): the user's limits, or the one with `id`.
    public func getUserRateLimits(name: String, id: String = "") async throws -> [SophonRateLimit] {
        try await call(.GET, "/user/ratelimit", query: ["name": name, "id": id], as: [SophonRateLimit].self)
    }

    /// `POST /user/ratelimit/upsert` (admin): the limit's id (a new one when `limit.id` is empty).
    public func upsertUserRateLimit(_ limit: SophonRateLimit) async throws -> String {
        let body = try JSONEncoder().encode(limit)
        return try await call(.POST, "/user/ratelimit/upsert", body: body, as: String.self)
    }

    /// `POST /user/ratelimit/del` (admin): the removed id.
    @discardableResult
    public func deleteUserRateLimit(name: String, id: String) async throws -> String {
        try await call(.POST, "/user/ratelimit/del", json: ["name": name, "id": id], as: String.self)
    }

    // MARK: - Miners

    /// `POST /user/miner/add` (admin): binds an ID-address miner to a user; `true` if newly created.
    @discardableResult
    public func upsertMiner(user: String, miner: Address, openMining: Bool = true) async throws -> Bool {
        try await call(
            .POST, "/user/miner/add", json: ["User": user, "Miner": miner.description, "OpenMining": openMining],
            as: Bool.self)
    }

    /// `GET /miner/has` (admin).
    public func hasMiner(_ miner: Address) async throws -> Bool {
        try await call(.GET, "/miner/has", query: ["miner": miner.description], as: Bool.self)
    }

    /// `GET /user/miner/exist` (admin, or the user itself).
    public func minerExistInUser(user: String, miner: Address) async throws -> Bool {
        try await call(.GET, "/user/miner/exist", query: ["miner": miner.description, "user": user], as: Bool.self)
    }

    /// `GET /user/miner/list` (admin, or the user itself).
    public func listMiners(user: String) async throws -> [SophonMiner] {
        try await call(.GET, "/user/miner/list", query: ["user": user], as: [SophonMiner].self)
    }

    /// `POST /user/miner/del` (admin, or the miner's owner): `true` if it existed.
    @discardableResult
    public func deleteMiner(_ miner: Address) async throws -> Bool {
        try await call(.POST, "/user/miner/del", json: ["miner": miner.description], as: Bool.self)
    }

    /// `GET /user/miner` (admin): the live user owning `miner`.
    public func getUserByMiner(_ miner: Address) async throws -> SophonUser {
        try await call(.GET, "/user/miner", query: ["miner": miner.description], as: SophonUser.self)
    }

    // MARK: - Signers

    /// `POST /user/signer/register` (admin).
    public func registerSigners(user: String, signers: [Address]) async throws {
        try await callIgnoringBody(
            .POST, "/user/signer/register", json: ["User": user, "Signers": signers.map(\.description)])
    }

    /// `POST /user/signer/unregister` (admin).
    public func unregisterSigners(user: String, signers: [Address]) async throws {
        try await callIgnoringBody(
            .POST, "/user/signer/unregister", json: ["User": user, "Signers": signers.map(\.description)])
    }

    /// `GET /user/signer/exist` (admin, or the user itself).
    public func signerExistInUser(user: String, signer: Address) async throws -> Bool {
        try await call(
            .GET, "/user/signer/exist", query: ["signer": signer.description, "user": user], as: Bool.self)
    }

    /// `GET /user/signer/list` (admin, or the user itself).
    public func listSigners(user: String) async throws -> [SophonSigner] {
        try await call(.GET, "/user/signer/list", query: ["user": user], as: [SophonSigner].self)
    }

    /// `GET /signer/has` (admin).
    public func hasSigner(_ signer: Address) async throws -> Bool {
        try await call(.GET, "/signer/has", query: ["signer": signer.description], as: Bool.self)
    }

    /// `POST /signer/del` (admin, or a user holding it): removes the signer from every user.
    @discardableResult
    public func deleteSigner(_ signer: Address) async throws -> Bool {
        try await call(.POST, "/signer/del", json: ["signer": signer.description], as: Bool.self)
    }

    /// `GET /user/signer` (admin): the live users holding `signer`.
    public func getUsersBySigner(_ signer: Address) async throws -> [SophonUser] {
        try await call(.GET, "/user/signer", query: ["signer": signer.description], as: [SophonUser].self)
    }

    /// `GET /changes` (admin; not an upstream route): the users whose tokens changed after `since`,
    /// waiting up to `wait` on the server for the next change when there is none yet.
    public func changes(since: UInt64, epoch: String?, wait: Duration = .zero) async throws -> SophonAuthChanges {
        let seconds = wait.components.seconds
        return try await call(
            .GET, "/changes", query: ["since": String(since), "epoch": epoch ?? "", "wait": seconds > 0 ? "\(seconds)s" : ""],
            as: SophonAuthChanges.self)
    }

    // MARK: - Service

    /// `GET /version`.
    public func version() async throws -> String {
        struct Answer: Decodable { var Version: String }
        return try await call(.GET, "/version", as: Answer.self).Version
    }

    /// `GET /healthcheck`: throws unless the server answers 200.
    public func healthcheck() async throws {
        try await callIgnoringBody(.GET, "/healthcheck")
    }

    // MARK: - Transport

    private func call<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [String: String] = [:], json: [String: any Sendable]? = nil,
        as type: T.Type
    ) async throws -> T {
        let body = try json.map { try JSONSerialization.data(withJSONObject: $0 as [String: Any], options: [.sortedKeys]) }
        return try await call(method, path, query: query, body: body, as: T.self)
    }

    private func call<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [String: String] = [:], body: Data?, as type: T.Type
    ) async throws -> T {
        let data = try await send(method, path, query: query, body: body)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw SophonAuthClientError.invalidResponse("\(path): \(error)")
        }
    }

    private func callIgnoringBody(
        _ method: HTTPMethod, _ path: String, json: [String: any Sendable]? = nil
    ) async throws {
        let body = try json.map { try JSONSerialization.data(withJSONObject: $0 as [String: Any], options: [.sortedKeys]) }
        _ = try await send(method, path, query: [:], body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, query: [String: String], body: Data?) async throws
        -> Data
    {
        var components = URLComponents()
        let items = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { URLQueryItem(name: $0.key, value: $0.value) }
        components.queryItems = items.isEmpty ? nil : items
        var url = baseURL + path
        if let encoded = components.percentEncodedQuery {
            // `+` is a space in form decoding: escape it so base64 and such survive.
            url += "?" + encoded.replacingOccurrences(of: "+", with: "%2B")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await httpClient.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 64 << 20)
        let data = Data(buffer.readableBytesView)
        guard response.status == .ok else {
            let message = SophonAuthClient.errorMessage(in: data)
            switch response.status.code {
            case 401: throw SophonAuthClientError.unauthorized(message)
            case 403: throw SophonAuthClientError.forbidden(message)
            default: throw SophonAuthClientError.server(status: Int(response.status.code), message: message)
            }
        }
        return data
    }

    private static func errorMessage(in data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let message = object["error"] as? String
        {
            return message
        }
        return String(decoding: data, as: UTF8.self)
    }
}
