import GoCompat
import DagCBOR
import Foundation
import Testing
import VenusTesting

/// Random and mutated inputs: the decoders must never crash, only decode or throw, and because
/// decoding is strict anything accepted must be canonical (re-encode to the same bytes).
struct FuzzTests {
    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        if TestVectors.available {
            seeds = try FixtureTests.loadFixtures().map(\.bytes).filter { $0.count < 4096 }
        }
        var random = RandomValues(rng: SeededGenerator(seed: 99))
        for _ in 0..<64 { seeds.append(try random.value().cborBytes) }
        return seeds
    }

    /// Decodes `bytes` every way there is and checks the results agree.
    static func check(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let value = try? CBORValue(cborBytes: bytes)
        var reader = CBORReader(bytes: bytes)
        let skipped = (try? reader.skipValue()).flatMap { try? reader.finish() } != nil
        #expect(skipped == (value != nil), "skipValue and CBORValue disagree on \(label())")
        if let value {
            #expect(value.cborBytes == bytes, "accepted non-canonical \(label()): \(Hex.encode(bytes))")
        }
    }

    static func mutate(_ input: [UInt8], _ random: inout RandomValues) -> [UInt8] {
        var bytes = input
        for _ in 0...random.int(below: 3) {
            let position = bytes.isEmpty ? 0 : random.int(below: bytes.count)
            switch random.int(below: 6) {
            case 0 where !bytes.isEmpty: bytes[position] ^= 1 << UInt8(random.int(below: 8))
            case 1 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: random.rng.next())
            case 2: bytes.removeLast(min(bytes.count, 1 + random.int(below: 8)))
            case 3: bytes.insert(contentsOf: random.bytes(maxLength: 4), at: position)
            case 4 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.int(below: 4)))
            default:
                // Interesting head bytes: width markers, indefinite, tags, simple values, huge lengths.
                let interesting: [UInt8] = [0x18, 0x19, 0x1a, 0x1b, 0x5f, 0x7f, 0x9f, 0xbf, 0xff, 0xd8, 0x2a, 0xf7, 0xfa, 0x5b]
                if !bytes.isEmpty { bytes[position] = interesting[random.int(below: interesting.count)] }
            }
        }
        return bytes
    }

    @Test func mutatedValidInputs() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count > 64)
        var random = RandomValues(rng: SeededGenerator(seed: 2024))
        for iteration in 0..<20_000 {
            let seed = seeds[random.int(below: seeds.count)]
            Self.check(Self.mutate(seed, &random), "mutation \(iteration)")
        }
    }

    @Test func randomBytes() {
        var random = RandomValues(rng: SeededGenerator(seed: 7))
        for iteration in 0..<20_000 {
            Self.check(random.bytes(maxLength: 24), "random input \(iteration)")
        }
    }

    @Test func mutatedCIDs() throws {
        var random = RandomValues(rng: SeededGenerator(seed: 31337))
        var cids: [CID] = []
        for _ in 0..<32 { cids.append(try random.cid()) }
        cids.append(try CID(string: "bafkqabiaaebagba"))
        for iteration in 0..<5_000 {
            let cid = cids[random.int(below: cids.count)]
            let bytes = Self.mutate(cid.bytes, &random)
            if let parsed = try? CID(bytes: bytes) {
                #expect(parsed.bytes == bytes, "CID bytes \(iteration) not canonical")
                #expect((try? CID(string: parsed.description)) == parsed, "CID text \(iteration) does not round-trip")
            }
            var text = Array(cid.description.utf8)
            let position = random.int(below: text.count)
            switch random.int(below: 4) {
            case 0: text[position] = UInt8(0x21 + random.int(below: 0x5e))
            case 1: text.remove(at: position)
            case 2: text.insert(UInt8(0x21 + random.int(below: 0x5e)), at: position)
            default: text.removeLast(random.int(below: text.count))
            }
            let string = String(decoding: text, as: UTF8.self)
            if let parsed = try? CID(string: string) {
                // Accepted text is canonical for its base; re-parsing the canonical form agrees.
                #expect(try CID(string: parsed.description) == parsed)
                if string.hasPrefix("b") || string.hasPrefix("Qm") {
                    #expect(parsed.description == string, "non-canonical text \(string) accepted")
                }
            }
        }
    }
}
