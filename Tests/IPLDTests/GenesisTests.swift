import GoCompat
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

/// The real mainnet and calibnet genesis archives: every block decodes strictly, re-encodes to its
/// own bytes and reproduces its CID; the root is the genesis block header.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct GenesisTests {
    struct Expected: Decodable {
        let expected_root_cid: String
        let block_count: Int
        let genesis_header: Header

        struct Header: Decodable {
            let ParentStateRoot: String
            let Messages: String
            let Timestamp: UInt64
            let Ticket_VRFProof_hex: String
        }
    }

    private func expected(_ network: String) throws -> Expected {
        try JSONDecoder().decode([String: Expected].self, from: filtered(TestVectors.data("genesis/expected.json")))[network]
            .unwrap(or: "no \(network) entry in genesis/expected.json")
    }

    /// expected.json mixes notes with network entries; keep the entries.
    private func filtered(_ data: Data) throws -> Data {
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return try JSONSerialization.data(withJSONObject: object.filter { $0.value is [String: Any] })
    }

    private let legacyGenesisParent = "bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi"

    @Test(arguments: ["mainnet", "calibnet"])
    func everyGenesisBlockRoundTrips(network: String) throws {
        let compressed = try TestVectors.data("genesis/\(network).car.zst")
        let car = try CARReader(bytes: Zstd.decompress(Array(compressed)))
        let root = try #require(car.roots.first)
        #expect(car.roots.count == 1)
        let expected = try expected(network)
        #expect(root.description == expected.expected_root_cid)
        var count = 0
        var sawRoot = false
        var refused: [CID] = []
        for block in try car.allBlocks() {
            count += 1
            // Every block hashes to its CID (the CAR reader checks it; check again here).
            #expect(try CID.hashing(block.data, codec: block.cid.codec, hash: block.cid.multihash.code) == block.cid)
            guard block.cid.codec == Multicodec.dagCBOR else { continue }
            do {
                let value = try CBORValue(cborBytes: block.data)
                #expect(value.cborBytes == block.data, "block \(block.cid) does not re-encode to its bytes")
            } catch let error as CBORError {
                refused.append(block.cid)
                #expect(error.kind == .mapKeysOutOfOrder, "block \(block.cid): \(error)")
            }
            if block.cid == root {
                sawRoot = true
                let header = try BlockHeader(cborBytes: block.data)
                #expect(header.cid == root)
                #expect(header.height == 0)
                #expect(header.cborBytes == block.data)
                #expect(header.parentStateRoot.description == expected.genesis_header.ParentStateRoot)
                #expect(header.messages.description == expected.genesis_header.Messages)
                #expect(header.timestamp == expected.genesis_header.Timestamp)
                #expect(header.ticket.map { Hex.encode($0.vrfProof) } == expected.genesis_header.Ticket_VRFProof_hex)
                #expect(header.electionProof == ElectionProof(winCount: 0, vrfProof: []))
                #expect(header.blockSig == nil && header.blsAggregate == nil)
            }
        }
        // The one block strict DAG-CBOR refuses is Lotus's legacy "filecoin genesis block", the
        // parent of every genesis header, written in 2017 with its map keys sorted bytewise.
        #expect(refused.map(\.description) == [legacyGenesisParent])
        #expect(sawRoot)
        #expect(count == expected.block_count)
    }

    @Test func corruptedAndTruncatedArchivesAreReported() throws {
        let bytes = try Zstd.decompress(Array(TestVectors.data("genesis/mainnet.car.zst")))
        // Truncation inside the last block.
        let truncated = Array(bytes.dropLast(7))
        #expect(throws: CARError.self) { try CARReader(bytes: truncated).allBlocks() }
        // A flipped byte near the end lands inside a block's data: its hash no longer matches.
        var corrupted = bytes
        corrupted[corrupted.count - 3] ^= 0xff
        #expect(throws: CARError.self) { try CARReader(bytes: corrupted).allBlocks() }
        // Truncated zstd.
        let compressed = Array(try TestVectors.data("genesis/mainnet.car.zst"))
        #expect(throws: ZstdError.self) { try Zstd.decompress(Array(compressed.dropLast(100))) }
        #expect(throws: ZstdError.self) { try Zstd.decompress([1, 2, 3, 4, 5, 6, 7, 8]) }
    }
}

extension Optional {
    fileprivate func unwrap(or message: String) throws -> Wrapped {
        guard let self else { throw TestSupportError.malformedOutput(message) }
        return self
    }
}
