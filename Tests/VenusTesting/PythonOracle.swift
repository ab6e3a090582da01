import Foundation

/// Runs an independent Python implementation as a test oracle.
///
/// Oracle scripts live in `Tests/Oracles/` and use only independent code (`coincurve`, `blspy`,
/// `py_ecc`, `cbor2`, `dag-cbor`, `hashlib`). A script reads JSON on standard input and writes
/// JSON on standard output. The README's test command installs the Python packages; when they
/// are missing outside CI the oracle tests are disabled with a message, and under `CI=true`
/// they fail instead.
public enum PythonOracle {
    /// The folder of oracle scripts.
    public static let scriptsFolder = TestVectors.projectRoot.appendingPathComponent("Tests/Oracles")

    /// The Python interpreter (`$PYTHON` or `python3`).
    public static let interpreter: String = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"

    /// Whether `python3` can import every module named.
    public static func available(modules: [String]) -> Bool {
        let check = "import " + modules.joined(separator: ", ")
        return (try? run(arguments: ["-c", check], input: Data())) != nil
    }

    /// The message a disabled oracle test shows.
    public static func missingMessage(_ modules: [String]) -> String {
        "python oracle modules missing (\(modules.joined(separator: ", "))): run the README's test command, which installs them"
    }

    /// Runs `Tests/Oracles/<script>` with `arguments`, feeding `input` as JSON; returns parsed JSON.
    public static func call(_ script: String, arguments: [String] = [], input: Any = [String: Any]()) throws -> Any {
        let path = scriptsFolder.appendingPathComponent(script).path
        let inputData = try JSONSerialization.data(withJSONObject: input, options: [.fragmentsAllowed])
        let output = try run(arguments: [path] + arguments, input: inputData)
        do {
            return try JSONSerialization.jsonObject(with: output, options: [.fragmentsAllowed])
        } catch {
            throw TestSupportError.malformedOutput("\(script): \(error)")
        }
    }

    /// Runs the interpreter and returns its standard output; throws on a non-zero exit.
    public static func run(arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter] + arguments
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        do {
            try process.run()
        } catch {
            throw TestSupportError.pythonMissing("\(error)")
        }
        // Read both pipes concurrently with writing so a large payload cannot deadlock.
        let outputBox = DataBox(), errorBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outputBox.data = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = stderrPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        stdinPipe.fileHandleForWriting.write(input)
        try? stdinPipe.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSupportError.pythonFailed(
                script: arguments.first ?? "", status: process.terminationStatus,
                stderr: String(decoding: errorBox.data, as: UTF8.self))
        }
        return outputBox.data
    }
}

/// Holds bytes read on another thread; each box is written once, then read after `wait()`.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
