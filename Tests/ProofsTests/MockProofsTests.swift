import DagCBOR
import FilecoinTypes
import Proofs
import Testing

/// A CID whose digest is `seed` repeated: distinct, valid commitments for the tests.
func commitmentCID(_ seed: UInt8, codec: UInt64 = Multicodec.filCommitmentUnsealed) throws -> CID {
    try CID(
        version: .v1, codec: codec,
        multihash: Multihash(code: Multihash.sha2_256Trunc254Padded, digest: [UInt8](repeating: seed, count: 32)))
}

@Suite("Mock proofs")
struct MockProofsTests {
    let mock = MockProofs()

    func sealInfo() throws -> SealVerifyInfo {
        let sealed = try commitmentCID(1, codec: Multicodec.filCommitmentSealed)
        let unsealed = try commitmentCID(2)
        let randomness = [UInt8](repeating: 3, count: 32)
        let interactive = [UInt8](repeating: 4, count: 32)
        let proof = try mock.sealProof(
            sealProof: .stackedDrg2KiBV1_1, minerID: 1000, sectorNumber: 7, sealedCID: sealed, unsealedCID: unsealed,
            randomness: randomness, interactiveRandomness: interactive)
        return SealVerifyInfo(
            sealProof: .stackedDrg2KiBV1_1, minerID: 1000, sectorNumber: 7, dealIDs: [5], randomness: randomness,
            interactiveRandomness: interactive, proof: proof, sealedCID: sealed, unsealedCID: unsealed)
    }

    @Test("a seal proof verifies; each changed field or byte is refused")
    func sealProofIsBoundToEveryInput() throws {
        let good = try sealInfo()
        #expect(try mock.verifySeal(good))

        var changes: [(String, SealVerifyInfo)] = []
        var info = good
        info.sealProof = .stackedDrg2KiBV1
        changes.append(("seal proof type", info))
        info = good
        info.minerID += 1
        changes.append(("miner", info))
        info = good
        info.sectorNumber += 1
        changes.append(("sector number", info))
        info = good
        info.sealedCID = try commitmentCID(9, codec: Multicodec.filCommitmentSealed)
        changes.append(("sealed CID", info))
        info = good
        info.unsealedCID = try commitmentCID(9)
        changes.append(("unsealed CID", info))
        info = good
        info.proof.append(0)
        changes.append(("longer proof", info))
        info = good
        info.proof.removeLast()
        changes.append(("shorter proof", info))
        for index in 0..<32 {
            info = good
            info.randomness[index] ^= 0x01
            changes.append(("randomness byte \(index)", info))
            info = good
            info.interactiveRandomness[index] ^= 0x80
            changes.append(("interactive randomness byte \(index)", info))
            info = good
            info.proof[index] ^= 0x01
            changes.append(("proof byte \(index)", info))
        }
        for (what, changed) in changes {
            #expect(try mock.verifySeal(changed) == false, "changed \(what) was accepted")
        }
    }

    @Test("an unknown seal proof type is an error, not an answer")
    func unknownSealProof() throws {
        var info = try sealInfo()
        info.sealProof = RegisteredSealProof(rawValue: 42)
        #expect(throws: ProofError.unsupportedSealProof(42)) { try mock.verifySeal(info) }
    }

    @Test("batch verification answers per miner, in order")
    func batch() throws {
        let good = try sealInfo()
        var bad = good
        bad.proof[0] ^= 0xff
        let first = try Address.id(1000)
        let second = try Address.id(1001)
        let results = try mock.batchVerifySeals([first: [good, bad, good], second: []])
        #expect(results == [first: [true, false, true], second: []])
    }

    func sectors(_ count: Int, proof: RegisteredSealProof = .stackedDrg2KiBV1_1) throws -> [SectorInfo] {
        try (0..<count).map {
            SectorInfo(
                sealProof: proof, sectorNumber: UInt64($0),
                sealedCID: try commitmentCID(UInt8($0 + 10), codec: Multicodec.filCommitmentSealed))
        }
    }

    @Test("a winning PoSt verifies; each changed input is refused")
    func winningPoSt() throws {
        let randomness = [UInt8](repeating: 7, count: 32)
        let challenged = try sectors(1)
        let proofs = try mock.winningPoSt(
            proofType: .stackedDrgWinning2KiBV1, minerID: 1000, randomness: randomness, sectors: challenged)
        let good = WinningPoStVerifyInfo(
            randomness: randomness, proofs: proofs, challengedSectors: challenged, prover: 1000)
        #expect(try mock.verifyWinningPoSt(good))

        var changes: [(String, WinningPoStVerifyInfo)] = []
        var info = good
        info.prover = 1001
        changes.append(("prover", info))
        info = good
        info.challengedSectors[0].sectorNumber = 99
        changes.append(("sector number", info))
        info = good
        info.challengedSectors[0].sealedCID = try commitmentCID(99, codec: Multicodec.filCommitmentSealed)
        changes.append(("sealed CID", info))
        info = good
        info.challengedSectors = try sectors(1, proof: .stackedDrg8MiBV1_1)
        changes.append(("sector of another size", info))
        info = good
        info.proofs = []
        changes.append(("no proof", info))
        info = good
        info.proofs.append(info.proofs[0])
        changes.append(("extra proof", info))
        info = good
        info.proofs[0].proofType = RegisteredPoStProof.stackedDrgWinning8MiBV1.rawValue
        changes.append(("proof type", info))
        for index in 0..<32 {
            info = good
            info.randomness[index] ^= 0x04
            changes.append(("randomness byte \(index)", info))
            info = good
            info.proofs[0].proofBytes[index] ^= 0x04
            changes.append(("proof byte \(index)", info))
        }
        for (what, changed) in changes {
            #expect(try mock.verifyWinningPoSt(changed) == false, "changed \(what) was accepted")
        }
    }

    @Test("a window PoSt has one proof per partition; reordered, dropped or changed proofs are refused")
    func windowPoSt() throws {
        let randomness = [UInt8](repeating: 8, count: 32)
        let challenged = try sectors(5)
        let proofs = try mock.windowPoSt(
            proofType: .stackedDrgWindow2KiBV1_1, minerID: 1000, randomness: randomness, sectors: challenged)
        // 2 KiB partitions hold 2 sectors.
        #expect(proofs.count == 3)
        #expect(Set(proofs.map(\.proofBytes)).count == 3)
        let good = WindowPoStVerifyInfo(randomness: randomness, proofs: proofs, challengedSectors: challenged, prover: 1000)
        #expect(try mock.verifyWindowPoSt(good))

        var info = good
        info.proofs.swapAt(0, 1)
        #expect(try mock.verifyWindowPoSt(info) == false)
        info = good
        info.proofs.removeLast()
        #expect(try mock.verifyWindowPoSt(info) == false)
        info = good
        info.challengedSectors.removeLast()
        #expect(try mock.verifyWindowPoSt(info) == false)
        info = good
        info.challengedSectors[4].sectorNumber += 1
        #expect(try mock.verifyWindowPoSt(info) == false)
        info = good
        info.proofs[2].proofBytes[31] ^= 1
        #expect(try mock.verifyWindowPoSt(info) == false)
        // A winning proof is no window proof, whatever its bytes.
        info = good
        info.proofs = try mock.winningPoSt(
            proofType: .stackedDrgWinning2KiBV1, minerID: 1000, randomness: randomness, sectors: challenged)
        #expect(throws: ProofError.unsupportedPoStProof(0)) { try mock.verifyWindowPoSt(info) }
    }

    @Test("the prover refuses sectors of another size than its proof covers")
    func proverChecksSectors() throws {
        #expect(throws: ProofError.sectorProofMismatch(sectorNumber: 0, sealProof: 6, postProof: 5)) {
            try mock.windowPoSt(
                proofType: .stackedDrgWindow2KiBV1, minerID: 1, randomness: [], sectors: try sectors(1, proof: .stackedDrg8MiBV1_1))
        }
        #expect(throws: ProofError.unsupportedPoStProof(5)) {
            try mock.winningPoSt(proofType: .stackedDrgWindow2KiBV1, minerID: 1, randomness: [], sectors: [])
        }
    }

    @Test("winning PoSt challenges are deterministic, in range, and follow the randomness")
    func challenges() throws {
        var seen = Set<UInt64>()
        for seed in UInt8(0)..<16 {
            let randomness = [UInt8](repeating: seed, count: 32)
            let first = try mock.generateWinningPoStSectorChallenge(
                proofType: .stackedDrgWinning32GiBV1, minerID: 1000, randomness: randomness, eligibleSectorCount: 1 << 40)
            let again = try mock.generateWinningPoStSectorChallenge(
                proofType: .stackedDrgWinning32GiBV1, minerID: 1000, randomness: randomness, eligibleSectorCount: 1 << 40)
            #expect(first == again)
            #expect(first.count == 1)
            #expect(first.allSatisfy { $0 < 1 << 40 })
            seen.formUnion(first)
        }
        #expect(seen.count == 16)
        let small = try mock.generateWinningPoStSectorChallenge(
            proofType: .stackedDrgWinning2KiBV1, minerID: 1, randomness: [1], eligibleSectorCount: 3)
        #expect(small.allSatisfy { $0 < 3 })
        #expect(throws: ProofError.noEligibleSectors) {
            try mock.generateWinningPoStSectorChallenge(
                proofType: .stackedDrgWinning2KiBV1, minerID: 1, randomness: [1], eligibleSectorCount: 0)
        }
    }
}

@Suite("Unavailable proof verifier")
struct UnavailableProofVerifierTests {
    @Test("every operation throws 'real proof verification unavailable', none answers")
    func everythingThrows() throws {
        let verifier = UnavailableProofVerifier()
        let mock = MockProofs()
        let sealed = try commitmentCID(1, codec: Multicodec.filCommitmentSealed)
        let unsealed = try commitmentCID(2)
        let proof = try mock.sealProof(
            sealProof: .stackedDrg2KiBV1, minerID: 1, sectorNumber: 1, sealedCID: sealed, unsealedCID: unsealed,
            randomness: [], interactiveRandomness: [])
        let seal = SealVerifyInfo(
            sealProof: .stackedDrg2KiBV1, minerID: 1, sectorNumber: 1, dealIDs: [], randomness: [],
            interactiveRandomness: [], proof: proof, sealedCID: sealed, unsealedCID: unsealed)
        #expect(throws: ProofError.realVerificationUnavailable(operation: "VerifySeal")) { try verifier.verifySeal(seal) }
        let miner = try Address.id(1)
        #expect(throws: ProofError.realVerificationUnavailable(operation: "BatchVerifySeals")) {
            try verifier.batchVerifySeals([miner: [seal]])
        }
        #expect(throws: ProofError.realVerificationUnavailable(operation: "VerifyWinningPoSt")) {
            try verifier.verifyWinningPoSt(WinningPoStVerifyInfo(randomness: [], proofs: [], challengedSectors: [], prover: 1))
        }
        #expect(throws: ProofError.realVerificationUnavailable(operation: "VerifyWindowPoSt")) {
            try verifier.verifyWindowPoSt(WindowPoStVerifyInfo(randomness: [], proofs: [], challengedSectors: [], prover: 1))
        }
        #expect(throws: ProofError.realVerificationUnavailable(operation: "GenerateWinningPoStSectorChallenge")) {
            try verifier.generateWinningPoStSectorChallenge(
                proofType: .stackedDrgWinning2KiBV1, minerID: 1, randomness: [], eligibleSectorCount: 1)
        }
        #expect(
            ProofError.realVerificationUnavailable(operation: "VerifySeal").description
                .hasPrefix("real proof verification unavailable: no verifying keys on this machine"))
    }
}
