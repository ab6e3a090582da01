import BigInt
@testable import FilecoinTypes
import Foundation
import GoCompat
import Testing
import VenusTesting

/// Lotus's election arithmetic (`chain/types/electionproof_test.go`): the goldens of e^-x, the
/// Poisson tail and λ, byte for byte, and win counts against an independent Python oracle.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct ElectionTests {
    private func golden(_ path: String) throws -> String {
        String(decoding: try TestVectors.data("election/" + path), as: UTF8.self)
    }

    @Test func expnegMatchesLotusGolden() throws {
        let count = 256
        let step = GoBig.div(BigInt(5) << 256, BigInt(count - 1))
        var text = "x, y\n"
        var x = BigInt(0)
        for _ in 0..<count {
            text += "\(x),\(ElectionMath.expneg(x))\n"
            x += step
        }
        #expect(text == (try golden("TestExpFunction.golden")))
    }

    @Test(arguments: [(10, 10), (209_714, 20), (1_036_915, 20), (1706, 10), (2, 0), (5_242_879, 20), (5, 0)])
    func poissonTailMatchesLotusGolden(base: Int, shift: Int) throws {
        var poisson = PoissonInverseCDF(lambda: BigInt(base) << (256 - shift))
        var text = "icdf\n\(poisson.icdf)\n"
        for _ in 0..<15 { text += "\(poisson.next())\n" }
        #expect(text == (try golden("TestPoissonFunction/lam-\(base)-\(shift).golden")))
    }

    @Test(arguments: [("10", "100"), ("1024", "2048"), ("2000000000000000", "100000000000000000")])
    func lambdaMatchesLotusGolden(power: String, total: String) throws {
        let lambda = ElectionMath.lambda(
            power: try #require(BigInt(power, radix: 10)), totalPower: try #require(BigInt(total, radix: 10)), blocksPerEpoch: 5)
        #expect("\(lambda)" == (try golden("TestLambdaFunction/\(power)-\(total).golden")))
    }

    @Test func goShiftAndDivisionRounding() {
        #expect(GoBig.rsh(BigInt(-3), 1) == -2)
        #expect(GoBig.rsh(BigInt(-4), 1) == -2)
        #expect(GoBig.rsh(BigInt(3), 1) == 1)
        #expect(GoBig.div(BigInt(-7), BigInt(2)) == -4)
        #expect(GoBig.div(BigInt(-7), BigInt(-2)) == 4)
        #expect(GoBig.div(BigInt(7), BigInt(-2)) == -3)
        #expect(GoBig.div(BigInt(7), BigInt(0)) == 0)
    }

    /// Lotus's TestWinCounts proofs (5 little-endian bytes of i + 1,000,000) with a fifth of the
    /// power win about one block an epoch; a sample of them, checked against the oracle one by one.
    @Test(.enabled(if: PythonOracle.available(modules: ["hashlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func winCountsMatchOracle() throws {
        var cases: [[String: String]] = []
        var proofs: [ElectionProof] = []
        var generator = SeededGenerator(seed: 0xe1ec7)
        for i in 0..<3000 {
            let w = UInt64(i) + 1_000_000
            let proof = i < 2000 ? (0..<5).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } : generator.bytes(96)
            // Powers from nothing to more than the total: every branch of the tail is reached.
            let (power, total): (BigInt, BigInt) =
                switch i % 4 {
                case 0: (20, 100)
                case 1: (BigInt(generator.next() % 1000), 1000)
                case 2: (BigInt(generator.next()) << 40, BigInt(generator.next() | 1) << 42)
                default: (500, 100)
                }
            proofs.append(ElectionProof(winCount: 0, vrfProof: proof))
            cases.append(["proof": Hex.encode(proof), "power": "\(power)", "total": "\(total)"])
        }
        let expected = try #require(try PythonOracle.call("election_oracle.py", input: ["cases": cases, "blocks": 5]) as? [Int])
        #expect(expected.count == cases.count)
        var wins = 0
        for (index, proof) in proofs.enumerated() {
            let power = try #require(BigInt(cases[index]["power"] ?? "", radix: 10))
            let total = try #require(BigInt(cases[index]["total"] ?? "", radix: 10))
            let count = proof.computeWinCount(power: power, totalPower: total)
            #expect(count == Int64(expected[index]), "case \(index): power \(power) of \(total)")
            if index % 4 == 0 && index < 2000 { wins += Int(count) }
        }
        // A fifth of the power: one expected win per epoch, as Lotus's statistical test says.
        let average = Double(wins) / 500
        #expect(average > 0.85 && average < 1.15, "average \(average)")
    }

    @Test func noPowerOrNoTotalWinsNothing() {
        let proof = ElectionProof(winCount: 0, vrfProof: [1, 2, 3])
        #expect(proof.computeWinCount(power: 0, totalPower: 100) == 0)
        #expect(proof.computeWinCount(power: 100, totalPower: 0) == 0)
        #expect(proof.computeWinCount(power: -5, totalPower: 100) == 0)
    }
}
