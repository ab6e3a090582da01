import ArgumentParser
import Chain
import FilecoinTypes
import Foundation
import IPLD

/// `venus genesis new|add-miner|car`: a devnet genesis template and its CAR file, as
/// `lotus-seed genesis` makes them.
struct GenesisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genesis",
        abstract: "Make a devnet genesis: a template, its presealed miners, its CAR file (lotus-seed genesis).",
        subcommands: [New.self, AddMiner.self, Car.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new", abstract: "Write a new, empty genesis template.")

        @Argument(help: "The template file to write.")
        var template: String

        @Option(name: .customLong("network-name"), help: "The network's name (default: localnet-<random UUID>).")
        var networkName: String?

        @Option(help: "The genesis time, RFC 3339 (e.g. 2026-01-01T00:00:00Z), or Unix seconds. Default: set when the CAR is made.")
        var timestamp: String?

        @Option(
            name: .customLong("network-version"),
            help: "The network version the chain runs (4...9, the v2 actors; default \(DevnetParameters.defaultNetworkVersion)).")
        var networkVersion: UInt64 = DevnetParameters.defaultNetworkVersion

        func run() throws {
            var out = GenesisTemplate(
                networkVersion: networkVersion, networkName: networkName ?? "localnet-\(UUID().uuidString.lowercased())")
            guard DevnetParameters.supportedNetworkVersions.contains(networkVersion) else {
                throw ValidationError("--network-version must be 4...9 (the v2 actors), not \(networkVersion)")
            }
            if let timestamp { out.timestamp = try parseTimestamp(timestamp) }
            try writeAtomically(try out.json(), to: template)
        }
    }

    struct AddMiner: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-miner",
            abstract: "Add the presealed miners of a pre-seal manifest to a template, with a funded owner account.")

        @Argument(help: "The genesis template to edit.")
        var template: String

        @Argument(help: "The pre-seal-<miner>.json written by `venus seed pre-seal`.")
        var preseal: String

        @Option(help: "The owner account's balance, in whole FIL.")
        var balance: Int64 = 50_000_000

        func run() throws {
            guard balance >= 0 else { throw ValidationError("--balance must not be negative") }
            var edited = try GenesisTemplate(json: try readFile(template))
            let miners = try Preseal.miners(fromManifest: try readFile(preseal))
            guard !miners.isEmpty else { throw ValidationError("\(preseal) lists no miner") }
            for (name, miner) in miners {
                guard (try? Address(name)) == miner.id else {
                    throw ValidationError("\(preseal): the entry \"\(name)\" holds miner \(miner.id.string(network: .testnet))")
                }
                try edited.addMiner(miner, ownerBalance: TokenAmount(wholeFIL: Int(balance)))
                print("added miner \(miner.id.string(network: .testnet)) (\(miner.sectors.count) sectors); owner \(miner.owner.string(network: .testnet)) gets \(balance) FIL")
            }
            try writeAtomically(try edited.json(), to: template)
        }
    }

    struct Car: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "car", abstract: "Build the genesis block of a template and write it as a CAR file.")

        @Argument(help: "The genesis template.")
        var template: String

        @Option(name: [.customShort("o"), .long], help: "The CAR file to write.")
        var out: String = "genesis.car"

        @Option(
            name: .customLong("pre-commit-challenge-delay"),
            help: "Epochs between pre-commit and seal randomness, as the chain's nodes will run it. Default 10, as the 2k build.")
        var preCommitChallengeDelay: Int64 = DevnetParameters.twoK.preCommitChallengeDelay

        func run() throws {
            var parsed = try GenesisTemplate(json: try readFile(template))
            if parsed.timestamp == 0 {
                parsed.timestamp = UInt64(Date().timeIntervalSince1970)
                print("the template has no timestamp: using now (\(parsed.timestamp)); set one for a reproducible genesis")
            }
            let parameters = DevnetParameters(preCommitChallengeDelay: preCommitChallengeDelay)
            let store = MemoryBlockstore()
            let genesis = try GenesisBuilder(template: parsed, parameters: parameters).build(into: store)
            let archive = try GenesisArchive.archive(root: genesis.cid, from: store)
            try writeAtomically(Data(archive), to: out)
            print("genesis \(genesis.cid) (state \(genesis.stateRoot)), network \(parsed.networkName), written to \(out)")
            for miner in genesis.miners { print("GENESIS MINER ADDRESS: \(miner.string(network: .testnet))") }
        }
    }
}

/// Unix seconds, or an RFC 3339 date.
func parseTimestamp(_ text: String) throws -> UInt64 {
    if let seconds = UInt64(text) { return seconds }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text), date.timeIntervalSince1970 >= 0 else {
        throw ValidationError("timestamp \"\(text)\" is neither Unix seconds nor an RFC 3339 time such as 2026-01-01T00:00:00Z")
    }
    return UInt64(date.timeIntervalSince1970)
}

func readFile(_ path: String) throws -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw ValidationError("cannot read \(path): \(error.localizedDescription)")
    }
}

/// Writes through a temporary file in the same folder, so a failure leaves `path` as it was.
func writeAtomically(_ data: Data, to path: String) throws {
    do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        throw ValidationError("cannot write \(path): \(error.localizedDescription)")
    }
}
