import ArgumentParser
import DagCBOR
import Foundation
import GoCompat
import JSONRPC
import VenusAPI

/// `sophon-messager actor-cfg ...`: fee settings per actor code and method.
struct ActorCfgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor-cfg", abstract: "Fee settings per actor code and method.",
        subcommands: [List.self, Get.self, Add.self, Update.self], aliases: ["actor"])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List actor configurations.")
        @OptionGroup var options: ClientOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            try ActorCfgCommand.printConfigs(try await options.client().call(MessagerAPI.listActorCfg), json: json)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one actor configuration.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Its ID.", transform: CLIInput.uuid) var id: GatewayUUID
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            try ActorCfgCommand.printConfigs([try await options.client().call(MessagerAPI.getActorCfgByID, Params1(id))], json: json)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add fee settings for an actor code's method.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The actor's code CID.", transform: CLIInput.cid) var code: CID
        @Argument(help: "The method number.") var method: UInt64
        @Option(help: "The actors version the code belongs to.") var version: Int
        @OptionGroup var fees: FeeOptions

        func validate() throws {
            guard version >= 0 else { throw ValidationError("--version must not be negative") }
            try fees.requireSome()
        }

        func run() async throws {
            let config = ActorCfg(
                actorVersion: version, methodType: MessagerMethodType(code: code, method: method),
                feeSpec: FeeSpec.zero.applying(fees.change))
            _ = try await options.client().call(MessagerAPI.saveActorCfg, Params1(config))
            emit("added actor config \(config.id)")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Change an actor configuration's fees (flags left out keep their values).",
            aliases: ["update-fee-params"])
        @OptionGroup var options: ClientOptions
        @Argument(help: "Its ID.", transform: CLIInput.uuid) var id: GatewayUUID
        @OptionGroup var fees: FeeOptions

        func validate() throws { try fees.requireSome() }

        func run() async throws {
            _ = try await options.client().call(MessagerAPI.updateActorCfg, Params2(id, fees.change))
            emit("updated actor config \(id)")
        }
    }

    static func printConfigs(_ configs: [ActorCfg], json: Bool) throws {
        if json { return try printJSON(configs) }
        var table = TextTable(["ID", "Version", "Code", "Method"] + FeeOptions.columns() + ["CreateAt"])
        for config in configs {
            table.add(
                [config.id.description, String(config.actorVersion), config.methodType.code.description,
                 String(config.methodType.method)] + FeeOptions.cells(config.feeSpec) + [MsgCommand.time(config.createdAt)])
        }
        emit(table.render())
    }
}
