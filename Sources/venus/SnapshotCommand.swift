import ArgumentParser
import ChainState
import Foundation
import IPLD

/// `venus snapshot inspect FILE [--json]`: verifies every block of a CAR (or .car.zst) and
/// summarises its head and state tree.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Work with chain snapshots and genesis CAR files.",
        subcommands: [Inspect.self])

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Verify every block's CID and print the roots, head, network and actor totals of a .car or .car.zst.")

        @Argument(help: "The CARv1 file (.car, or zstd-compressed .car.zst).")
        var file: String

        @Flag(help: "Print one JSON object: roots, blocks, height, timestamp, network, actors, totalBalance (attoFIL, a string).")
        var json = false

        @Option(help: "Folder for the temporary block store of files over 256 MiB (default: the system's temporary folder).")
        var scratch: String?

        func run() throws {
            let size: Int
            do {
                size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            let summary: SnapshotSummary
            do {
                // Genesis files fit in memory; chain snapshots are streamed into a disk store.
                if size <= 256 << 20 {
                    summary = try SnapshotSummary.inspect(path: file, into: MemoryBlockstore())
                } else {
                    let folder = URL(fileURLWithPath: scratch ?? NSTemporaryDirectory())
                        .appendingPathComponent("venus-inspect-\(ProcessInfo.processInfo.processIdentifier)")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: folder) }
                    let store = try LMDBBlockstore(path: folder.appendingPathComponent("blocks.lmdb").path)
                    summary = try SnapshotSummary.inspect(path: file, into: store)
                }
            } catch {
                // The error names the byte offset and the CID of the failing block where known.
                FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
                throw ExitCode.failure
            }
            if json {
                let object: [String: Any] = [
                    "roots": summary.roots.map(\.description),
                    "blocks": summary.blocks,
                    "height": summary.height,
                    "timestamp": summary.timestamp,
                    "network": summary.network,
                    "actors": summary.actors,
                    "totalBalance": summary.totalBalance.attoFIL.description,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("roots         : \(summary.roots.map(\.description).joined(separator: ", "))")
                print("blocks        : \(summary.blocks) (every CID verified)")
                print("head height   : \(summary.height)")
                print("timestamp     : \(summary.timestamp) (\(Date(timeIntervalSince1970: TimeInterval(summary.timestamp))))")
                print("state root    : \(summary.stateRoot) (state tree version \(summary.stateVersion))")
                print("network       : \(summary.network)")
                print("actors        : \(summary.actors)")
                print("total balance : \(summary.totalBalance.attoFIL) attoFIL")
            }
        }
    }
}
