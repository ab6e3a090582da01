import GoCompat
import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// Random and mutated input must never crash the chain-type decoders: each input either decodes
/// (and then re-encodes to a value that decodes the same) or throws.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct DecoderFuzzTests {
    private func seeds() throws -> [[UInt8]] {
        struct Block: Decodable { let cbor_hex: String }
        struct Unsigned: Decodable { let hex_cbor: String }
        let blocks = try JSONDecoder().decode([Block].self, from: TestVectors.data("serialization/block_headers.json"))
        let messages = try JSONDecoder().decode([Unsigned].self, from: TestVectors.data("serialization/unsigned_messages.json"))
        return blocks.compactMap { try? Hex.decode($0.cbor_hex) } + messages.compactMap { try? Hex.decode($0.hex_cbor) }
    }

    private func mutate(_ input: [UInt8], using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !bytes.isEmpty:
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
            case 2:
                let index = Int.random(in: 0...bytes.count, using: &generator)
                bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
            case 3 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = [0x00, 0x1b, 0x5f, 0x9f, 0xbf, 0xff, 0xf6, 0xd8][Int.random(in: 0..<8, using: &generator)]
            default:
                bytes.append(contentsOf: (0..<Int.random(in: 1...8, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            }
        }
        return bytes
    }

    @Test func mutatedChainObjectsNeverCrashTheDecoders() throws {
        var generator = SystemRandomNumberGenerator()
        let seeds = try seeds()
        var decodedCount = 0
        for iteration in 0..<20_000 {
            let input: [UInt8]
            if iteration % 10 == 0 {
                input = (0..<Int.random(in: 0...300)).map { _ in UInt8.random(in: 0...255) }
            } else {
                input = mutate(seeds[iteration % seeds.count], using: &generator)
            }
            if let message = try? Message(cborBytes: input) {
                decodedCount += 1
                #expect(try Message(cborBytes: message.cborBytes) == message)
            }
            if let header = try? BlockHeader(cborBytes: input) {
                decodedCount += 1
                #expect(try BlockHeader(cborBytes: header.cborBytes) == header)
            }
            _ = try? SignedMessage(cborBytes: input)
            _ = try? TipSetKey(bytes: input)
            _ = try? MessageReceipt(cborBytes: input)
        }
        // Some mutations keep the structure intact (a flipped bit inside a byte string).
        #expect(decodedCount > 0)
    }

    @Test func malformedJSONIsRefusedWithAnError() {
        let inputs = [
            "{", "[]", "null", "{\"Version\":0}", "{\"To\":\"f0\",\"From\":\"f01\",\"Nonce\":1}",
            "{\"Version\":0,\"To\":\"f01\",\"From\":\"f01\",\"Nonce\":-1,\"Value\":\"0\",\"GasLimit\":0,\"GasFeeCap\":\"0\",\"GasPremium\":\"0\",\"Method\":0}",
            "{\"Version\":0,\"To\":\"f01\",\"From\":\"f01\",\"Nonce\":1,\"Value\":\"1.5\",\"GasLimit\":0,\"GasFeeCap\":\"0\",\"GasPremium\":\"0\",\"Method\":0}",
            "{\"Version\":0,\"To\":\"f01\",\"From\":\"f01\",\"Nonce\":1,\"Value\":\"1\",\"GasLimit\":0,\"GasFeeCap\":\"0\",\"GasPremium\":\"0\",\"Method\":0,\"Params\":\"%%%\"}",
        ]
        for input in inputs {
            #expect(throws: (any Error).self, "\(input)") { try JSONDecoder().decode(Message.self, from: Data(input.utf8)) }
        }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(CID.self, from: Data("{\"/\":\"bafynotacid\"}".utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Signature.self, from: Data("{\"Type\":9,\"Data\":\"\"}".utf8)) }
    }
}
