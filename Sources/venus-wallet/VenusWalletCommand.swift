import VenusAPI
import ArgumentParser
import GoCompat
import FilecoinTypes
import Foundation
import VenusRuntime
import VenusWallet

@main
struct VenusWalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venus-wallet",
        abstract: "The storage provider's wallet (Swift).",
        discussion: """
            `run` serves the API; unlock, lock, lock-state and auth talk to it through <repo>/api and \
            <repo>/token. The key commands (new, list, import, export, del, sign, set-password, record) \
            open the repo's keystore directly (SQLite in WAL mode, safe alongside a running daemon) and \
            need --password to decrypt keys.
            """,
        subcommands: [
            RunCommand.self, NewCommand.self, ListCommand.self, ImportCommand.self, ExportCommand.self, DeleteCommand.self,
            SignCommand.self, SetPasswordCommand.self, RecordCommand.self, UnlockCommand.self, LockCommand.self,
            LockStateCommand.self, AuthCommand.self,
        ])
}

/// The repo and what opening its keystore directly needs.
struct KeystoreOptions: ParsableArguments {
    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .long, help: "The wallet password (sets it on a new repo).")
    var password: String?

    @Option(name: .customLong("scrypt-n"), help: "scrypt N for newly encrypted keys.")
    var scryptN: Int = 1 << 18

    @Option(name: .customLong("scrypt-p"), help: "scrypt p for newly encrypted keys.")
    var scryptP: Int = 1

    @Option(name: .customLong("sign-filter"), help: "A command (sh -c) that must exit 0 to allow a signature.")
    var signFilter: String = ""

    /// `--repo`, else `$VENUS_WALLET_PATH`, else `~/.venus_wallet`.
    func repo() throws -> RepoDirectory { try WalletService.repo(path: repoOptions.repo) }

    /// The repo's wallet, unlocked when a password is given (setting it on a new repo).
    func wallet(unlock: Bool = true) async throws -> Wallet {
        let wallet = Wallet(
            store: try WalletService.openStore(in: repo()),
            configuration: .init(scrypt: try ScryptParameters(n: scryptN, p: scryptP), signFilter: signFilter))
        guard unlock else { return wallet }
        guard let password else { throw ValidationError("--password is required") }
        if try await wallet.store.passwordCheck() == nil {
            try await wallet.setPassword(password)
        } else {
            try await wallet.unlock(password)
        }
        return wallet
    }
}

/// Writes a line to stdout unbuffered, so a reader sees it as soon as the operation is done.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Generate a key: bls, secp256k1 or delegated.")
    @OptionGroup var options: KeystoreOptions
    @Argument var type: String = "secp256k1"

    func run() async throws {
        guard let keyType = KeyType(rawValue: type) else { throw ValidationError("unknown key type \(type)") }
        emit(try await WalletAccess.open(options).new(keyType).description)
    }
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the addresses.")
    @OptionGroup var options: KeystoreOptions

    func run() async throws {
        for address in try await WalletAccess.open(options, unlock: false).list() { emit(address.description) }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import keys (KeyInfo JSON or its hex, as `lotus wallet export` prints) from a file or stdin, one per line.",
        discussion: "Each address is printed once its key is durably stored.")
    @OptionGroup var options: KeystoreOptions
    @Argument var file: String?

    func run() async throws {
        let wallet = try await WalletAccess.open(options)
        if let file {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                try await importLine(String(line), into: wallet)
            }
        } else {
            while let line = readLine() { try await importLine(line, into: wallet) }
        }
    }

    private func importLine(_ line: String, into wallet: WalletAccess) async throws {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        emit(try await wallet.importKey(try KeyInfo(importing: line)).description)
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Print a key as hex KeyInfo JSON.")
    @OptionGroup var options: KeystoreOptions
    @Argument var address: String

    func run() async throws {
        emit(try await WalletAccess.open(options).export(try Address(address)).exportedHex())
    }
}

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "del", abstract: "Delete a key.")
    @OptionGroup var options: KeystoreOptions
    @Argument var address: String

    func run() async throws {
        try await WalletAccess.open(options).delete(try Address(address))
    }
}

struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign hex bytes; prints the signature as Lotus JSON.")
    @OptionGroup var options: KeystoreOptions
    @Argument var address: String
    @Argument var hexData: String
    @Option(help: "The MsgMeta type (upstream spelling).") var type: String = "unknown"
    @Option(help: "The MsgMeta Extra, hex.") var extra: String = ""

    func run() async throws {
        guard let msgType = MsgType(rawValue: type) else { throw ValidationError("unknown msg type \(type)") }
        let data: [UInt8], extraBytes: [UInt8]
        do {
            data = try Hex.decode(hexData)
            extraBytes = try Hex.decode(extra)
        } catch {
            throw ValidationError("data and extra must be hex: \(error)")
        }
        let signature = try await WalletAccess.open(options).sign(
            signer: try Address(address), data: data, meta: WalletMsgMeta(type: msgType, extra: extraBytes))
        emit(String(decoding: try JSONEncoder().encode(signature), as: UTF8.self))
    }
}

struct SetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Set the password of a new repo.")
    @OptionGroup var options: KeystoreOptions

    func run() async throws {
        guard let password = options.password else { throw ValidationError("--password is required") }
        try await options.wallet(unlock: false).setPassword(password)
    }
}

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Sign records.", subcommands: [Query.self])

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "query", abstract: "List sign records, newest first.")
        @OptionGroup var options: KeystoreOptions
        @Option var signer: String?
        @Option var type: String?
        @Flag(name: .customLong("error")) var onlyErrors = false
        @Option var limit: Int = 0

        func run() async throws {
            let query = SignRecordQuery(
                type: try type.map { name in
                    guard let type = MsgType(rawValue: name) else { throw ValidationError("unknown msg type \(name)") }
                    return type
                },
                signer: try signer.map { try Address($0) }, isError: onlyErrors, limit: limit)
            for record in try await options.wallet(unlock: false).signRecords(query) {
                emit("\(record.createdAt)\t\(record.id)\t\(record.type.rawValue)\t\(record.signer)\t\(record.error ?? "ok")")
            }
        }
    }
}

