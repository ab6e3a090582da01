import GoCompat
import FilecoinTypes
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import NIOCore
import VenusAPI
import VenusRuntime

/// sophon-auth's REST routes (upstream's, including its pre-1.7 `/miner/...` aliases).
///
/// `/healthcheck`, `/version` and `/verify` are open; every other route needs a token that
/// verifies (`Authorization: Bearer <token>`, or a `token` query/form value as upstream accepts),
/// then `AuthService` applies upstream's per-call rule (admin, or the user itself).
/// Errors are `{"error": text}` with `AuthError.status`.
public enum AuthRouter {
    /// The version `/version` reports: the upstream release whose API this serves.
    public static let version = "1.16.0"

    /// The most a request body may hold.
    static let maxBodySize = 1 << 20

    public static func make(service: AuthService, logger: Logger) -> Router<AuthRequestContext> {
        let router = Router(context: AuthRequestContext.self)
        let routes = Routes(router: router, service: service, logger: logger)

        routes.open(.get, "/healthcheck") { _ in .json(["status": "OK"]) }
        routes.open(.get, "/version") { _ in .json(["Version": version]) }
        routes.open(.post, "/verify") { fields in
            .json(try await service.verify(try fields.requiredString("token")))
        }

        routes.add(.post, "/genToken") { fields, caller in
            let permText = try fields.string("perm") ?? SophonPermission.read.rawValue
            guard let perm = SophonPermission(rawValue: permText) else {
                throw AuthError.badRequest("invalid perm \(permText): expected read, write, sign or admin")
            }
            let token = try await service.generateToken(
                caller: caller, name: try fields.requiredString("name"), perm: perm,
                extra: try fields.string("extra") ?? "")
            return .json(["token": token])
        }
        routes.add(.get, "/token") { fields, caller in
            .json(try await service.getToken(caller: caller, name: try fields.string("name"), token: try fields.string("token")))
        }
        routes.add(.get, "/tokens") { fields, caller in
            .json(try await service.tokens(caller: caller, skip: try fields.int("skip") ?? 0, limit: try fields.int("limit") ?? 20))
        }
        routes.add(.delete, "/token") { fields, caller in
            try await service.removeToken(caller: caller, token: try fields.requiredString("token"))
            return .empty
        }
        routes.add(.post, "/recoverToken") { fields, caller in
            try await service.recoverToken(caller: caller, token: try fields.requiredString("token"))
            return .empty
        }

        // Not upstream's: lets services drop cached verifications as soon as a token changes.
        routes.add(.get, "/changes") { fields, caller in
            try caller.require(.admin)
            let wait = try fields.string("wait").map { text in
                guard let duration = try? GoDuration(parsing: text), duration.nanoseconds >= 0 else {
                    throw AuthError.badRequest("invalid wait \(text): expected a duration such as 20s")
                }
                return min(duration.duration, .seconds(60))
            } ?? .zero
            let epoch = try fields.string("epoch")
            let since = UInt64(max(0, try fields.int("since") ?? 0))
            // A long poll ends at once when the server shuts down, instead of holding the
            // graceful shutdown for the rest of its wait.
            let changes = try await cancelWhenGracefulShutdown {
                await service.changes.changes(since: since, epoch: epoch?.isEmpty == false ? epoch : nil, wait: wait)
            }
            return .json(changes)
        }

        routes.add(.put, "/user/new") { fields, caller in
            .json(
                try await service.createUser(
                    caller: caller, name: try fields.requiredString("name"), comment: try rawString(fields, "comment"),
                    state: try userState(fields) ?? .undefined))
        }
        routes.add(.post, "/user/update") { fields, caller in
            try await service.updateUser(
                caller: caller, name: try fields.requiredString("name"), comment: try rawString(fields, "comment"),
                state: try userState(fields) ?? .undefined)
            return .empty
        }
        routes.add(.get, "/user/list") { fields, caller in
            .json(
                try await service.listUsers(
                    caller: caller, skip: try fields.int("skip") ?? 0, limit: try fields.int("limit") ?? 20,
                    state: try userState(fields) ?? .undefined))
        }
        routes.add(.get, "/user") { fields, caller in
            .json(try await service.getUser(caller: caller, name: try fields.requiredString("name")))
        }
        routes.add(.post, "/user/verify") { fields, caller in
            let names = try fields.strings("names")
            guard !names.isEmpty else { throw AuthError.badRequest("`names` is required") }
            try await service.verifyUsers(caller: caller, names: names)
            return .empty
        }
        routes.add(.get, "/user/has") { fields, caller in
            .json(try await service.hasUser(caller: caller, name: try fields.requiredString("name")))
        }
        routes.add(.post, "/user/del") { fields, caller in
            try await service.deleteUser(caller: caller, name: try fields.requiredString("name"))
            return .empty
        }
        routes.add(.post, "/user/recover") { fields, caller in
            try await service.recoverUser(caller: caller, name: try fields.requiredString("name"))
            return .empty
        }

        routes.add(.get, "/user/ratelimit") { fields, caller in
            .json(try await service.rateLimits(caller: caller, name: try fields.requiredString("name"), id: try fields.string("id")))
        }
        routes.add(.post, "/user/ratelimit/upsert") { fields, caller in
            .json(try await service.upsertRateLimit(caller: caller, limit: try rateLimit(fields)))
        }
        routes.add(.post, "/user/ratelimit/del") { fields, caller in
            let id = try fields.string("id") ?? ""
            try await service.deleteRateLimit(caller: caller, name: try fields.string("name") ?? "", id: id)
            return .json(id)
        }

        let userByMiner: Routes.Handler = { fields, caller in
            .json(try await service.userByMiner(caller: caller, miner: try address(fields, "miner")))
        }
        let hasMiner: Routes.Handler = { fields, caller in
            .json(try await service.hasMiner(caller: caller, miner: try address(fields, "miner")))
        }
        let listMiners: Routes.Handler = { fields, caller in
            .json(try await service.listMiners(caller: caller, user: try fields.requiredString("user")))
        }
        let upsertMiner: Routes.Handler = { fields, caller in
            .json(
                try await service.upsertMiner(
                    caller: caller, user: try fields.requiredString("user"), miner: try address(fields, "miner"),
                    openMining: try fields.bool("openMining") ?? true))
        }
        let deleteMiner: Routes.Handler = { fields, caller in
            .json(try await service.deleteMiner(caller: caller, miner: try address(fields, "miner")))
        }
        routes.add(.get, "/user/miner", userByMiner)
        routes.add(.post, "/user/miner/add", upsertMiner)
        routes.add(.get, "/user/miner/exist") { fields, caller in
            .json(
                try await service.minerExistInUser(
                    caller: caller, user: try fields.requiredString("user"), miner: try address(fields, "miner")))
        }
        routes.add(.get, "/user/miner/list", listMiners)
        routes.add(.post, "/user/miner/del", deleteMiner)
        routes.add(.get, "/miner", userByMiner)
        routes.add(.get, "/miner/has-miner", hasMiner)
        routes.add(.get, "/miner/has", hasMiner)
        routes.add(.get, "/miner/list-by-user", listMiners)
        routes.add(.post, "/miner/add-miner", upsertMiner)
        routes.add(.post, "/miner/del", deleteMiner)

        routes.add(.get, "/user/signer") { fields, caller in
            .json(try await service.usersBySigner(caller: caller, signer: try address(fields, "signer")))
        }
        routes.add(.post, "/user/signer/register") { fields, caller in
            try await service.registerSigners(
                caller: caller, user: try fields.requiredString("user"), signers: try addresses(fields, "signers"))
            return .empty
        }
        routes.add(.get, "/user/signer/exist") { fields, caller in
            .json(
                try await service.signerExistInUser(
                    caller: caller, user: try fields.requiredString("user"), signer: try address(fields, "signer")))
        }
        routes.add(.get, "/user/signer/list") { fields, caller in
            .json(try await service.listSigners(caller: caller, user: try fields.requiredString("user")))
        }
        routes.add(.post, "/user/signer/unregister") { fields, caller in
            try await service.unregisterSigners(
                caller: caller, user: try fields.requiredString("user"), signers: try addresses(fields, "signers"))
            return .empty
        }
        routes.add(.get, "/signer/has") { fields, caller in
            .json(try await service.hasSigner(caller: caller, signer: try address(fields, "signer")))
        }
        routes.add(.post, "/signer/del") { fields, caller in
            .json(try await service.deleteSigner(caller: caller, signer: try address(fields, "signer")))
        }
        return router
    }

    /// A comment may be set to empty text, so absent and empty differ here.
    private static func rawString(_ fields: RequestFields, _ key: String) throws(AuthError) -> String? {
        switch fields.value(key) {
        case nil: return nil
        case .string(let text)?: return text
        default: throw .badRequest("`\(key)` must be text")
        }
    }

    private static func userState(_ fields: RequestFields) throws(AuthError) -> SophonUserState? {
        guard let raw = try fields.int("state") else { return nil }
        guard let state = SophonUserState(rawValue: Int(raw)) else {
            throw .badRequest("invalid state \(raw): expected 1 (enabled) or 2 (disabled)")
        }
        return state
    }

    static func address(_ fields: RequestFields, _ key: String) throws(AuthError) -> Address {
        let text = try fields.requiredString(key)
        return try parseAddress(text, key: key)
    }

    private static func addresses(_ fields: RequestFields, _ key: String) throws(AuthError) -> [Address] {
        let texts = try fields.strings(key)
        guard !texts.isEmpty else { throw .badRequest("`\(key)` is required") }
        var result: [Address] = []
        for text in texts { result.append(try parseAddress(text, key: key)) }
        return result
    }

    private static func parseAddress(_ text: String, key: String) throws(AuthError) -> Address {
        // Upstream's router quotes query addresses for JSON decoding; accept them quoted too.
        var bare = Substring(text)
        if bare.count >= 2, bare.hasPrefix("\""), bare.hasSuffix("\"") { bare = bare.dropFirst().dropLast() }
        do {
            return try Address(bare)
        } catch {
            throw .badRequest("invalid \(key) address \(text): \(error)")
        }
    }

    private static func rateLimit(_ fields: RequestFields) throws(AuthError) -> SophonRateLimit {
        let limit = try fields.object("ReqLimit")
        return SophonRateLimit(
            id: try fields.string("id") ?? "", name: try fields.requiredString("name"),
            service: try fields.string("service") ?? "", api: try fields.string("api") ?? "",
            cap: try limit?.int("cap") ?? 0, resetDurationNanoseconds: try limit?.int("resetDur") ?? 0)
    }
}
