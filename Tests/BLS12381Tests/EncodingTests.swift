import Foundation
import Testing
import VenusTesting
@testable import BLS12381

/// Malformed point encodings must be refused with the precise error, and blspy must agree on
/// which encodings are points.
struct EncodingTests {
    static let modulus: [UInt8] = hexBytes(
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab") ?? []

    static func validKey() -> BLSPublicKey { BLSPrivateKey.generate().publicKey }
    static func validSignature() -> BLSSignature { BLSPrivateKey.generate().sign([1, 2, 3]) }

    /// x coordinates (as canonical Fp) that are on E1 (`onCurve`) or not, found by counting up.
    static func g1Candidates() -> (onCurveNotInG1: [UInt8], offCurve: [UInt8]) {
        var on: [UInt8]? = nil, off: [UInt8]? = nil
        var x: UInt64 = 1
        while on == nil || off == nil {
            let fx = Fp(small: x)
            var encoded = fx.bigEndianBytes
            encoded[0] |= 0x80
            if (fx.squared * fx + Fp.four).isSquare { on = on ?? encoded } else { off = off ?? encoded }
            x += 1
        }
        return (on ?? [], off ?? [])
    }

    static func g2Candidates() -> (onCurveNotInG2: [UInt8], offCurve: [UInt8]) {
        var on: [UInt8]? = nil, off: [UInt8]? = nil
        var x: UInt64 = 1
        while on == nil || off == nil {
            let fx = Fp2(Fp(small: x), Fp.one)
            var encoded = fx.c1.bigEndianBytes + fx.c0.bigEndianBytes
            encoded[0] |= 0x80
            if (fx.squared * fx + Fp2.b2).isSquare { on = on ?? encoded } else { off = off ?? encoded }
            x += 1
        }
        return (on ?? [], off ?? [])
    }

    @Test func wrongLengths() {
        let key = Self.validKey().bytes, sig = Self.validSignature().bytes
        for bad in [[], Array(key.dropLast()), key + [0], sig] as [[UInt8]] {
            #expect(throws: BLSError.invalidLength(expected: 48, actual: bad.count)) { try BLSPublicKey(bytes: bad) }
        }
        for bad in [[], Array(sig.dropLast()), sig + [0], key] as [[UInt8]] {
            #expect(throws: BLSError.invalidLength(expected: 96, actual: bad.count)) { try BLSSignature(bytes: bad) }
        }
        #expect(throws: BLSError.invalidLength(expected: 32, actual: 31)) { try BLSPrivateKey(bytes: [UInt8](repeating: 1, count: 31)) }
    }

    @Test func flags() {
        var key = Self.validKey().bytes
        key[0] &= 0x7F
        #expect(throws: BLSError.notCompressed) { try BLSPublicKey(bytes: key) }
        var sig = Self.validSignature().bytes
        sig[0] &= 0x7F
        #expect(throws: BLSError.notCompressed) { try BLSSignature(bytes: sig) }
        // Infinity flag on a non-zero x.
        var infKey = Self.validKey().bytes
        infKey[0] |= 0x40
        #expect(throws: BLSError.invalidInfinityEncoding) { try BLSPublicKey(bytes: infKey) }
        var infSig = Self.validSignature().bytes
        infSig[0] |= 0x40
        #expect(throws: BLSError.invalidInfinityEncoding) { try BLSSignature(bytes: infSig) }
        // The sort flag flips y: a different, still valid point.
        var flipped = Self.validKey().bytes
        let original = flipped
        flipped[0] ^= 0x20
        #expect((try? BLSPublicKey(bytes: flipped))?.bytes == flipped)
        #expect(flipped != original)
    }

    @Test func infinityEncodings() throws {
        let g1Infinity = [0xC0] + [UInt8](repeating: 0, count: 47)
        let g2Infinity = [0xC0] + [UInt8](repeating: 0, count: 95)
        #expect(throws: BLSError.publicKeyIsInfinity) { try BLSPublicKey(bytes: g1Infinity) }
        let identity = try BLSSignature(bytes: g2Infinity)
        #expect(identity.bytes == g2Infinity)
        #expect(!BLS.verify(identity, message: [1], publicKey: Self.validKey()))
        for variant in [[0xE0] + [UInt8](repeating: 0, count: 47), [0xC1] + [UInt8](repeating: 0, count: 47),
                        [0xC0] + [UInt8](repeating: 0, count: 46) + [1], [0x40] + [UInt8](repeating: 0, count: 47)] {
            #expect(throws: (variant[0] & 0x80 == 0 ? BLSError.notCompressed : BLSError.invalidInfinityEncoding)) {
                try BLSPublicKey(bytes: variant)
            }
        }
        for variant in [[0xE0] + [UInt8](repeating: 0, count: 95), [0xC0] + [UInt8](repeating: 0, count: 94) + [1]] {
            #expect(throws: BLSError.invalidInfinityEncoding) { try BLSSignature(bytes: variant) }
        }
        // The aggregate of nothing is refused; a signature plus its negation aggregates to infinity.
        #expect(throws: BLSError.emptyAggregate) { try BLSSignature.aggregate([]) }
    }

    @Test func coordinatesNotBelowP() {
        var atP = Self.modulus
        atP[0] |= 0x80
        #expect(throws: BLSError.coordinateNotCanonical) { try BLSPublicKey(bytes: atP) }
        var aboveP = atP
        aboveP[47] = 0xFF
        #expect(throws: BLSError.coordinateNotCanonical) { try BLSPublicKey(bytes: aboveP) }
        var allOnes = [UInt8](repeating: 0xFF, count: 48)
        allOnes[0] = 0x9F
        #expect(throws: BLSError.coordinateNotCanonical) { try BLSPublicKey(bytes: allOnes) }
        // G2: x.c1 = p, or x.c0 = p.
        var c1AtP = atP + [UInt8](repeating: 0, count: 48)
        #expect(throws: BLSError.coordinateNotCanonical) { try BLSSignature(bytes: c1AtP) }
        c1AtP = [0x80] + [UInt8](repeating: 0, count: 47) + Self.modulus
        #expect(throws: BLSError.coordinateNotCanonical) { try BLSSignature(bytes: c1AtP) }
    }

    @Test func notOnCurveAndNotInSubgroup() {
        let g1 = Self.g1Candidates(), g2 = Self.g2Candidates()
        #expect(throws: BLSError.notOnCurve) { try BLSPublicKey(bytes: g1.offCurve) }
        #expect(throws: BLSError.notInSubgroup) { try BLSPublicKey(bytes: g1.onCurveNotInG1) }
        #expect(throws: BLSError.notOnCurve) { try BLSSignature(bytes: g2.offCurve) }
        #expect(throws: BLSError.notInSubgroup) { try BLSSignature(bytes: g2.onCurveNotInG2) }
    }

    @Test func privateKeyRange() {
        let zero = [UInt8](repeating: 0, count: 32)
        #expect(throws: BLSError.invalidPrivateKey) { try BLSPrivateKey(bytes: zero) }
        // r itself, little-endian, and r - 1 (the largest valid key).
        var r = [UInt8]()
        for limb in groupOrderLimbs { for k in 0..<8 { r.append(UInt8(truncatingIfNeeded: limb >> UInt64(8 * k))) } }
        #expect(throws: BLSError.invalidPrivateKey) { try BLSPrivateKey(bytes: r) }
        var rMinusOne = r
        rMinusOne[0] -= 1
        #expect((try? BLSPrivateKey(bytes: rMinusOne)) != nil)
        #expect(throws: BLSError.invalidPrivateKey) { try BLSPrivateKey(bytes: [UInt8](repeating: 0xFF, count: 32)) }
    }

    @Test func roundTrips() throws {
        for _ in 0..<5 {
            let key = Self.validKey()
            #expect(try BLSPublicKey(bytes: key.bytes) == key)
            let sig = Self.validSignature()
            #expect(try BLSSignature(bytes: sig.bytes).bytes == sig.bytes)
        }
    }

    /// blspy must accept exactly the encodings we accept (infinity aside: blspy takes it as a
    /// G1 element, we refuse it as a public key, so it is checked separately above).
    @Test(.enabled(if: oracleEnabled(["blspy"]), Comment(rawValue: PythonOracle.missingMessage(["blspy"]))))
    func blspyAgreesOnValidity() throws {
        let g1 = Self.g1Candidates(), g2 = Self.g2Candidates()
        var atP = Self.modulus
        atP[0] |= 0x80
        var noFlag = Self.validKey().bytes
        noFlag[0] &= 0x7F
        var sortedInfinity = [0xE0] + [UInt8](repeating: 0, count: 47)
        let g1Inputs = [Self.validKey().bytes, g1.offCurve, g1.onCurveNotInG1, atP, noFlag, sortedInfinity]
        sortedInfinity = [0xE0] + [UInt8](repeating: 0, count: 95)
        var sigNoFlag = Self.validSignature().bytes
        sigNoFlag[0] &= 0x7F
        let g2Inputs = [Self.validSignature().bytes, g2.offCurve, g2.onCurveNotInG2, atP + [UInt8](repeating: 0, count: 48),
                        sigNoFlag, sortedInfinity, [0xC0] + [UInt8](repeating: 0, count: 95)]
        let output = try PythonOracle.call("bls_oracle.py", arguments: ["blspy"], input: [
            "g1_valid": g1Inputs.map(hexString), "g2_valid": g2Inputs.map(hexString),
        ])
        let answer = try #require(output as? [String: Any])
        #expect(answer["g1_valid"] as? [Bool] == g1Inputs.map { (try? BLSPublicKey(bytes: $0)) != nil })
        #expect(answer["g2_valid"] as? [Bool] == g2Inputs.map { (try? BLSSignature(bytes: $0)) != nil })
    }
}
