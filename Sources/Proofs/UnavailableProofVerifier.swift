import FilecoinTypes

/// The real-proof verifier of this build: Groth16 verification needs the parameters' verifying
/// keys, which cannot be had here, so every call throws `ProofError.realVerificationUnavailable`
/// rather than answer either way.
public struct UnavailableProofVerifier: ProofVerifier {
    public init() {}

    public func verifySeal(_ info: SealVerifyInfo) throws(ProofError) -> Bool {
        throw .realVerificationUnavailable(operation: "VerifySeal")
    }

    public func batchVerifySeals(_ seals: [Address: [SealVerifyInfo]]) throws(ProofError) -> [Address: [Bool]] {
        throw .realVerificationUnavailable(operation: "BatchVerifySeals")
    }

    public func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) throws(ProofError) -> Bool {
        throw .realVerificationUnavailable(operation: "VerifyWinningPoSt")
    }

    public func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) throws(ProofError) -> Bool {
        throw .realVerificationUnavailable(operation: "VerifyWindowPoSt")
    }

    public func generateWinningPoStSectorChallenge(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], eligibleSectorCount: UInt64
    ) throws(ProofError) -> [UInt64] {
        throw .realVerificationUnavailable(operation: "GenerateWinningPoStSectorChallenge")
    }
}
