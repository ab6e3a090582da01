import Foundation

/// An operator-supplied veto on signing (upstream `[SignFilter] Expr`): the command runs under
/// `sh -c`, reads `{"SignType":<type>,"Data":<object>}` on stdin, and allows the signature only
/// by exiting 0. An empty command allows everything. `verifyaddress` requests are not filtered
/// (upstream), since the gateway issues them itself.
public struct SignFilter: Sendable {
    public var command: String

    public init(command: String) {
        self.command = command
    }

    /// - Throws: `WalletError.filterRefused` with the command's output on a non-zero exit, or
    ///   when it cannot be run.
    public func check(type: MsgType, objectJSON: String) throws {
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
        do {
            try process.run()
        } catch {
            throw WalletError.filterRefused("filter cmd run error: \(error)")
        }
        // Drain the output while writing so a chatty filter cannot block on a full pipe.
        let collected = OutputBox()
        let reader = Thread {
            collected.data = output.fileHandleForReading.readDataToEndOfFile()
            collected.done.signal()
        }
        reader.start()
        // A filter that exits without reading stdin must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        collected.done.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: collected.data, as: UTF8.self)
            throw WalletError.filterRefused("run customer sign check fail (\(text.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
    }
}

/// Written once by the reader thread before `done` is signalled, read after waiting on it.
private final class OutputBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
