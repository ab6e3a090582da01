import GoCompat
import VenusRuntime
import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// sophon-auth's operations with upstream's permission rules, over `AuthStore`.
///
/// Every method that is not `verify` takes the verified `AuthCaller`. Beyond upstream, a token
/// only verifies while its user exists, is not deleted and is not disabled.
public final class AuthService: Sendable {
    let store: AuthStore
    let logger: Logger
    /// Users whose tokens changed, for services that cache verifications (`GET /changes`).
    public let changes = AuthChangeFeed()

    /// The name of the user owning the token written to `<repo>/token` (upstream's).
    public static let defaultAdminUser = "defaultLocalToken"

    /// Opens the database at `databasePath`, migrating it.
    public init(databasePath: String, logger: Logger = Logger(label: "sophon-auth")) throws(AuthError) {
        store = try AuthStore(path: databasePath)
        self.logger = logger
    }

    /// The migrations applied to the database, oldest first.
    public func appliedMigrations() async throws(AuthError) -> [String] { try await store.appliedMigrations() }

    // MARK: - Tokens

    /// Verifies `token`: registered and not removed, HS256 signature valid with the token's own
    /// secret, user live and not disabled. Every failure is `.unauthorized`.
    public func verify(_ token: String) async throws(AuthError) -> SophonTokenPayload {
        let claims = try TokenCodec.unverifiedClaims(token)
        guard let stored = try await store.token(token), !stored.isDeleted else {
            throw .unauthorized("A non-registered token")
        }
        guard let secret = try? Hex.decode(stored.secret) else { throw .storage("token secret is not hex") }
        let verified = try await TokenCodec.verify(token, secret: secret)
        guard verified == claims, let perm = SophonPermission(rawValue: verified.perm) else {
            throw .unauthorized("Verification Failed: unknown permission \(claims.perm)")
        }
        guard let user = try await store.user(named: verified.name) else {
            throw .unauthorized("user \(verified.name) of the token does not exist or is deleted")
        }
        guard user.state != .disabled else { throw .unauthorized("user \(verified.name) is disabled") }
        return SophonTokenPayload(name: verified.name, perm: perm, ext: verified.ext)
    }

    /// Makes a token for the live user `name` (admin). Each token gets its own random secret.
    public func generateToken(caller: AuthCaller, name: String, perm: SophonPermission, extra: String)
        async throws(AuthError) -> String
    {
        try caller.require(.admin)
        return try await makeToken(name: name, perm: perm, extra: extra)
    }

    private func makeToken(name: String, perm: SophonPermission, extra: String) async throws(AuthError) -> String {
        guard try await store.user(named: name) != nil else {
            throw .notFound("token must be based on an existing user \(name) to generate")
        }
        let secret = TokenCodec.randomSecret()
        let token = try await TokenCodec.sign(TokenClaims(name: name, perm: perm.rawValue, ext: extra), secret: secret)
        try await store.insertToken(
            StoredToken(
                token: token, name: name, perm: perm.rawValue, secret: Hex.encode(secret), extra: extra,
                createTime: Date()))
        await changes.record(user: name)
        return token
    }

    /// The token `token` (admin), or the tokens of user `name` (admin or that user).
    public func getToken(caller: AuthCaller, name: String?, token: String?) async throws(AuthError)
        -> [SophonTokenInfo]
    {
        if let token {
            try caller.require(.admin)
            guard let stored = try await store.token(token), !stored.isDeleted else {
                throw .notFound("token not found")
            }
            return [info(stored)]
        }
        guard let name else { throw .badRequest("`name` and `token` both empty") }
        try caller.requireAdminOrUser(name)
        return try await store.liveTokens(name: name).map(info)
    }

    /// Live tokens ordered by user name (admin). `limit` is clamped to 0...1000 like upstream.
    public func tokens(caller: AuthCaller, skip: Int64, limit: Int64) async throws(AuthError) -> [SophonTokenInfo] {
        try caller.require(.admin)
        return try await store.liveTokens(skip: max(skip, 0), limit: AuthService.clampLimit(limit)).map(info)
    }

    /// Removes a token softly (admin, or the token's own user).
    public func removeToken(caller: AuthCaller, token: String) async throws(AuthError) {
        let owner = try TokenCodec.unverifiedClaimsForManagement(token).name
        try caller.requireAdminOrUser(owner)
        guard try await store.setTokenDeleted(token, deleted: true) else {
            throw .notFound("remove token: token not found")
        }
        await changes.record(user: owner)
    }

    /// Restores a removed token (admin, or the token's own user).
    public func recoverToken(caller: AuthCaller, token: String) async throws(AuthError) {
        let owner = try TokenCodec.unverifiedClaimsForManagement(token).name
        try caller.requireAdminOrUser(owner)
        guard try await store.setTokenDeleted(token, deleted: false) else {
            throw .notFound("recover token: no removed token matches")
        }
        await changes.record(user: owner)
    }

    /// The admin token of `defaultAdminUser`, creating the user and token the first time.
    public func defaultAdminToken() async throws(AuthError) -> String {
        if let existing = try await store.liveTokens(name: AuthService.defaultAdminUser)
            .first(where: { $0.perm == SophonPermission.admin.rawValue })
        {
            return existing.token
        }
        if try await store.user(named: AuthService.defaultAdminUser, includeDeleted: true) == nil {
            try await store.insertUser(
                StoredUser(
                    id: UUID().uuidString.lowercased(), name: AuthService.defaultAdminUser, comment: "",
                    state: .enabled, now: Date()))
        }
        return try await makeToken(name: AuthService.defaultAdminUser, perm: .admin, extra: "")
    }

    /// How many users and tokens are live, for `/metrics`.
    public func counts() async throws(AuthError) -> (users: Int, tokens: Int) { try await store.liveCounts() }

    private func info(_ stored: StoredToken) -> SophonTokenInfo {
        SophonTokenInfo(token: stored.token, name: stored.name, perm: stored.perm, createTime: stored.createTime)
    }

    static func clampLimit(_ limit: Int64) -> Int64 { limit < 0 || limit > 1000 ? 1000 : limit }

    // MARK: - Users

    public func createUser(caller: AuthCaller, name: String, comment: String?, state: SophonUserState)
        async throws(AuthError) -> SophonUser
    {
        try caller.require(.admin)
        guard !name.isEmpty else { throw .badRequest("`name` is required") }
        let user = StoredUser(
            id: UUID().uuidString.lowercased(), name: name, comment: comment ?? "", state: state, now: Date())
        try await store.insertUser(user)
        return user.output
    }

    /// Changes comment and/or state (`undefined` leaves the state alone, as upstream).
    public func updateUser(caller: AuthCaller, name: String, comment: String?, state: SophonUserState)
        async throws(AuthError)
    {
        try caller.require(.admin)
        try await store.updateUser(
            name: name, comment: comment, state: state == .undefined ? nil : state, now: Date())
        if state != .undefined { await changes.record(user: name) }
    }

    public func listUsers(caller: AuthCaller, skip: Int64, limit: Int64, state: SophonUserState)
        async throws(AuthError) -> [SophonUser]
    {
        try caller.require(.admin)
        return try await store.listUsers(
            skip: max(skip, 0), limit: AuthService.clampLimit(limit), state: state == .undefined ? nil : state
        ).map(\.output)
    }

    public func getUser(caller: AuthCaller, name: String) async throws(AuthError) -> SophonUser {
        try caller.requireAdminOrUser(name)
        guard let user = try await store.user(named: name) else { throw .notFound("user \(name) not found") }
        return user.output
    }

    public func hasUser(caller: AuthCaller, name: String) async throws(AuthError) -> Bool {
        try caller.require(.admin)
        return try await store.user(named: name) != nil
    }

    /// Succeeds when every name is a live user (admin).
    public func verifyUsers(caller: AuthCaller, names: [String]) async throws(AuthError) {
        try caller.require(.admin)
        for name in names {
            if try await store.user(named: name) == nil { throw .notFound("verify \(name): user not found") }
        }
    }

    /// Deletes softly, removing the user's miners and signers; its tokens stop verifying.
    public func deleteUser(caller: AuthCaller, name: String) async throws(AuthError) {
        try caller.require(.admin)
        try await store.deleteUser(name: name, now: Date())
        await changes.record(user: name)
        logger.info("deleted user \(name) with its miners and signers")
    }

    public func recoverUser(caller: AuthCaller, name: String) async throws(AuthError) {
        try caller.require(.admin)
        try await store.recoverUser(name: name, now: Date())
        await changes.record(user: name)
    }

    // MARK: - Rate limits

    public func rateLimits(caller: AuthCaller, name: String, id: String?) async throws(AuthError)
        -> [SophonRateLimit]
    {
        try caller.require(.admin)
        return try await store.rateLimits(name: name, id: id)
    }

    /// Stores `limit` (a new id when it has none) and returns its id (admin).
    public func upsertRateLimit(caller: AuthCaller, limit: SophonRateLimit) async throws(AuthError) -> String {
        try caller.require(.admin)
        guard !limit.name.isEmpty else { throw .badRequest("rate limit `Name` is required") }
        guard limit.cap >= 0, limit.resetDurationNanoseconds >= 0 else {
            throw .badRequest("rate limit `Cap` and `ResetDur` must not be negative")
        }
        var stored = limit
        if stored.id.isEmpty { stored.id = UUID().uuidString.lowercased() }
        try await store.upsertRateLimit(stored)
        return stored.id
    }

    public func deleteRateLimit(caller: AuthCaller, name: String, id: String) async throws(AuthError) {
        try caller.require(.admin)
        guard !name.isEmpty, !id.isEmpty else {
            throw .badRequest("user and rate-limit id is required for removing rate limit regulation")
        }
        guard try await store.deleteRateLimit(name: name, id: id) else {
            throw .notFound("rate limit \(id) of \(name) not found")
        }
    }

    /// The limit applying to every call of `user` (what RPC middleware enforces), if any.
    /// Unchecked: for in-process use by a service's own middleware.
    public func userWideRateLimit(user: String) async throws(AuthError) -> SophonRateLimit? {
        try await store.rateLimits(name: user, id: nil).first(where: \.isUserWide)
    }

    // MARK: - Miners

    public func upsertMiner(caller: AuthCaller, user: String, miner: Address, openMining: Bool)
        async throws(AuthError) -> Bool
    {
        try caller.require(.admin)
        guard miner.protocol == .id else { throw .badRequest("invalid protocol type: \(miner.protocol)") }
        return try await store.upsertMiner(miner, user: user, openMining: openMining, now: Date())
    }

    public func hasMiner(caller: AuthCaller, miner: Address) async throws(AuthError) -> Bool {
        try caller.require(.admin)
        return try await store.hasMiner(miner)
    }

    public func minerExistInUser(caller: AuthCaller, user: String, miner: Address) async throws(AuthError) -> Bool {
        try caller.requireAdminOrUser(user)
        return try await store.minerExists(miner, user: user)
    }

    public func listMiners(caller: AuthCaller, user: String) async throws(AuthError) -> [SophonMiner] {
        try caller.requireAdminOrUser(user)
        return try await store.listMiners(user: user)
    }

    /// Unbinds a miner (admin, or the user owning it); whether it existed.
    public func deleteMiner(caller: AuthCaller, miner: Address) async throws(AuthError) -> Bool {
        if !caller.isAdmin {
            guard try await store.minerExists(miner, user: caller.name) else {
                throw .forbidden("need admin permission or to own \(miner): Permission Deny")
            }
        }
        return try await store.deleteMiner(miner)
    }

    public func userByMiner(caller: AuthCaller, miner: Address) async throws(AuthError) -> SophonUser {
        try caller.require(.admin)
        guard let user = try await store.userByMiner(miner) else {
            throw .notFound("no live user owns miner \(miner)")
        }
        return user.output
    }

    // MARK: - Signers

    static func requireSignerAddress(_ address: Address) throws(AuthError) {
        switch address.protocol {
        case .secp256k1, .bls, .delegated: return
        case .id, .actor: throw .badRequest("invalid protocol type: \(address.protocol)")
        }
    }

    public func registerSigners(caller: AuthCaller, user: String, signers: [Address]) async throws(AuthError) {
        try caller.require(.admin)
        for signer in signers { try AuthService.requireSignerAddress(signer) }
        for signer in signers { try await store.registerSigner(signer, user: user, now: Date()) }
    }

    public func unregisterSigners(caller: AuthCaller, user: String, signers: [Address]) async throws(AuthError) {
        try caller.require(.admin)
        for signer in signers { try AuthService.requireSignerAddress(signer) }
        for signer in signers { try await store.unregisterSigner(signer, user: user) }
    }

    public func signerExistInUser(caller: AuthCaller, user: String, signer: Address) async throws(AuthError) -> Bool {
        try caller.requireAdminOrUser(user)
        try AuthService.requireSignerAddress(signer)
        return try await store.signerExists(signer, user: user)
    }

    public func listSigners(caller: AuthCaller, user: String) async throws(AuthError) -> [SophonSigner] {
        try caller.requireAdminOrUser(user)
        return try await store.listSigners(user: user)
    }

    public func hasSigner(caller: AuthCaller, signer: Address) async throws(AuthError) -> Bool {
        try caller.require(.admin)
        try AuthService.requireSignerAddress(signer)
        return try await store.signerExists(signer, user: nil)
    }

    /// Removes the signer from every user (admin, or a user holding it); whether it existed.
    public func deleteSigner(caller: AuthCaller, signer: Address) async throws(AuthError) -> Bool {
        if !caller.isAdmin {
            guard try await store.signerExists(signer, user: caller.name) else {
                throw .forbidden("need admin permission or to hold \(signer): Permission Deny")
            }
        }
        return try await store.deleteSigner(signer)
    }

    public func usersBySigner(caller: AuthCaller, signer: Address) async throws(AuthError) -> [SophonUser] {
        try caller.require(.admin)
        let users = try await store.usersBySigner(signer)
        guard !users.isEmpty else { throw .notFound("no live user holds signer \(signer)") }
        return users.map(\.output)
    }
}
