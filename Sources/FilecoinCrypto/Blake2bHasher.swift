import CBlake2

/// Streaming BLAKE2b (unkeyed) through libb2's `blake2b_state`.
///
/// The state is plain data, so copying a hasher forks the computation (both copies stay valid).
/// `finalize()` consumes the hasher, so a finished state cannot be fed again.
public struct Blake2bHasher: Sendable {
    private var state = blake2b_state()
    /// The digest length in bytes (1...64).
    public let outputLength: Int

    /// - Throws: `CryptoError.invalidOutputLength` unless `outputLength` is in 1...64.
    public init(outputLength: Int = 32) throws(CryptoError) {
        guard (1...Blake2b.maxOutputLength).contains(outputLength) else {
            throw .invalidOutputLength(outputLength)
        }
        self.outputLength = outputLength
        // Cannot fail: the length was checked above.
        _ = blake2b_init(&state, outputLength)
    }

    /// Absorbs `data`.
    public mutating func update(_ data: some Collection<UInt8>) {
        let done: Void? = data.withContiguousStorageIfAvailable { buffer in
            update(raw: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(data).withUnsafeBytes { update(raw: $0) }
        }
    }

    /// Absorbs raw bytes.
    public mutating func update(raw buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        _ = blake2b_update(&state, base.assumingMemoryBound(to: UInt8.self), buffer.count)
    }

    /// The digest of everything absorbed.
    public consuming func finalize() -> [UInt8] {
        let length = outputLength
        return [UInt8](unsafeUninitializedCapacity: length) { output, initialized in
            _ = blake2b_final(&state, output.baseAddress, length)
            initialized = length
        }
    }
}
