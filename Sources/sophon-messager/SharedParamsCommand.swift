import ArgumentParser
import JSONRPC
import VenusAPI

/// `sophon-messager share-params ...`: the settings every address falls back to.
struct SharedParamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share-params", abstract: "The shared settings every address falls back to.",
        subcommands: [Get.self, Set.self])

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show the shared settings.")
        @OptionGroup var options: ClientOptions

        func run() async throws { try printJSON(try await options.client().call(MessagerAPI.getSharedParams)) }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change the shared settings (flags left out keep their values).")
        @OptionGroup var options: ClientOptions
        @OptionGroup var fees: FeeOptions
        @Option(name: .customLong("sel-msg-num"), help: "Messages selected per address per head.") var selMsgNum: UInt64?

        func validate() throws {
            if selMsgNum == nil { try fees.requireSome() }
        }

        func run() async throws {
            let client = try options.client()
            var spec = try await client.call(MessagerAPI.getSharedParams)
            spec.feeSpec = spec.feeSpec.applying(fees.change)
            if let selMsgNum { spec.selMsgNum = selMsgNum }
            _ = try await client.call(MessagerAPI.setSharedParams, Params1(spec))
            try printJSON(spec)
        }
    }
}
