import DagCBOR
import Foundation
import VenusTesting

/// The conformance corpus's embedded CARs (gzip, base64), gunzipped by Python's zlib.
enum ConformanceCARs {
    struct Vector {
        let name: String
        let car: [UInt8]
        let preStateRoot: CID
    }

    static func load() throws -> [Vector] {
        let corpus = try TestVectors.url("conformance/corpus")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("venus-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let listed = try PythonOracle.call("conformance_extract.py", input: ["corpus": corpus.path, "out": output.path])
        guard let entries = listed as? [[String: Any]] else { throw TestSupportError.malformedOutput("conformance_extract.py") }
        return try entries.map { entry in
            let path = entry["car"] as? String ?? ""
            return Vector(
                name: entry["vector"] as? String ?? path,
                car: Array(try Data(contentsOf: URL(fileURLWithPath: path))),
                preStateRoot: try CID(string: entry["root"] as? String ?? ""))
        }
    }
}
