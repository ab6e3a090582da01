import ArgumentParser
import Chain
import FilecoinTypes
import Foundation

/// `venus seed pre-seal`: presealed sectors for a future genesis miner (`lotus-seed pre-seal`),
/// with **mock** commitments (the devnet's mock prover), their deals and the miner's key.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Preseal sectors for devnet genesis miners (lotus-seed; mock proofs).",
        subcommands: [PreSeal.self])

    struct PreSeal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-seal",
            abstract: "Write pre-seal-<miner>.json and .key: N sectors with MOCK commitments, a deal for each, the owner/worker key.")

        @Option(name: [.customLong("miner-addr"), .customLong("miner")], help: "The miner's future ID address.")
        var minerAddress: String = "t01000"

        @Option(name: .customLong("sector-size"), help: "The sector size (2KiB on a devnet).")
        var sectorSize: String = "2KiB"

        @Option(name: .customLong("num-sectors"), help: "How many sectors to preseal.")
        var numSectors: Int = 1

        @Option(name: .customLong("sector-offset"), help: "The first sector number.")
        var sectorOffset: UInt64 = 0

        @Option(name: .customLong("ticket-preimage"), help: "The preimage of the sealing ticket.")
        var ticketPreimage: String = Preseal.defaultTicketPreimage

        @Option(help: "A key file (pre-seal-*.key: hex of the key JSON) to use as owner/worker instead of a new BLS key.")
        var key: String?

        @Option(name: [.customLong("sector-dir"), .customLong("dir")], help: "The folder the manifest and key are written to.")
        var sectorDir: String = "~/.genesis-sectors"

        @Option(name: .customLong("network-version"), help: "The network version the genesis will run (picks the seal proof).")
        var networkVersion: UInt64 = DevnetParameters.defaultNetworkVersion

        func run() throws {
            guard numSectors >= 0 else { throw ValidationError("--num-sectors must not be negative") }
            let miner: Address
            do { miner = try Address(minerAddress) } catch { throw ValidationError("--miner-addr \(minerAddress): \(error)") }
            let size = try parseSize(sectorSize)
            var givenKey: GenesisKey?
            if let key {
                let text = String(decoding: try readFile(key), as: UTF8.self)
                givenKey = try GenesisKey(lotusKeyFileText: text)
            }
            let result = try Preseal.make(
                miner: miner, sectorSize: size, sectorCount: numSectors, sectorOffset: sectorOffset,
                ticketPreimage: ticketPreimage, key: givenKey, networkVersion: networkVersion)
            let folder = URL(fileURLWithPath: NSString(string: sectorDir).expandingTildeInPath)
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw ValidationError("cannot create \(folder.path): \(error.localizedDescription)")
            }
            let name = miner.string(network: .testnet)
            let manifest = folder.appendingPathComponent("pre-seal-\(name).json").path
            let keyFile = folder.appendingPathComponent("pre-seal-\(name).key").path
            try writeAtomically(try Preseal.manifestJSON(result.miner), to: manifest)
            try writeAtomically(Data(result.key.lotusKeyFileText.utf8), to: keyFile)
            let meta = try JSONSerialization.data(
                withJSONObject: ["ID": UUID().uuidString.lowercased(), "Weight": 0, "CanSeal": false, "CanStore": false],
                options: [.prettyPrinted, .sortedKeys])
            try writeAtomically(meta, to: folder.appendingPathComponent("sectorstore.json").path)
            print("presealed \(numSectors) MOCK sectors of \(size) bytes for \(name), owner/worker \(result.key.address.string(network: .testnet))")
            print("wrote \(manifest) and \(keyFile)")
        }
    }
}

/// A size such as `2KiB`, `512MiB`, `32GiB` or `2048`: units are binary, case-insensitive, with or
/// without `i`/`B` (Lotus `units.RAMInBytes`).
func parseSize(_ text: String) throws -> UInt64 {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = trimmed.prefix { $0.isNumber }
    var unit = String(trimmed.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)
    if unit.hasSuffix("b") { unit.removeLast() }
    if unit.hasSuffix("i") { unit.removeLast() }
    let shifts: [String: UInt64] = ["": 0, "k": 10, "m": 20, "g": 30, "t": 40]
    guard let value = UInt64(digits), let shift = shifts[unit], value <= UInt64.max >> shift else {
        throw ValidationError("size \"\(text)\" is not a number with an optional unit (2KiB, 512MiB, 32GiB)")
    }
    return value << shift
}
