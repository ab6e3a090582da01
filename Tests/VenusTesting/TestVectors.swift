import Foundation

/// Locates the shared public test vectors.
///
/// Vectors are never copied into the project. They are read from `$VENUS_TEST_VECTORS` when set,
/// else from `../shared/vectors` beside the project root (where CI lays them out). When neither
/// exists, tests that need them are disabled with a message naming the folder, never passed.
public enum TestVectors {
    /// The folder holding the vectors, or `nil` when it cannot be found.
    public static let root: URL? = {
        let fileManager = FileManager.default
        if let fromEnvironment = ProcessInfo.processInfo.environment["VENUS_TEST_VECTORS"],
            fileManager.fileExists(atPath: fromEnvironment)
        {
            return URL(fileURLWithPath: fromEnvironment, isDirectory: true)
        }
        let besideProject = projectRoot
            .deletingLastPathComponent()
            .appendingPathComponent("shared/vectors", isDirectory: true)
        return fileManager.fileExists(atPath: besideProject.path) ? besideProject : nil
    }()

    /// Whether the vectors were found.
    public static var available: Bool { root != nil }

    /// The message a disabled test shows.
    public static let missingMessage: String =
        "test vectors not found: set VENUS_TEST_VECTORS or lay them out at \(projectRoot.deletingLastPathComponent().path)/shared/vectors"

    /// The project root, found from this file's location (Tests/VenusTesting/TestVectors.swift).
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The URL of a file below the vectors folder.
    public static func url(_ relativePath: String) throws -> URL {
        guard let root else { throw TestSupportError.vectorsMissing(relativePath) }
        return root.appendingPathComponent(relativePath)
    }

    /// The bytes of a file below the vectors folder.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// A JSON file below the vectors folder, parsed into Foundation objects.
    public static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: data(relativePath), options: [.fragmentsAllowed])
    }
}

public enum TestSupportError: Error, CustomStringConvertible {
    case vectorsMissing(String)
    case pythonFailed(script: String, status: Int32, stderr: String)
    case pythonMissing(String)
    case malformedOutput(String)

    public var description: String {
        switch self {
        case .vectorsMissing(let path): "vector \(path) not found (no vectors folder)"
        case .pythonFailed(let script, let status, let stderr):
            "python oracle \(script) exited with \(status): \(stderr)"
        case .pythonMissing(let why): "python oracle unavailable: \(why)"
        case .malformedOutput(let why): "python oracle output malformed: \(why)"
        }
    }
}
