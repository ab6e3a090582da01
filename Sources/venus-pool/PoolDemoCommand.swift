import ArgumentParser
import Dispatch
import Foundation
import VenusPool

#if canImport(Glibc)
import Glibc
#endif

/// `venus-pool demo`: brings up a pool on loopback from the executables beside this one, signs
/// through the gateway, verifies, and stops everything (also on Ctrl-C).
struct PoolDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start sophon-auth, sophon-gateway and a venus-wallet on loopback, sign a message through the gateway, verify it.")

    @Option(help: "Folder for the repos and logs (default: a new temporary folder).")
    var root: String?

    @Flag(help: "Keep the pool running after the demo until Ctrl-C.")
    var stay = false

    func run() async throws {
        let executable = Self.ownExecutable()
        let folder = root ?? (NSTemporaryDirectory() + "venus-pool-demo-\(getpid())")
        let pool = try LocalPool(binDirectory: LocalPool.siblingsFolder(of: executable), root: folder)
        emit("venus pool demo: executables from \(pool.binDirectory), repos and logs in \(folder)")

        // Ctrl-C or SIGTERM: stop every child before leaving.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                emit("\nstopping every process the demo started ...")
                Task {
                    await pool.stopAll(grace: .seconds(3))
                    emit("stopped.")
                    Foundation.exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
        defer { for source in sources { source.cancel() } }

        do {
            let outcome = try await PoolDemo(pool: pool, say: emit).run()
            emit("the pool works: \(outcome.signatures.count) messages signed through the gateway and verified.")
            if stay {
                emit("the pool keeps running; the service token for \(outcome.gatewayURL) is \(outcome.serviceToken)")
                emit("press Ctrl-C to stop it.")
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        } catch {
            emit("the demo failed: \(error)")
            emit("logs are in \(folder)")
            await pool.stopAll(grace: .seconds(3))
            throw ExitCode.failure
        }
        emit("stopping every process the demo started ...")
        await pool.stopAll(grace: .seconds(3))
        if root == nil {
            // A folder of our own making: remove it (`--root` keeps the repos and logs).
            try? FileManager.default.removeItem(atPath: folder)
        }
        emit("done.")
    }

    /// This executable's path (`/proc/self/exe` on Linux, else argv[0]).
    static func ownExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath { return path }
        return CommandLine.arguments[0]
    }
}
