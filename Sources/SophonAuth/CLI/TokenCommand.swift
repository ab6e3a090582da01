import GoCompat
import ArgumentParser
import Foundation
import VenusAPI

/// `sophon-auth token gen|get|list|rm|recover`.
public struct TokenCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage tokens.",
        subcommands: [Gen.self, Get.self, List.self, Remove.self, Recover.self])

    public init() {}

    public struct Gen: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "gen", abstract: "Generate a token.")
        @OptionGroup public var options: ClientOptions
        @Option(help: "Permission: read, write, sign or admin.") public var perm: String
        @Option(help: "Custom text in the JWT payload.") public var extra: String = ""
        @Argument(help: "The user the token is for.") public var name: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            guard let permission = SophonPermission(rawValue: perm) else {
                throw CLIUsageError("`perm` flag invalid: expected read, write, sign or admin")
            }
            let token = try await client.generateToken(name: name, perm: permission, extra: extra)
            return "generate token success: \(token)"
        }
    }

    public struct Get: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "get", abstract: "Get tokens by user or value.")
        @OptionGroup public var options: ClientOptions
        @Option public var name: String = ""
        @Option public var token: String = ""
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let tokens = try await client.getToken(name: name, token: token)
            return tokens.map { info in
                """
                name:        \(info.name)
                perm:        \(info.perm)
                create time: \(GoTime(info.createTime))
                token:       \(info.token)

                """
            }.joined(separator: "\n")
        }
    }

    public struct List: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens.")
        @OptionGroup public var options: ClientOptions
        @Option public var skip: Int64 = 0
        @Option(help: "At most this many (max 1000).") public var limit: Int64 = 20
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let tokens = try await client.tokens(skip: skip, limit: limit)
            var lines = ["num\tname\t\tperm\t\tcreateTime\t\ttoken"]
            for (index, info) in tokens.enumerated() {
                let name = info.name.count < 8 ? info.name + "\t" : info.name
                lines.append("\(index + 1)\t\(name)\t\(info.perm)\t\(GoTime(info.createTime))\t\(info.token)")
            }
            return lines.joined(separator: "\n")
        }
    }

    public struct Remove: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a token.")
        @OptionGroup public var options: ClientOptions
        @Argument public var token: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.removeToken(token)
            return "remove token success: \(token)"
        }
    }

    public struct Recover: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "recover", abstract: "Recover a removed token.")
        @OptionGroup public var options: ClientOptions
        @Argument public var token: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.recoverToken(token)
            return "recover token success: \(token)"
        }
    }
}
