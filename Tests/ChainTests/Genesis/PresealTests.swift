import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import GoCompat
import IPLD
import Proofs
import Testing
import VenusTesting

@Suite struct PresealTests {
    private func key(_ seed: UInt64) -> GenesisKey {
        var generator = SeededGenerator(seed: seed)
        return GenesisKey.generateBLS(using: &generator)
    }

    @Test func sectorsCarryMockCommitmentsAndLotusShapedDeals() throws {
        let owner = key(1)
        let (miner, returnedKey) = try Preseal.make(
            miner: .idAddress(1002), sectorSize: 2048, sectorCount: 3, sectorOffset: 5, key: owner)
        #expect(returnedKey == owner)
        #expect(miner.id == .idAddress(1002) && miner.owner == owner.address && miner.worker == owner.address)
        #expect(miner.sectorSize == 2048 && miner.marketBalance == .zero && miner.powerBalance == .zero)
        #expect(miner.sectors.map(\.sectorNumber) == [5, 6, 7])
        let ticket = Blake2b.hash256(Array("lotus is fire".utf8))
        for (index, sector) in miner.sectors.enumerated() {
            #expect(sector.proofType == .stackedDrg2KiBV1)
            // One full-size piece: the sector's CommD is the piece's commitment.
            #expect(sector.commD.codec == Multicodec.filCommitmentUnsealed)
            let pieces = [PieceInfo(size: 2048, pieceCID: sector.commD)]
            #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg2KiBV1, pieces: pieces) == sector.commD)
            #expect(
                try MockProofs().sealedCID(
                    sealProof: .stackedDrg2KiBV1, minerID: 1002, sectorNumber: sector.sectorNumber, unsealedCID: sector.commD,
                    ticket: ticket) == sector.commR)
            #expect(sector.commR.codec == Multicodec.filCommitmentSealed)
            #expect(sector.dealClientKey == owner)
            let deal = sector.deal
            #expect(deal.pieceCID == sector.commD && deal.pieceSize == 2048 && !deal.verifiedDeal)
            #expect(deal.client == owner.address && deal.provider == .idAddress(1002))
            #expect(deal.label == Array("\(index)".utf8))
            #expect(deal.startEpoch == 0 && deal.endEpoch == 9001)
            #expect(deal.storagePricePerEpoch == .zero && deal.providerCollateral == .zero && deal.clientCollateral == .zero)
        }
        // Distinct pieces per sector, the same pieces for the same inputs.
        #expect(Set(miner.sectors.map(\.commD)).count == 3)
        #expect(try Preseal.make(miner: .idAddress(1002), sectorSize: 2048, sectorCount: 3, sectorOffset: 5, key: owner).miner == miner)
        #expect(Multibase.base58Encode(miner.peerID).hasPrefix("12D3KooW"))
    }

    @Test func theMockCommitmentBindsEveryInput() throws {
        let commD = try PieceCommitment.cid(commitment: PieceCommitment.zeroCommitment(paddedSize: 2048))
        let proofs = MockProofs()
        let base = try proofs.sealedCID(sealProof: .stackedDrg2KiBV1, minerID: 1000, sectorNumber: 1, unsealedCID: commD, ticket: [1])
        let variants = [
            try proofs.sealedCID(sealProof: .stackedDrg8MiBV1, minerID: 1000, sectorNumber: 1, unsealedCID: commD, ticket: [1]),
            try proofs.sealedCID(sealProof: .stackedDrg2KiBV1, minerID: 1001, sectorNumber: 1, unsealedCID: commD, ticket: [1]),
            try proofs.sealedCID(sealProof: .stackedDrg2KiBV1, minerID: 1000, sectorNumber: 2, unsealedCID: commD, ticket: [1]),
            try proofs.sealedCID(sealProof: .stackedDrg2KiBV1, minerID: 1000, sectorNumber: 1, unsealedCID: commD, ticket: [2]),
        ]
        #expect(Set(variants + [base]).count == 5)
        #expect(base.multihash.code == Multihash.poseidonBLS12381 && base.multihash.digest[31] & 0xc0 == 0)
        #expect(throws: ProofError.self) {
            try proofs.sealedCID(sealProof: RegisteredSealProof(rawValue: 99), minerID: 1, sectorNumber: 1, unsealedCID: commD, ticket: [])
        }
    }

    @Test func manifestsAndKeyFilesRoundTripInLotusShape() throws {
        let (miner, key) = try Preseal.make(miner: .idAddress(1000), sectorSize: 2048, sectorCount: 2, key: key(2))
        let manifest = try Preseal.manifestJSON(miner)
        let object = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
        let entry = try #require(object["t01000"] as? [String: Any])
        #expect(entry["Owner"] as? String == key.address.string(network: .testnet))
        #expect(entry["SectorSize"] as? Int == 2048 && entry["MarketBalance"] as? String == "0")
        let sectors = try #require(entry["Sectors"] as? [[String: Any]])
        #expect(sectors.count == 2 && sectors[1]["SectorID"] as? Int == 1 && sectors[0]["ProofType"] as? Int == 0)
        let deal = try #require(sectors[0]["Deal"] as? [String: Any])
        #expect(deal["Label"] as? String == "0" && deal["EndEpoch"] as? Int == 9001 && deal["Provider"] as? String == "t01000")
        #expect((deal["PieceCID"] as? [String: String])?["/"] == miner.sectors[0].commD.description)
        let clientKey = try #require(sectors[0]["DealClientKey"] as? [String: String])
        #expect(clientKey["Type"] == "bls" && clientKey["PrivateKey"] == Data(key.privateKey).base64EncodedString())

        let reread = try Preseal.miners(fromManifest: manifest)
        #expect(reread.map(\.name) == ["t01000"] && reread.first?.miner == miner)
        // The key file holds the hex of the key's JSON, as lotus-seed writes it.
        let text = key.lotusKeyFileText
        #expect(try GenesisKey(lotusKeyFileText: text) == key)
        let json = String(decoding: try Hex.decode(text), as: UTF8.self)
        #expect(json.contains("\"Type\":\"bls\""))
    }

    @Test func lotusManifestsWithoutAClientKeyDecodeAndAreRefusedAtGenesis() throws {
        // The shape of a preseal file from a Lotus version that wrote the zero KeyInfo.
        let (miner, _) = try Preseal.make(miner: .idAddress(1000), sectorSize: 2048, sectorCount: 1, key: key(3))
        var object = try #require(try JSONSerialization.jsonObject(with: try Preseal.manifestJSON(miner)) as? [String: Any])
        var entry = try #require(object["t01000"] as? [String: Any])
        var sectors = try #require(entry["Sectors"] as? [[String: Any]])
        sectors[0]["DealClientKey"] = ["Type": "", "PrivateKey": NSNull()]
        entry["Sectors"] = sectors
        object["t01000"] = entry
        let decoded = try Preseal.miners(fromManifest: try JSONSerialization.data(withJSONObject: object))
        let stripped = try #require(decoded.first?.miner)
        #expect(stripped.sectors[0].dealClientKey == nil)
        var template = GenesisTemplate(networkName: "no-client-key", timestamp: 1)
        try template.addMiner(stripped)
        if case .invalidPreseal(_, _, let why)? = catching({ try GenesisFixture.build(template) }) {
            #expect(why.contains("no DealClientKey"))
        } else {
            Issue.record("a preseal without its client key was accepted")
        }
    }

    @Test func addMinerChecksTheOrderAndFundsTheOwner() throws {
        var template = GenesisTemplate(networkName: "add", timestamp: 1)
        let second = try Preseal.make(miner: .idAddress(1001), sectorSize: 2048, sectorCount: 1, key: key(4)).miner
        #expect(throws: GenesisError.minerIDMismatch(index: 0, expected: .idAddress(1000), found: .idAddress(1001))) {
            try template.addMiner(second)
        }
        #expect(template.miners.isEmpty && template.accounts.isEmpty)
        let first = try Preseal.make(miner: .idAddress(1000), sectorSize: 2048, sectorCount: 1, key: key(4)).miner
        try template.addMiner(first)
        try template.addMiner(second, ownerBalance: TokenAmount(wholeFIL: 7))
        // One key for both miners: one account with both balances.
        #expect(template.accounts == [.account(first.owner, balance: TokenAmount(wholeFIL: 50_000_007))])
    }

    @Test func devnetGenesisHasOneMinerWithTheReturnedKey() throws {
        let devnet = try DevnetGenesis.make(timestamp: 1_700_000_000, key: key(5))
        #expect(devnet.minerKey == key(5))
        #expect(devnet.template.networkName == "devnet" && devnet.template.miners.count == 1)
        #expect(devnet.template.miners[0].worker == devnet.minerKey.address)
        let store = IPLD.MemoryBlockstore()
        let genesis = try devnet.build(into: store)
        #expect(genesis.miners == [.idAddress(1000)])
        // A fresh key each time no key is given.
        #expect(try DevnetGenesis.make(timestamp: 1).minerKey != (try DevnetGenesis.make(timestamp: 1).minerKey))
        #expect(throws: GenesisError.self) { try DevnetGenesis.make(timestamp: 1, sectorCount: 0) }
    }

    @Test func keysRefuseBadBytes() throws {
        #expect(throws: GenesisError.self) { try GenesisKey(type: .bls, privateKey: [1, 2, 3]) }
        #expect(throws: GenesisError.self) { try GenesisKey(type: .secp256k1, privateKey: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: GenesisError.self) { try GenesisKey(lotusKeyFileText: "zz") }
        let secp = try GenesisKey(type: .secp256k1, privateKey: [UInt8](repeating: 7, count: 32))
        #expect(secp.address.protocol == .secp256k1)
        let signature = try secp.sign([1, 2, 3])
        #expect(signature.verifies([1, 2, 3], signer: secp.address))
    }

    private func catching(_ body: () throws -> Any) -> GenesisError? {
        do { _ = try body(); return nil } catch { return error as? GenesisError }
    }
}
