import Chain
import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// The fixture block's VRFs against independent code: Python's `hashlib` recomputes Lotus's
/// `DrawRandomness` for the ticket, the election and the winning PoSt challenge from the block's
/// fields, and an independent BLS library (blspy or py_ecc, through `bls_oracle.py`) verifies the
/// ticket, the election proof and the block signature under the worker's public key.
@Suite struct BlockVRFOracleTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static let drawScript = """
        import hashlib, json, struct, sys
        req = json.load(sys.stdin)
        def draw(base, tag, rnd, entropy):
            h = hashlib.blake2b(digest_size=32)
            h.update(struct.pack(">q", tag))
            h.update(hashlib.blake2b(bytes.fromhex(base), digest_size=32).digest())
            h.update(struct.pack(">q", rnd))
            h.update(bytes.fromhex(entropy))
            return h.hexdigest()
        miner = req["miner"]
        beacon = req["beacon"]
        height = req["height"]
        print(json.dumps({
            "ticket": draw(beacon, 1, height - 1, miner + req["parentTicket"]),
            "election": draw(beacon, 2, height, miner),
            "winningPoSt": draw(beacon, 3, height, miner),
        }))
        """

    /// The draws Python computes for the fixture block.
    static func pythonDraws(_ built: BlockFixture.Built) throws -> (draws: [String: String], header: BlockHeader) {
        let header = built.block.header
        let request: [String: Any] = [
            "miner": hex(header.miner.cborBytes),
            "beacon": hex(try #require(header.beaconEntries.last).data),
            "height": header.height,
            "parentTicket": hex(try #require(built.parent.minTicket).vrfProof),
        ]
        let output = try PythonOracle.run(arguments: ["-c", drawScript], input: try JSONSerialization.data(withJSONObject: request))
        let draws = try #require(try JSONSerialization.jsonObject(with: output) as? [String: String])
        return (draws, header)
    }

    @Test(.enabled(if: PythonOracle.available(modules: ["hashlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func randomnessDrawsMatchPython() async throws {
        let built = try await BlockFixture().build()
        let (draws, header) = try Self.pythonDraws(built)
        let beacon = try #require(header.beaconEntries.last).data
        let minerBytes = header.miner.cborBytes
        let parentTicket = try #require(built.parent.minTicket).vrfProof
        #expect(
            Self.hex(Randomness.draw(base: beacon, tag: .ticketProduction, round: header.height - 1, entropy: minerBytes + parentTicket))
                == draws["ticket"])
        #expect(Self.hex(Randomness.draw(base: beacon, tag: .electionProofProduction, round: header.height, entropy: minerBytes)) == draws["election"])
        #expect(Self.hex(Randomness.draw(base: beacon, tag: .winningPoStChallengeSeed, round: header.height, entropy: minerBytes)) == draws["winningPoSt"])
    }

    static let blsBackend: String? = {
        if PythonOracle.available(modules: ["blspy"]) { return "blspy" }
        if PythonOracle.available(modules: ["py_ecc"]) { return "py_ecc" }
        return nil
    }()

    @Test(.enabled(if: BlockVRFOracleTests.blsBackend != nil || ProcessInfo.processInfo.environment["CI"] == "true", "needs blspy or py_ecc"))
    func vrfsAndBlockSignatureVerifyUnderAnIndependentBLS() async throws {
        let backend = try #require(Self.blsBackend, "\(PythonOracle.missingMessage(["blspy or py_ecc"]))")
        let built = try await BlockFixture().build()
        let (draws, header) = try Self.pythonDraws(built)
        let publicKey = Self.hex(BlockFixture.keys.worker.publicKey.bytes)
        let strangerKey = Self.hex(BlockFixture.keys.stranger.publicKey.bytes)
        let checks: [[String: String]] = [
            ["pk": publicKey, "msg": try #require(draws["ticket"]), "sig": Self.hex(try #require(header.ticket).vrfProof)],
            ["pk": publicKey, "msg": try #require(draws["election"]), "sig": Self.hex(try #require(header.electionProof).vrfProof)],
            ["pk": publicKey, "msg": Self.hex(header.signingBytes), "sig": Self.hex(try #require(header.blockSig).data)],
            // And the oracle refuses the ticket under another key.
            ["pk": strangerKey, "msg": try #require(draws["ticket"]), "sig": Self.hex(try #require(header.ticket).vrfProof)],
        ]
        let answer = try PythonOracle.call("bls_oracle.py", arguments: [backend], input: ["verify": checks])
        let results = try #require((answer as? [String: Any])?["verify"] as? [Bool])
        #expect(results == [true, true, true, false])
    }
}
