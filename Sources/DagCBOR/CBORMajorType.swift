/// The eight CBOR major types (the top three bits of an item's initial byte).
public enum CBORMajorType: UInt8, Sendable, Hashable, CustomStringConvertible {
    case unsigned = 0
    case negative = 1
    case bytes = 2
    case text = 3
    case array = 4
    case map = 5
    case tag = 6
    /// false, true, null and floats (the only major-7 items DAG-CBOR allows).
    case simple = 7

    public var description: String {
        switch self {
        case .unsigned: "unsigned integer"
        case .negative: "negative integer"
        case .bytes: "byte string"
        case .text: "text string"
        case .array: "array"
        case .map: "map"
        case .tag: "tag"
        case .simple: "simple value or float"
        }
    }
}
