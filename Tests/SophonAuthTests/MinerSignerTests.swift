import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonAuth

@Suite("sophon-auth miners and signers")
struct MinerSignerTests {
    @Test("miner add, exist, list, lookup, delete through the CLI; only ID addresses")
    func miners() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "gina"])
            _ = try await fixture.cli(["user", "add", "hank"])
            let admin = try fixture.admin
            #expect(try await fixture.cli(["user", "miner", "add", "gina", "f01000"]) == "create user:gina miner:f01000 success.")
            #expect(try await fixture.cli(["user", "miner", "add", "--openMining", "false", "gina", "t01000"])
                == "update user:gina miner:t01000 success.")
            #expect(try await fixture.cli(["user", "miner", "exist", "--user", "gina", "f01000"]) == "true")
            #expect(try await fixture.cli(["user", "miner", "exist", "--user", "hank", "f01000"]) == "false")
            let miners = try await admin.listMiners(user: "gina")
            #expect(miners.map(\.miner) == [try Address("f01000")])
            #expect(miners.first?.openMining == false)
            #expect(try await fixture.cli(["user", "miner", "list", "gina"]).contains("miner count:1"))
            #expect(try await admin.getUserByMiner(try Address("f01000")).name == "gina")
            #expect(try await admin.hasMiner(try Address("f01000")))

            // Only ID addresses are miners.
            let nonID = try Address.bls(publicKey: [UInt8](repeating: 3, count: 48))
            await #expect(throws: SophonAuthClientError.self) { try await admin.upsertMiner(user: "gina", miner: nonID) }
            // A miner can't be bound to a user that does not exist.
            await #expect(throws: SophonAuthClientError.self) {
                try await admin.upsertMiner(user: "nobody", miner: try Address.id(5))
            }
            // Moving a miner to another user rebinds it.
            #expect(try await admin.upsertMiner(user: "hank", miner: try Address.id(1000)) == false)
            #expect(try await admin.getUserByMiner(try Address.id(1000)).name == "hank")

            // A user's own token may list its miners but not another user's.
            let hankToken = try await fixture.generateToken(user: "hank", perm: "read")
            let asHank = try fixture.client(token: hankToken)
            #expect(try await asHank.listMiners(user: "hank").count == 1)
            await #expect(throws: SophonAuthClientError.self) { try await asHank.listMiners(user: "gina") }
            // The owner may delete its miner without admin.
            #expect(try await asHank.deleteMiner(try Address.id(1000)))
            #expect(try await fixture.cli(["user", "miner", "delete", "f01000"]) == "miner:f01000 not exists.")
            #expect(try await admin.hasMiner(try Address.id(1000)) == false)
        }
    }

    @Test("signer register, exist, list, users by signer, unregister, delete; only key addresses")
    func signers() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "ivy"])
            _ = try await fixture.cli(["user", "add", "jack"])
            let admin = try fixture.admin
            let bls = try Address.bls(publicKey: [UInt8](repeating: 9, count: 48))
            let delegated = try Address.delegated(namespace: 10, subaddress: [UInt8](repeating: 1, count: 20))
            let text = bls.description
            #expect(try await fixture.cli(["user", "signer", "register", "ivy", text])
                == "register signer address:\(text) success for ivy.")
            try await admin.registerSigners(user: "jack", signers: [bls, delegated])
            #expect(try await fixture.cli(["user", "signer", "exist", "--user", "ivy", text]) == "true")
            #expect(try await admin.signerExistInUser(user: "ivy", signer: delegated) == false)
            #expect(try await fixture.cli(["user", "signer", "list", "jack"]).contains("signer count:2"))
            #expect(Set(try await admin.listSigners(user: "jack").map(\.signer)) == [bls, delegated])
            #expect(Set(try await admin.getUsersBySigner(bls).map(\.name)) == ["ivy", "jack"])
            #expect(try await admin.hasSigner(bls))

            await #expect(throws: SophonAuthClientError.self) {
                try await admin.registerSigners(user: "ivy", signers: [try Address.id(7)])
            }

            _ = try await fixture.cli(["user", "signer", "unregister", "--user", "ivy", text])
            #expect(try await admin.signerExistInUser(user: "ivy", signer: bls) == false)
            #expect(try await admin.getUsersBySigner(bls).map(\.name) == ["jack"])
            #expect(try await admin.deleteSigner(bls))
            #expect(try await admin.hasSigner(bls) == false)
            #expect(try await admin.deleteSigner(bls) == false)
        }
    }
}
