import ArgumentParser
import VenusAPI

/// `sophon-auth user miner add|exist|list|delete`.
public struct MinerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "miner", abstract: "Manage users' miners.",
        subcommands: [Add.self, Exist.self, List.self, Delete.self])

    public init() {}

    public struct Add: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "add", abstract: "Bind <miner> to <user>.")
        @OptionGroup public var options: ClientOptions
        @Option(name: .customLong("openMining"), help: "Whether the miner mines (true/false).")
        public var openMining: Bool = true
        @Argument public var user: String
        @Argument public var miner: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let created = try await client.upsertMiner(
                user: user, miner: try parseAddressArgument(miner), openMining: openMining)
            return "\(created ? "create" : "update") user:\(user) miner:\(miner) success."
        }
    }

    public struct Exist: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "exist", abstract: "Whether <miner> is the user's.")
        @OptionGroup public var options: ClientOptions
        @Option public var user: String
        @Argument public var miner: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            "\(try await client.minerExistInUser(user: user, miner: try parseAddressArgument(miner)))"
        }
    }

    public struct List: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "list", abstract: "List <user>'s miners.")
        @OptionGroup public var options: ClientOptions
        @Argument public var user: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            _ = try await client.getUser(name: user)
            let miners = try await client.listMiners(user: user)
            var lines = ["user: \(user), miner count:\(miners.count)"]
            for (index, miner) in miners.enumerated() {
                lines.append("idx:\(index)  miner:\(miner.miner)  openMining:\(miner.openMining)")
            }
            return lines.joined(separator: "\n")
        }
    }

    public struct Delete: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "delete", abstract: "Unbind <miner>.")
        @OptionGroup public var options: ClientOptions
        @Argument public var miner: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            let existed = try await client.deleteMiner(try parseAddressArgument(miner))
            return existed ? "remove miner:\(miner) success." : "miner:\(miner) not exists."
        }
    }
}
