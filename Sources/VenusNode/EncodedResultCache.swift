import JSONRPC
import Synchronization

/// The JSON of the last value answered for a key (the head's tipset for its key), so a method asked
/// again and again about an unchanged value writes it once, not on every call.
final class EncodedResultCache<Key: Hashable & Sendable, Value: Encodable & Sendable>: Sendable {
    private let last = Mutex<(key: Key, result: RPCEncodedResult<Value>)?>(nil)

    /// The cached JSON when `key` is the last key seen, else `value`'s, written now and kept.
    func result(for key: Key, _ value: Value) throws -> RPCEncodedResult<Value> {
        if let hit = last.withLock({ last in last?.key == key ? last?.result : nil }) { return hit }
        let result = try RPCEncodedResult(encoding: value)
        last.withLock { $0 = (key, result) }
        return result
    }
}
