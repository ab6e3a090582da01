import ArgumentParser
import FilecoinTypes
import JSONRPC
import VenusAPI

/// `sophon-messager address ...`: the sending addresses the messager keeps nonces for.
struct AddressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address", abstract: "Sending addresses: state, nonce, selection and fee settings.",
        subcommands: [
            List.self, Get.self, Forbidden.self, Active.self, Delete.self, SetSelMsgNum.self, SetFeeParams.self,
            UpdateNonce.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List addresses.")
        @OptionGroup var options: ClientOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let addresses = try await options.client().call(MessagerAPI.listAddress)
            if json { return try printJSON(addresses) }
            var table = TextTable(["Address", "Nonce", "State", "SelMsgNum"] + FeeOptions.columns())
            for address in addresses {
                table.add(
                    [address.addr.description, String(address.nonce), address.state.description, String(address.selMsgNum)]
                        + FeeOptions.cells(address.feeSpec))
            }
            emit(table.render())
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show one address.", aliases: ["search"])
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address

        func run() async throws { try printJSON(try await options.client().call(MessagerAPI.getAddress, Params1(address))) }
    }

    struct Forbidden: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forbidden", abstract: "Stop selecting messages of an address.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address

        func run() async throws {
            let client = try options.client()
            try await AddressCommand.requireKnown(address, client)
            _ = try await client.call(MessagerAPI.forbiddenAddress, Params1(address))
            emit("forbidden address \(address)")
        }
    }

    struct Active: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "active", abstract: "Select messages of a forbidden or removed address again.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address

        func run() async throws {
            let client = try options.client()
            try await AddressCommand.requireKnown(address, client)
            _ = try await client.call(MessagerAPI.activeAddress, Params1(address))
            emit("active address \(address)")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "del", abstract: "Remove an address.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address

        func run() async throws {
            _ = try await options.client().call(MessagerAPI.deleteAddress, Params1(address))
            emit("deleted address \(address)")
        }
    }

    struct SetSelMsgNum: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-sel-msg-num", abstract: "How many messages of the address are selected per head.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address
        @Option(help: "Messages per head.") var num: UInt64

        func run() async throws {
            _ = try await options.client().call(MessagerAPI.setSelectMsgNum, Params2(address, num))
            emit("set \(address) to \(num) messages per head")
        }
    }

    struct SetFeeParams: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-fee-params", abstract: "The address's fee settings (flags left out keep their values).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address
        @OptionGroup var fees: FeeOptions

        func validate() throws { try fees.requireSome() }

        func run() async throws {
            let spec = AddressSpec(
                address: address, gasOverEstimation: fees.gasOverEstimation ?? 0, gasOverPremium: fees.gasOverPremium ?? 0,
                maxFeeStr: CLIInput.feeText(fees.maxFee), gasFeeCapStr: CLIInput.feeText(fees.gasFeeCap),
                baseFeeStr: CLIInput.feeText(fees.baseFee))
            _ = try await options.client().call(MessagerAPI.setFeeParams, Params1(spec))
            emit("set fee params of \(address)")
        }
    }

    struct UpdateNonce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update-nonce", abstract: "Set the next nonce the messager gives the address (admin).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address
        @Option(help: "The next nonce.") var nonce: UInt64

        func run() async throws {
            _ = try await options.client().call(MessagerAPI.updateNonce, Params2(address, nonce))
            emit("next nonce of \(address): \(nonce)")
        }
    }

    /// Upstream checks first, so that an unknown address is reported as such.
    static func requireKnown(_ address: Address, _ client: MessagerClient) async throws {
        guard try await client.call(MessagerAPI.hasAddress, Params1(address)) else {
            throw MessagerCLIError.invalid("address \(address) is not known to the messager")
        }
    }
}
