import ArgumentParser
import VenusAPI

/// `sophon-auth user signer register|exist|list|unregister`.
public struct SignerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "signer", abstract: "Manage users' signer addresses.",
        subcommands: [Register.self, Exist.self, List.self, Unregister.self])

    public init() {}

    public struct Register: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "register", abstract: "Add <signer> to <user>.")
        @OptionGroup public var options: ClientOptions
        @Argument public var user: String
        @Argument public var signer: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.registerSigners(user: user, signers: [try parseAddressArgument(signer)])
            return "register signer address:\(signer) success for \(user)."
        }
    }

    public struct Exist: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "exist", abstract: "Whether <signer> is the user's.")
        @OptionGroup public var options: ClientOptions
        @Option public var user: String
        @Argument public var signer: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            "\(try await client.signerExistInUser(user: user, signer: try parseAddressArgument(signer)))"
        }
    }

    public struct List: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "list", abstract: "List <user>'s signers.")
        @OptionGroup public var options: ClientOptions
        @Argument public var user: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            _ = try await client.getUser(name: user)
            let signers = try await client.listSigners(user: user)
            var lines = ["user: \(user), signer count:\(signers.count)"]
            for (index, signer) in signers.enumerated() { lines.append("idx:\(index)  signer:\(signer.signer)") }
            return lines.joined(separator: "\n")
        }
    }

    public struct Unregister: ClientCommand {
        public static let configuration = CommandConfiguration(commandName: "unregister", abstract: "Remove <signer> from a user.")
        @OptionGroup public var options: ClientOptions
        @Option public var user: String
        @Argument public var signer: String
        public init() {}

        public func execute(with client: SophonAuthClient) async throws -> String {
            try await client.unregisterSigners(user: user, signers: [try parseAddressArgument(signer)])
            return "unregister signers: \(signer) of \(user) success."
        }
    }
}
