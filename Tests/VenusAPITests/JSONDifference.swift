import JSONRPC

/// The first place two JSON documents differ, as a path (`$.Blocks[0].Miner`) and both values;
/// nil when equal. Objects compare by member set (order-insensitive), arrays element by element,
/// numbers by value whatever their Swift case (`42` read as `.int` equals `42` as `.uint`).
func jsonDifference(_ expected: JSONValue, _ actual: JSONValue, path: String = "$") -> String? {
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
        let missing = Set(e.keys).subtracting(a.keys).sorted()
        let extra = Set(a.keys).subtracting(e.keys).sorted()
        if !missing.isEmpty || !extra.isEmpty {
            return "\(path): members missing \(missing), unexpected \(extra)"
        }
        for (key, value) in e.sorted(by: { $0.key < $1.key }) {
            guard let written = a[key] else { return "\(path).\(key): missing" }
            if let difference = jsonDifference(value, written, path: "\(path).\(key)") { return difference }
        }
        return nil
    case (.array(let e), .array(let a)):
        guard e.count == a.count else { return "\(path): \(e.count) elements expected, \(a.count) written" }
        for (index, pair) in zip(e, a).enumerated() {
            if let difference = jsonDifference(pair.0, pair.1, path: "\(path)[\(index)]") { return difference }
        }
        return nil
    default:
        if let e = numericValue(expected), let a = numericValue(actual) {
            return e == a ? nil : "\(path): expected \(e), written \(a)"
        }
        return expected == actual ? nil : "\(path): expected \(expected), written \(actual)"
    }
}

/// A number's value as text, exact for integers (so 2^63 and beyond compare exactly).
private func numericValue(_ value: JSONValue) -> String? {
    switch value {
    case .int(let v): return String(v)
    case .uint(let v): return String(v)
    case .double(let v):
        if v.rounded() == v, abs(v) < 9.2e18 { return String(Int64(v)) }
        return String(v)
    default: return nil
    }
}
