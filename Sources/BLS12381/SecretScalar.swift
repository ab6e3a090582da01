#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns the 32 bytes of a private key (a little-endian scalar) and wipes them when released.
///
/// Invariant: the bytes encode an integer in [1, r). They are written only in `init` and in
/// `deinit` (the wipe), so sharing an instance between threads is safe.
final class SecretScalar: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer

    init(validatedLittleEndian bytes: some Collection<UInt8>) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 8)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        for (i, b) in bytes.prefix(32).enumerated() { storage[i] = b }
    }

    deinit {
        if let base = storage.baseAddress { wipe(base, 32) }
        storage.deallocate()
    }

    var bytes: [UInt8] { Array(storage) }

    /// The scalar as limbs; the caller keeps the copy on its stack only as long as needed.
    var scalar: Scalar256 {
        func limb(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in stride(from: 7, through: 0, by: -1) { v = (v << 8) | UInt64(storage[8 * i + k]) }
            return v
        }
        return Scalar256(l0: limb(0), l1: limb(1), l2: limb(2), l3: limb(3))
    }

    /// Whether 32 little-endian bytes encode an integer in [1, r). Branch-free over the bytes.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 32 else { return false }
        var borrow: UInt64 = 0
        var any: UInt64 = 0
        for i in 0..<4 {
            var v: UInt64 = 0
            for k in stride(from: 7, through: 0, by: -1) { v = (v << 8) | UInt64(bytes[8 * i + k]) }
            any |= v
            (_, borrow) = sbb(v, groupOrderLimbs[i], borrow)
        }
        return (borrow == 1) && (any != 0)
    }
}

/// Zeroes `count` bytes in a way the optimiser may not drop (memory about to be released).
func wipe(_ base: UnsafeMutableRawPointer, _ count: Int) {
    #if canImport(Glibc) || canImport(Musl)
    explicit_bzero(base, count)
    #elseif canImport(Darwin)
    _ = memset_s(base, count, 0, count)
    #else
    // Fallback without a guaranteed wipe: plain stores.
    base.initializeMemory(as: UInt8.self, repeating: 0, count: count)
    #endif
}
