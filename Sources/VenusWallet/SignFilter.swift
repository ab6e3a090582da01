import Foundation
import VenusAPI

/// An operator-supplied veto on signing (upstream `[SignFilter] Expr`): the command runs under
/// `sh -c`, reads `{"SignType":<type>,"Data":<object>}` on stdin, and allows the signature only
/// by exiting 0. An empty command allows everything. `verifyaddress` requests are not filtered
/// (upstream), since the gateway issues them itself.
///
/// The caller suspends while the command runs: its stdin is written and its output read on two
/// threads of their own, and its exit arrives through `terminationHandler`, so a slow filter
/// holds no thread of Swift's cooperative pool.
public struct SignFilter: Sendable {
    public var command: String

    public init(command: String) {
        self.command = command
    }

    /// - Throws: `WalletError.filterRefused` with the command's output on a non-zero exit, or
    ///   when it cannot be run.
    public func check(type: MsgType, objectJSON: String) async throws {
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty, type != .verifyAddress else { return }
        let typeJSON = String(decoding: try JSONEncoder().encode(type.rawValue), as: UTF8.self)
        let input = Data("{\"SignType\":\(typeJSON),\"Data\":\(objectJSON)}".utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe(), output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        // Set before `run` so that an exit cannot be missed.
        let (exited, exit) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { _ in
            exit.yield()
            exit.finish()
        }
        do {
            try process.run()
        } catch {
            throw WalletError.filterRefused("filter cmd run error: \(error)")
        }
        // Written and drained on separate threads so that a chatty filter cannot block on a
        // full pipe while we block writing its input.
        Self.write(input, to: stdin.fileHandleForWriting)
        let text = await Self.readToEnd(output.fileHandleForReading)
        for await _ in exited {}
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw WalletError.filterRefused("run customer sign check fail (\(message))")
        }
    }

    /// Writes `data` and closes `handle` on a thread of its own. SIGPIPE is blocked on that
    /// thread, so a filter that exits without reading its input turns the write into an EPIPE
    /// error (ignored) instead of a signal, whatever the process's SIGPIPE disposition.
    private static func write(_ data: Data, to handle: FileHandle) {
        let thread = Thread {
            var mask = sigset_t()
            sigemptyset(&mask)
            sigaddset(&mask, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &mask, nil)
            try? handle.write(contentsOf: data)
            try? handle.close()
        }
        thread.start()
    }

    /// Everything until EOF, read on a thread of its own.
    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let data = (try? handle.readToEnd()) ?? Data()
                try? handle.close()
                continuation.resume(returning: data)
            }
            thread.start()
        }
    }
}
