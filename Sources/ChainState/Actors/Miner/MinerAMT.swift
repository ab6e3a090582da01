import DagCBOR

/// Typed access to the miner's AMTs (queues, partitions, sectors) over ``ActorAMT``, with the
/// early stop that specs-actors' `ForEach` callbacks get by returning a sentinel error: the
/// blocks not yet read stay unread, and unread blocks are uncharged gas.
enum MinerAMT {
    /// Thrown by a callback to end an iteration early; never escapes ``forEach(_:_:)``.
    static let stop = ActorError(.errIllegalState, "\u{0}miner-amt-stop-iteration")

    /// Calls `body` on each entry in index order until it returns false.
    static func forEach(_ amt: ActorAMT, _ body: (UInt64, [UInt8]) throws(ActorError) -> Bool) throws(ActorError) {
        do {
            try amt.forEach { (index, bytes) throws(ActorError) in
                if try !body(index, bytes) { throw stop }
            }
        } catch {
            if error == stop { return }
            throw error
        }
    }

    /// Decodes an AMT value; a value that does not decode is illegal state (a broken actor state).
    static func decode<T: CBORDecodable>(_ type: T.Type, _ bytes: [UInt8], _ what: String) throws(ActorError) -> T {
        do { return try T(cborBytes: bytes) } catch { throw ActorError(.errIllegalState, "failed to decode \(what): \(error)") }
    }

    /// Deletes every index (go-amt-ipld v2 `BatchDelete`: each must be present).
    static func batchDelete(_ amt: ActorAMT, _ indices: [UInt64]) throws(ActorError) {
        for index in indices where try !amt.delete(index) {
            throw ActorError(.errIllegalState, "array delete failed to batchdelete: index \(index) not found")
        }
    }

    /// specs-actors' `xc.ErrX.Wrapf(err)`: an actor error takes the new code, but what the
    /// runtime raised (out of gas and the other system codes below 16, fatal faults) is a Go
    /// panic there and passes through unwrapped.
    static func rewrap(_ error: ActorError, _ code: ExitCode, _ message: String) -> ActorError {
        if error.isFatal || error.code.rawValue < 16 { return error }
        return ActorError(code, "\(message): \(error.message)")
    }
}
