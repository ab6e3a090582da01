import ArgumentParser
import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import JSONRPC
import VenusAPI

/// `sophon-messager msg ...`: upstream's message commands, plus `events`.
struct MsgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msg", abstract: "Messages: list, search, wait for, replace, repair.",
        subcommands: [
            List.self, Search.self, Wait.self, Events.self, Replace.self, MarkBad.self, Republish.self, ListFail.self,
            ListBlocked.self, RecoverFailed.self, ClearUnfill.self, UpdateFilled.self, UpdateAllFilled.self,
        ])

    /// How the listing verbs print messages.
    struct OutputOptions: ParsableArguments {
        @Flag(name: .long, help: "Print the messages as JSON (the API's form) instead of a table.")
        var json = false
        @Flag(name: .long, help: "Do not shorten IDs, addresses and errors in the table.")
        var verbose = false
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List messages, newest first, a page at a time.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only messages from this address.", transform: CLIInput.address)
        var from: Address?
        @Option(
            help: "Only messages in this state: unfill, fill, onchain, failed, nonceconflict, or upstream's number 1-5 (repeatable; default: every state).",
            transform: CLIInput.state)
        var state: [MessageState] = []
        @Option(name: .customLong("page-index"), help: "The page, from 1 (default 1).")
        var pageIndex: Int?
        @Option(name: .customLong("page-size"), help: "Messages per page (default 100).")
        var pageSize: Int?
        @Option(help: "The newest N messages (instead of --page-index/--page-size).")
        var limit: Int?
        @Flag(help: "Oldest first.")
        var asc = false
        @Flag(help: "Add each message's last recorded decision (one more call per message).")
        var events = false

        func validate() throws {
            if limit != nil, pageIndex != nil || pageSize != nil {
                throw ValidationError("--limit replaces --page-index and --page-size: give one or the other")
            }
            if let pageIndex, pageIndex < 1 { throw ValidationError("--page-index counts from 1") }
            if let pageSize, pageSize < 1 { throw ValidationError("--page-size must be at least 1") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let size = limit ?? pageSize ?? 100
            let offset = ((pageIndex ?? 1) - 1) * size
            let query = MsgQueryParams(
                state: state, from: from.map { [$0] } ?? [], asc: asc, limit: UInt(size), offset: UInt(offset))
            let client = try options.client()
            let messages = try await client.call(MessagerAPI.listMessage, Params1(query))
            var lastEvents: [String: String] = [:]
            if events {
                for message in messages {
                    lastEvents[message.id] = try await client.call(MessagerAPI.listMessageEvents, Params1(message.id)).last
                        .map { "\($0.kind): \($0.reason)" } ?? ""
                }
            }
            try MsgCommand.printMessages(messages, output, lastEvents: events ? lastEvents : nil)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Show one message, by ID or by CID.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message ID.") var messageID: String?
        @Option(help: "The message ID.") var id: String?
        @Option(help: "The message's signed or unsigned CID.", transform: CLIInput.cid) var cid: CID?

        func validate() throws {
            guard [messageID != nil, id != nil, cid != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("give the message: an ID, --id or --cid")
            }
        }

        func run() async throws {
            let client = try options.client()
            if let cid {
                do {
                    try printJSON(try await client.call(MessagerAPI.getMessageBySignedCid, Params1(cid)))
                } catch MessagerCLIError.refused {
                    try printJSON(try await client.call(MessagerAPI.getMessageByUnsignedCid, Params1(cid)))
                }
            } else if let id = id ?? messageID {
                try printJSON(try await client.call(MessagerAPI.getMessageByUid, Params1(id)))
            }
        }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wait", abstract: "Wait until a message is on chain with enough epochs on top, and print its receipt.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message ID.") var id: String
        @Option(help: "Epochs on top of the message's tipset (default 5, Lotus's message confidence).")
        var confidence: UInt64 = 5
        @Option(help: "How long to wait, e.g. 10m (default 1h).", transform: CLIInput.duration)
        var timeout = GoDuration(seconds: 3600)

        func run() async throws {
            let client = try options.client(timeout: .nanoseconds(max(1, timeout.nanoseconds)))
            let message = try await client.call(MessagerAPI.waitMessage, Params2(id, confidence))
            emit("message cid: \(message.signedCid?.description ?? "-")")
            emit("height: \(message.height)")
            emit("tipset: \(message.tipSetKey)")
            emit("state: \(message.state)")
            if let receipt = message.receipt {
                emit("exitcode: \(receipt.exitCode)")
                emit("gas_used: \(receipt.gasUsed)")
                emit("return_value: \(Hex.encode(receipt.returnData))")
            }
            if !message.errorMsg.isEmpty { emit("error: \(message.errorMsg)") }
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events", abstract: "The decisions the messager recorded for a message, oldest first.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message ID.") var id: String
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let events = try await options.client().call(MessagerAPI.listMessageEvents, Params1(id))
            if json { return try printJSON(events) }
            var table = TextTable(["Height", "Kind", "Reason", "Time"])
            for event in events {
                table.add([String(event.height), event.kind, event.reason, MsgCommand.time(event.createdAt)])
            }
            emit(table.render())
        }
    }

    struct Replace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replace", abstract: "Re-sign a message not yet on chain with new gas values.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "<id> | <from> <nonce>") var message: [String]
        @Option(name: .customLong("gas-feecap"), help: "New gas fee cap, attoFIL per gas unit.", transform: CLIInput.amount)
        var gasFeeCap: TokenAmount?
        @Option(name: .customLong("gas-premium"), help: "New gas premium, attoFIL per gas unit.", transform: CLIInput.amount)
        var gasPremium: TokenAmount?
        @Option(name: .customLong("gas-limit"), help: "New gas limit.") var gasLimit: Int64?
        @Flag(help: "Let the messager re-price the message.") var auto = false
        @Option(name: .customLong("max-fee"), help: "Spend up to this much for the message (with --auto).", transform: CLIInput.amount)
        var maxFee: TokenAmount?
        @Option(name: .customLong("gas-over-premium"), help: "Multiply the estimated premium by this (with --auto).")
        var gasOverPremium: Double?

        func validate() throws {
            switch message.count {
            case 1: break
            case 2:
                _ = try CLIInput.address(message[0])
                guard UInt64(message[1]) != nil else { throw ValidationError("nonce \"\(message[1])\" is not a number") }
            default: throw ValidationError("give the message: <id>, or <from> <nonce>")
            }
            if let gasLimit, gasLimit < 0 { throw ValidationError("--gas-limit must not be negative") }
            if !auto, gasFeeCap == nil, gasPremium == nil, gasLimit == nil {
                throw ValidationError("give --auto, or new values: --gas-feecap, --gas-premium, --gas-limit")
            }
        }

        func run() async throws {
            let client = try options.client()
            var id = message[0]
            if message.count == 2, let nonce = UInt64(message[1]) {
                let from = try CLIInput.address(message[0])
                id = try await client.call(MessagerAPI.getMessageByFromAndNonce, Params2(from, nonce)).id
            }
            let params = ReplacMessageParams(
                id: id, auto: auto, maxFee: maxFee ?? .zero, gasLimit: gasLimit ?? 0, gasPremium: gasPremium ?? .zero,
                gasFeeCap: gasFeeCap ?? .zero, gasOverPremium: gasOverPremium ?? 0)
            let cid = try await client.call(MessagerAPI.replaceMessage, Params1(params))
            emit("new message cid: \(cid)")
        }
    }

    struct MarkBad: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-bad", abstract: "Mark messages failed so that their nonces can be used again.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message IDs.") var ids: [String] = []
        @Option(help: "Instead of IDs: every unfilled message of this address that the messager could not fill (it has an error).", transform: CLIInput.address)
        var from: Address?
        @Flag(name: .customLong("really-do-it"), help: "Confirm.") var reallyDoIt = false

        func validate() throws {
            guard reallyDoIt else { throw ValidationError("this marks messages failed: confirm with --really-do-it") }
            guard ids.isEmpty != (from == nil) else { throw ValidationError("give message IDs or --from (one of the two)") }
        }

        func run() async throws {
            let client = try options.client()
            var targets = ids
            if let from {
                let unfilled = try await client.call(
                    MessagerAPI.listMessage, Params1(MsgQueryParams(state: [.unFillMsg], from: [from], asc: true)))
                targets = unfilled.filter { !$0.errorMsg.isEmpty || !($0.receipt?.returnData.isEmpty ?? true) }.map(\.id)
            }
            try await MsgCommand.each(targets) { id in
                _ = try await client.call(MessagerAPI.markBadMessage, Params1(id))
                return "mark msg \(id) as bad successful"
            }
        }
    }

    struct Republish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "republish", abstract: "Push a filled message to the nodes again.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message ID.") var id: String

        func run() async throws {
            _ = try await options.client().call(MessagerAPI.republishMessage, Params1(id))
            emit("republished \(id)")
        }
    }

    struct ListFail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-fail", abstract: "List failed messages.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only messages from this address.", transform: CLIInput.address) var from: Address?

        func run() async throws {
            let messages = try await options.client().call(MessagerAPI.listFailedMessage)
            try MsgCommand.printMessages(messages.filter { from == nil || $0.message.from == from }, output)
        }
    }

    struct ListBlocked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list-blocked", abstract: "List messages signed but still not on chain after a while.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only messages from this address (default: every address).", transform: CLIInput.address)
        var from: Address?
        @Option(name: [.customShort("t"), .long], help: "Waiting longer than this, e.g. 30m (default 3h).", transform: CLIInput.duration)
        var time = GoDuration(seconds: 3 * 3600)

        func run() async throws {
            let messages = try await options.client().call(
                MessagerAPI.listBlockedMessage, Params2(AddressOrUndef(from), time.nanoseconds))
            try MsgCommand.printMessages(messages, output)
        }
    }

    struct RecoverFailed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover-failed", abstract: "Put failed messages back to be filled (or tracked) again.",
            aliases: ["recover-failed-msg"])
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message IDs.") var ids: [String] = []
        @Option(help: "Instead of IDs: every failed message of this address.", transform: CLIInput.address)
        var from: Address?
        @Flag(name: .customLong("really-do-it"), help: "Confirm.") var reallyDoIt = false

        func validate() throws {
            guard reallyDoIt else { throw ValidationError("this changes message states: confirm with --really-do-it") }
            guard ids.isEmpty != (from == nil) else { throw ValidationError("give message IDs or --from (one of the two)") }
        }

        func run() async throws {
            let client = try options.client()
            if let from {
                let recovered = try await client.call(MessagerAPI.recoverFailedMsg, Params1(from))
                emit("recovered \(recovered.count) failed messages: \(recovered.joined(separator: " "))")
                return
            }
            try await MsgCommand.each(ids) { id in
                let message = try await client.call(MessagerAPI.getMessageByUid, Params1(id))
                guard message.state == .failedMsg else {
                    throw MessagerCLIError.invalid("message \(id) is \(message.state), not failed")
                }
                // A message that was signed keeps its nonce: it goes back to be tracked, not refilled.
                let next: MessageState = message.signature != nil && message.message.nonce != 0 ? .fillMsg : .unFillMsg
                _ = try await client.call(MessagerAPI.updateMessageStateByID, Params2(id, next))
                return "recovered msg \(id): \(message.state) -> \(next)"
            }
        }
    }

    struct ClearUnfill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear-unfill", abstract: "Mark every unfilled message of an address failed.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The address.", transform: CLIInput.address) var address: Address
        @Flag(name: .customLong("really-do-it"), help: "Confirm.") var reallyDoIt = false

        func validate() throws {
            guard reallyDoIt else { throw ValidationError("this fails every unfilled message of the address: confirm with --really-do-it") }
        }

        func run() async throws {
            let count = try await options.client().call(MessagerAPI.clearUnFillMessage, Params1(address))
            emit("cleared \(count) unfilled messages of \(address)")
        }
    }

    struct UpdateFilled: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update-filled", abstract: "Re-read one filled message's receipt from the chain.",
            aliases: ["update-filled-msg"])
        @OptionGroup var options: ClientOptions
        @Argument(help: "The message ID.") var messageID: String?
        @Option(help: "The message ID.") var id: String?
        @Option(name: [.customLong("signed-cid"), .customLong("s_cid")], help: "The message's signed CID.", transform: CLIInput.cid)
        var signedCid: CID?
        @Option(name: [.customLong("unsigned-cid"), .customLong("u_cid")], help: "The message's unsigned CID.", transform: CLIInput.cid)
        var unsignedCid: CID?

        func validate() throws {
            guard [messageID != nil, id != nil, signedCid != nil, unsignedCid != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("give the message: an ID, --id, --signed-cid or --unsigned-cid")
            }
        }

        func run() async throws {
            let client = try options.client()
            let target: String
            if let signedCid {
                target = try await client.call(MessagerAPI.getMessageBySignedCid, Params1(signedCid)).id
            } else if let unsignedCid {
                target = try await client.call(MessagerAPI.getMessageByUnsignedCid, Params1(unsignedCid)).id
            } else {
                target = id ?? messageID ?? ""
            }
            let updated = try await client.call(MessagerAPI.updateFilledMessageByID, Params1(target))
            emit("updated \(updated)")
        }
    }

    struct UpdateAllFilled: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update-all-filled", abstract: "Re-read every filled message's receipt from the chain.",
            aliases: ["update-all-filled-msg"])
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let count = try await options.client().call(MessagerAPI.updateAllFilledMessage)
            emit("update message count: \(count)")
        }
    }

    // MARK: Output

    /// Prints messages as a table (ID, From, Nonce, To, Value, State, fees, Confidence, Error, and
    /// LastEvent when `lastEvents` is given) or, with `--json`, as the API returned them.
    static func printMessages(_ messages: [MessagerMessage], _ output: OutputOptions, lastEvents: [String: String]? = nil) throws {
        if output.json { return try printJSON(messages) }
        let full = output.verbose
        var columns = [
            "ID", "From", "Nonce", "To", "Value", "State", "GasFeeCap", "GasPremium", "GasLimit", "Confidence", "Error",
        ]
        if lastEvents != nil { columns.append("LastEvent") }
        var table = TextTable(columns)
        for record in messages {
            let message = record.message
            var row = [
                TextTable.cut(record.id, 36, full: full), TextTable.cut(message.from.description, 12, full: full),
                String(message.nonce), TextTable.cut(message.to.description, 12, full: full), message.value.description,
                record.state.description, message.gasFeeCap.attoFILText, message.gasPremium.attoFILText,
                String(message.gasLimit), String(record.confidence), TextTable.cut(record.errorMsg, 40, full: full),
            ]
            if let lastEvents { row.append(TextTable.cut(lastEvents[record.id] ?? "", 50, full: full)) }
            table.add(row)
        }
        emit(table.render())
    }

    static func time(_ date: Date) -> String {
        (try? GoTime(date).text()) ?? "\(date)"
    }

    /// Runs `operation` on each ID, printing its success line or its failure, and fails (exit 1)
    /// if any failed.
    static func each(_ ids: [String], _ operation: (String) async throws -> String) async throws {
        var failed = 0
        for id in ids {
            do {
                emit(try await operation(id))
            } catch {
                failed += 1
                emit("\(id): failed: \(error)")
            }
        }
        if failed > 0 { throw MessagerCLIError.partialFailure(failed: failed, of: ids.count) }
    }
}

extension TokenAmount {
    /// The amount as an integer of attoFIL, as upstream's table prints gas prices.
    var attoFILText: String { "\(attoFIL)" }
}
