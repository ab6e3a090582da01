import Chain
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

@Suite struct MockBeaconTests {
    /// Each round's data is blake2b-256 of the round as a big-endian u64, computed independently by
    /// Python's `hashlib` and `struct`.
    @Test(.enabled(if: PythonOracle.available(modules: ["hashlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func entriesAreBlake2bOfTheBigEndianRound() async throws {
        let rounds: [UInt64] = [0, 1, 100, 255, 256, 1 << 32, UInt64.max]
        let script = """
            import hashlib, json, struct, sys
            rounds = json.load(sys.stdin)
            print(json.dumps([hashlib.blake2b(struct.pack(">Q", r), digest_size=32).hexdigest() for r in rounds]))
            """
        let output = try PythonOracle.run(
            arguments: ["-c", script], input: try JSONSerialization.data(withJSONObject: rounds.map { NSNumber(value: $0) }))
        let expected = try #require(try JSONSerialization.jsonObject(with: output) as? [String])
        let beacon = MockBeacon()
        for (round, hex) in zip(rounds, expected) {
            let entry = try await beacon.entry(round: round)
            #expect(entry.round == round)
            #expect(entry.data.map { String(format: "%02x", $0) }.joined() == hex)
        }
    }

    @Test func verificationRefusesAnyOtherData() throws {
        let beacon = MockBeacon()
        let good = MockBeacon.entry(round: 42)
        try beacon.verify(good, previous: MockBeacon.entry(round: 41))
        var flipped = good
        flipped.data[31] ^= 1
        #expect(throws: BeaconError.invalidEntry(round: 42)) { try beacon.verify(flipped, previous: good) }
        let shifted = BeaconEntry(round: 43, data: good.data)
        #expect(throws: BeaconError.invalidEntry(round: 43)) { try beacon.verify(shifted, previous: good) }
        #expect(throws: BeaconError.invalidEntry(round: 42)) {
            try beacon.verify(BeaconEntry(round: 42, data: []), previous: good)
        }
    }

    @Test func newestRoundIsTheEpochPlusLotusOffset() {
        let beacon = MockBeacon()
        #expect(beacon.maxRound(forEpoch: 0, networkVersion: 5) == 100)
        #expect(beacon.maxRound(forEpoch: 1234, networkVersion: 5) == 1334)
    }
}
