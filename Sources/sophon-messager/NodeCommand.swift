import ArgumentParser
import JSONRPC
import VenusAPI

/// `sophon-messager node ...`: the chain nodes messages are pushed to.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node", abstract: "Chain nodes that messages are pushed to.",
        subcommands: [List.self, Add.self, Get.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List nodes.")
        @OptionGroup var options: ClientOptions
        @Flag(help: "Print JSON (tokens included) instead of a table.") var json = false

        func run() async throws {
            let nodes = try await options.client().call(MessagerAPI.listNode)
            if json { return try printJSON(nodes) }
            var table = TextTable(["Name", "URL", "Type", "ID"])
            for node in nodes { table.add([node.name, node.url, String(node.type.rawValue), node.id.description]) }
            emit(table.render())
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a node to push messages to.")
        @OptionGroup var options: ClientOptions
        @Option(help: "A name for the node.") var name: String
        @Option(help: "The node's API, multiaddr or URL.") var url: String
        // `--token` is the messager's own (ClientOptions).
        @Option(name: .customLong("node-token"), help: "A token of the node.") var nodeToken: String

        func validate() throws {
            for (flag, value) in [("--name", name), ("--url", url), ("--node-token", nodeToken)] where value.isEmpty {
                throw ValidationError("\(flag) cannot be empty")
            }
        }

        func run() async throws {
            let client = try options.client()
            if try await client.call(MessagerAPI.hasNode, Params1(name)) {
                throw MessagerCLIError.invalid("node \(name) exists")
            }
            _ = try await client.call(MessagerAPI.saveNode, Params1(MessagerNode(name: name, url: url, token: nodeToken)))
            emit("added node \(name)")
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one node.", aliases: ["find"])
        @OptionGroup var options: ClientOptions
        @Argument(help: "The node's name.") var name: String

        func run() async throws { try printJSON(try await options.client().call(MessagerAPI.getNode, Params1(name))) }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "del", abstract: "Remove a node.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The node's name.") var name: String

        func run() async throws {
            _ = try await options.client().call(MessagerAPI.deleteNode, Params1(name))
            emit("deleted node \(name)")
        }
    }
}
