/// Filecoin's BLS signature scheme: min-pk (keys in G1, signatures in G2), basic scheme
/// (distinct messages), hash to G2 with DST `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`.
public enum BLS {
    /// The domain separation tag Filecoin signs under.
    public static let filecoinDST = Array("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_".utf8)

    /// e(pk, H(m)) == e(G1, sig), checked as e(pk, H(m)) · e(-G1, sig) == 1.
    public static func verify(
        _ signature: BLSSignature, message: some Collection<UInt8>, publicKey: BLSPublicKey
    ) -> Bool {
        let h = HashToG2.hash(message, dst: filecoinDST)
        guard let t1 = Pairing.term(publicKey.point, h),
            let t2 = Pairing.term(-g1Generator, signature.point)
        else { return false }
        return Pairing.productIsOne([t1, t2])
    }

    /// Checks the preconditions shared by both aggregate verifiers.
    private static func aggregateInputsAcceptable(
        _ signature: BLSSignature, messages: [[UInt8]], publicKeys: [BLSPublicKey]
    ) -> Bool {
        guard !messages.isEmpty, messages.count == publicKeys.count, !signature.point.isIdentity else {
            return false
        }
        // The basic scheme is only secure for distinct messages (rogue-key attacks otherwise).
        return Set(messages).count == messages.count
    }

    /// The Miller loop product of e(pk_i, H(m_i)) over `range`. The hashed points are made
    /// affine together, with one inversion.
    private static func partialProduct(
        messages: [[UInt8]], publicKeys: [BLSPublicKey], range: Range<Int>
    ) -> Fp12 {
        let hashes = range.map { HashToG2.hash(messages[$0], dst: filecoinDST) }
        let affineHashes = G2Point.publicAffineBatch(hashes)
        var terms = [Pairing.Term]()
        terms.reserveCapacity(range.count)
        for (offset, i) in range.enumerated() {
            guard let q = affineHashes[offset], let p = publicKeys[i].point.publicAffine else { continue }
            terms.append(Pairing.Term(px: p.x, py: p.y, qx: q.x, qy: q.y))
        }
        return Pairing.millerLoop(terms)
    }

    private static func signatureTerm(_ signature: BLSSignature) -> Pairing.Term? {
        Pairing.term(-g1Generator, signature.point)
    }

    /// Aggregate verification over distinct messages, on the calling thread.
    /// Returns false for empty input, mismatched counts, or repeated messages.
    public static func aggregateVerifySync(
        _ signature: BLSSignature, messages: [[UInt8]], publicKeys: [BLSPublicKey]
    ) -> Bool {
        guard aggregateInputsAcceptable(signature, messages: messages, publicKeys: publicKeys),
            let sigTerm = signatureTerm(signature)
        else { return false }
        let f = partialProduct(messages: messages, publicKeys: publicKeys, range: 0..<messages.count)
            * Pairing.millerLoop([sigTerm])
        return f.finalExponentiation.isOne
    }

    /// Aggregate verification over distinct messages, with hashing and Miller loops split
    /// across child tasks; their Fp12 products are multiplied before one final exponentiation.
    public static func aggregateVerify(
        _ signature: BLSSignature, messages: [[UInt8]], publicKeys: [BLSPublicKey]
    ) async -> Bool {
        guard aggregateInputsAcceptable(signature, messages: messages, publicKeys: publicKeys),
            let sigTerm = signatureTerm(signature)
        else { return false }
        let count = messages.count
        let workers = max(1, min(count / 8, parallelism))
        let chunk = (count + workers - 1) / workers
        let f = await withTaskGroup(of: Fp12.self) { group in
            for start in stride(from: 0, to: count, by: chunk) {
                let range = start..<min(start + chunk, count)
                group.addTask {
                    partialProduct(messages: messages, publicKeys: publicKeys, range: range)
                }
            }
            var product = Pairing.millerLoop([sigTerm])
            for await partial in group { product = product * partial }
            return product
        }
        return f.finalExponentiation.isOne
    }

    /// How many tasks aggregate verification splits into.
    static var parallelism: Int { max(1, ProcessInfoShim.activeProcessorCount) }
}
