import GoCompat
import ArgumentParser
import VenusAPI
import VenusRuntime

/// `sophon-auth user rate-limit add|update|get|del`.
public struct RateLimitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rate-limit", abstract: "Manage a user's request rate limits.",
        subcommands: [Add.self, Update.self, Get.self, Delete.self])

    public init() {}

    static func limit(id: String, name: String, amount: String, duration: String) throws -> SophonRateLimit {
        guard let cap = Int64(amount), cap >= 0 else { throw CLIUsageError("invalid limit amount \(amount)") }
        let reset: GoDuration
        do {
            reset = try GoDuration(parsing: duration)
        } catch {
            throw CLIUsageError("invalid duration \(duration): \(error)")
        }
        guard reset.nanoseconds > 0 else { throw CLIUsageError("duration must be positive") }
        return SophonRateLimit(id: id, name: name, cap: cap, resetDurationNanoseconds: reset.nanoseconds)
    }

    public struct Add: ClientCommand {
        public static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a limit: <name> <limitAmount> <duration (2h, 1h20m, 2m10s)>.")
        @OptionGroup public var options: ClientOptions
        @Option(help: "Rate limit id to update.") public var id: String = ""
        @Argument public var name: String
        @Argument public var amount: String
        @Argument public var duration: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            if id.isEmpty, !(try await client.getUserRateLimits(name: name)).isEmpty {
                throw CLIUsageError("user rate limit exists already; use `update` or `--id`")
            }
            let limit = try RateLimitCommand.limit(id: id, name: name, amount: amount, duration: duration)
            let stored = try await client.upsertUserRateLimit(limit)
            return "upsert user rate limit success: \(stored)"
        }
    }

    public struct Update: ClientCommand {
        public static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Update a limit: <name> <id> <limitAmount> <duration>.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        @Argument public var id: String
        @Argument public var amount: String
        @Argument public var duration: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            guard !(try await client.getUserRateLimits(name: name, id: id)).isEmpty else {
                throw CLIUsageError("rate limit \(id) of \(name) not found")
            }
            let limit = try RateLimitCommand.limit(id: id, name: name, amount: amount, duration: duration)
            return "update user rate limit success: \(try await client.upsertUserRateLimit(limit))"
        }
    }

    public struct Get: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a user's limits.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let limits = try await client.getUserRateLimits(name: name)
            guard !limits.isEmpty else { return "user has no request rate limit" }
            return limits.map { limit in
                "user:\(limit.name), limit id:\(limit.id), request limit amount:\(limit.cap), duration:"
                    + GoDuration(nanoseconds: limit.resetDurationNanoseconds).description
            }.joined(separator: "\n")
        }
    }

    public struct Delete: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "del", abstract: "Delete a limit: <user> <id>.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        @Argument public var id: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let removed = try await client.deleteUserRateLimit(name: name, id: id)
            return "delete rate limit success: \(removed)"
        }
    }
}
