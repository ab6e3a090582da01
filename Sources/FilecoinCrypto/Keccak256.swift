/// Keccak-256 as Ethereum uses it: the original Keccak submission's padding (domain byte 0x01),
/// not FIPS 202 SHA3-256 (0x06). Rate 136 bytes, capacity 512 bits, 32-byte output.
///
/// swift-crypto 4.5.2 keeps its Keccak inside BoringSSL's private headers, so the permutation is
/// implemented here: keccak-f[1600] fully unrolled over 25 local lanes, with the sponge state in a
/// stack buffer, so hashing allocates nothing but the 32-byte result.
public enum Keccak256 {
    /// The sponge rate in bytes.
    static let rate = 136

    /// Keccak-256 of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        if let digest = data.withContiguousStorageIfAvailable({ sponge(UnsafeRawBufferPointer($0), domain: 0x01) }) {
            return digest
        }
        return Array(data).withUnsafeBytes { sponge($0, domain: 0x01) }
    }

    /// The same sponge with a caller-chosen domain byte: 0x01 is Keccak-256, 0x06 is SHA3-256.
    /// Exposed to the module so tests can check the permutation against an independent SHA3-256.
    static func sponge(_ input: UnsafeRawBufferPointer, domain: UInt8) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { state in
            let lanes = state.baseAddress.unsafelyUnwrapped
            lanes.initialize(repeating: 0, count: 25)
            var offset = 0
            while input.count - offset >= rate {
                absorb(lanes, UnsafeRawBufferPointer(rebasing: input[offset..<(offset + rate)]))
                permute(lanes)
                offset += rate
            }
            // Final block: the tail, the domain byte, zeros, and 0x80 on the last byte (pad10*1).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rate) { block in
                let tail = input.count - offset
                block.initialize(repeating: 0)
                for index in 0..<tail { block[index] = input[offset + index] }
                block[tail] ^= domain
                block[rate - 1] ^= 0x80
                absorb(lanes, UnsafeRawBufferPointer(block))
            }
            permute(lanes)
            return [UInt8](unsafeUninitializedCapacity: 32) { output, initialized in
                for lane in 0..<4 {
                    let value = lanes[lane].littleEndian
                    for byte in 0..<8 { output[lane * 8 + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
                }
                initialized = 32
            }
        }
    }

    /// XORs one `rate`-byte block into the state (lanes are little-endian).
    @inline(__always)
    private static func absorb(_ lanes: UnsafeMutablePointer<UInt64>, _ block: UnsafeRawBufferPointer) {
        for lane in 0..<(rate / 8) {
            lanes[lane] ^= UInt64(littleEndian: block.loadUnaligned(fromByteOffset: lane * 8, as: UInt64.self))
        }
    }

    @inline(__always)
    private static func rotl(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value &<< count) | (value &>> (64 &- count))
    }

    private static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]

    /// keccak-f[1600]: 24 rounds of theta, rho+pi, chi, iota. Lane (x, y) is `a` numbered x + 5y.
    /// Theta's column parity D[x] is folded into the rho+pi step.
    private static func permute(_ state: UnsafeMutablePointer<UInt64>) {
        let roundConstants = Self.roundConstants
        var a00 = state[0]
        var a01 = state[1]
        var a02 = state[2]
        var a03 = state[3]
        var a04 = state[4]
        var a05 = state[5]
        var a06 = state[6]
        var a07 = state[7]
        var a08 = state[8]
        var a09 = state[9]
        var a10 = state[10]
        var a11 = state[11]
        var a12 = state[12]
        var a13 = state[13]
        var a14 = state[14]
        var a15 = state[15]
        var a16 = state[16]
        var a17 = state[17]
        var a18 = state[18]
        var a19 = state[19]
        var a20 = state[20]
        var a21 = state[21]
        var a22 = state[22]
        var a23 = state[23]
        var a24 = state[24]
        for round in 0..<24 {
            let c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20
            let c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21
            let c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22
            let c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23
            let c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24
            let d0 = c4 ^ rotl(c1, 1)
            let d1 = c0 ^ rotl(c2, 1)
            let d2 = c1 ^ rotl(c3, 1)
            let d3 = c2 ^ rotl(c4, 1)
            let d4 = c3 ^ rotl(c0, 1)
            let b00 = a00 ^ d0
            let b16 = rotl(a05 ^ d0, 36)
            let b07 = rotl(a10 ^ d0, 3)
            let b23 = rotl(a15 ^ d0, 41)
            let b14 = rotl(a20 ^ d0, 18)
            let b10 = rotl(a01 ^ d1, 1)
            let b01 = rotl(a06 ^ d1, 44)
            let b17 = rotl(a11 ^ d1, 10)
            let b08 = rotl(a16 ^ d1, 45)
            let b24 = rotl(a21 ^ d1, 2)
            let b20 = rotl(a02 ^ d2, 62)
            let b11 = rotl(a07 ^ d2, 6)
            let b02 = rotl(a12 ^ d2, 43)
            let b18 = rotl(a17 ^ d2, 15)
            let b09 = rotl(a22 ^ d2, 61)
            let b05 = rotl(a03 ^ d3, 28)
            let b21 = rotl(a08 ^ d3, 55)
            let b12 = rotl(a13 ^ d3, 25)
            let b03 = rotl(a18 ^ d3, 21)
            let b19 = rotl(a23 ^ d3, 56)
            let b15 = rotl(a04 ^ d4, 27)
            let b06 = rotl(a09 ^ d4, 20)
            let b22 = rotl(a14 ^ d4, 39)
            let b13 = rotl(a19 ^ d4, 8)
            let b04 = rotl(a24 ^ d4, 14)
            a00 = b00 ^ (~b01 & b02)
            a01 = b01 ^ (~b02 & b03)
            a02 = b02 ^ (~b03 & b04)
            a03 = b03 ^ (~b04 & b00)
            a04 = b04 ^ (~b00 & b01)
            a05 = b05 ^ (~b06 & b07)
            a06 = b06 ^ (~b07 & b08)
            a07 = b07 ^ (~b08 & b09)
            a08 = b08 ^ (~b09 & b05)
            a09 = b09 ^ (~b05 & b06)
            a10 = b10 ^ (~b11 & b12)
            a11 = b11 ^ (~b12 & b13)
            a12 = b12 ^ (~b13 & b14)
            a13 = b13 ^ (~b14 & b10)
            a14 = b14 ^ (~b10 & b11)
            a15 = b15 ^ (~b16 & b17)
            a16 = b16 ^ (~b17 & b18)
            a17 = b17 ^ (~b18 & b19)
            a18 = b18 ^ (~b19 & b15)
            a19 = b19 ^ (~b15 & b16)
            a20 = b20 ^ (~b21 & b22)
            a21 = b21 ^ (~b22 & b23)
            a22 = b22 ^ (~b23 & b24)
            a23 = b23 ^ (~b24 & b20)
            a24 = b24 ^ (~b20 & b21)
            a00 ^= roundConstants[round]
        }
        state[0] = a00
        state[1] = a01
        state[2] = a02
        state[3] = a03
        state[4] = a04
        state[5] = a05
        state[6] = a06
        state[7] = a07
        state[8] = a08
        state[9] = a09
        state[10] = a10
        state[11] = a11
        state[12] = a12
        state[13] = a13
        state[14] = a14
        state[15] = a15
        state[16] = a16
        state[17] = a17
        state[18] = a18
        state[19] = a19
        state[20] = a20
        state[21] = a21
        state[22] = a22
        state[23] = a23
        state[24] = a24
    }
}
