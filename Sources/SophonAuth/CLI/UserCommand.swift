import ArgumentParser
import Foundation
import VenusAPI

/// `sophon-auth user add|get|update|active|list|delete|recover|rate-limit|miner|signer`.
public struct UserCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.",
        subcommands: [
            Add.self, Get.self, Update.self, Active.self, List.self, Delete.self, Recover.self,
            RateLimitCommand.self, MinerCommand.self, SignerCommand.self,
        ])

    public init() {}

    static func state(_ raw: Int) throws -> SophonUserState {
        guard let state = SophonUserState(rawValue: raw), state != .undefined else {
            throw CLIUsageError("invalid state \(raw): 1 enabled, 2 disabled")
        }
        return state
    }

    static func describe(_ user: SophonUser) -> String {
        """
        name: \(user.name)
        state: \(user.state)
        comment: \(user.comment)
        createTime: \(Date(timeIntervalSince1970: TimeInterval(user.createTime)))
        updateTime: \(Date(timeIntervalSince1970: TimeInterval(user.updateTime)))
        """
    }

    public struct Add: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user.")
        @OptionGroup public var options: ClientOptions
        @Option public var comment: String?
        @Option(help: "1 enabled, 2 disabled (a disabled user's tokens do not verify).") public var state: Int = 1
        @Argument public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let user = try await client.createUser(name: name, comment: comment, state: try UserCommand.state(state))
            return "Add user success: \(user.id), next can add miner for this user"
        }
    }

    public struct Get: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "get", abstract: "Get a user by name.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            UserCommand.describe(try await client.getUser(name: name))
        }
    }

    public struct Update: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "update", abstract: "Update a user.")
        @OptionGroup public var options: ClientOptions
        @Option public var name: String
        @Option public var comment: String?
        @Option(help: "2 disabled, 1 enabled.") public var state: Int?
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.updateUser(name: name, comment: comment, state: try state.map(UserCommand.state))
            return "update user success"
        }
    }

    public struct Active: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "active", abstract: "Enable a user.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.updateUser(name: name, state: .enabled)
            return "active user success"
        }
    }

    public struct List: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "list", abstract: "List users with their miners.")
        @OptionGroup public var options: ClientOptions
        @Option public var skip: Int64 = 0
        @Option public var limit: Int64 = 20
        @Option(help: "2 disabled, 1 enabled; all when not set.") public var state: Int?
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let users = try await client.listUsers(skip: skip, limit: limit, state: try state.map(UserCommand.state))
            var blocks: [String] = []
            for (index, user) in users.enumerated() {
                let miners = (try? await client.listMiners(user: user.name)) ?? []
                blocks.append(
                    "number: \(index + 1)\n" + UserCommand.describe(user) + "\nminers: "
                        + miners.map(\.miner.description).joined(separator: ","))
            }
            return blocks.joined(separator: "\n\n")
        }
    }

    public struct Delete: ClientCommand {
        public static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a user (recoverable) and its miners and signers.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            guard try await client.hasUser(name: name) else { throw CLIUsageError("user \(name) not exists") }
            try await client.deleteUser(name: name)
            return "remove user success"
        }
    }

    public struct Recover: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "recover", abstract: "Recover a deleted user.")
        @OptionGroup public var options: ClientOptions
        @Argument public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.recoverUser(name: name)
            return "recover user success"
        }
    }
}
