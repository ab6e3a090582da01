import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonAuth

@Suite("sophon-auth users")
struct UserTests {
    @Test("add, get, update, active, list, delete, recover through the CLI")
    func userLifecycle() async throws {
        try await AuthFixture.with { fixture in
            let added = try await fixture.cli(["user", "add", "erin", "--comment", "first"])
            #expect(added.hasPrefix("Add user success: "))
            let admin = try fixture.admin
            var user = try await admin.getUser(name: "erin")
            #expect(user.state == .enabled)
            #expect(user.comment == "first")
            #expect(try await fixture.cli(["user", "get", "erin"]).contains("name: erin"))

            _ = try await fixture.cli(["user", "update", "--name", "erin", "--comment", "second", "--state", "2"])
            user = try await admin.getUser(name: "erin")
            #expect(user.state == .disabled)
            #expect(user.comment == "second")
            #expect(try await admin.listUsers(state: .disabled).map(\.name) == ["erin"])
            _ = try await fixture.cli(["user", "active", "erin"])
            #expect(try await admin.getUser(name: "erin").state == .enabled)

            let listed = try await fixture.cli(["user", "list"])
            #expect(listed.contains("name: erin"))
            #expect(try await admin.hasUser(name: "erin"))
            try await admin.verifyUsers(names: ["erin", AuthService.defaultAdminUser])
            await #expect(throws: SophonAuthClientError.self) { try await admin.verifyUsers(names: ["erin", "nobody"]) }
            await #expect(throws: SophonAuthClientError.self) { try await admin.createUser(name: "erin") }

            #expect(try await fixture.cli(["user", "delete", "erin"]) == "remove user success")
            #expect(try await admin.hasUser(name: "erin") == false)
            await #expect(throws: SophonAuthClientError.self) { try await admin.getUser(name: "erin") }
            #expect(try await fixture.cli(["user", "recover", "erin"]) == "recover user success")
            #expect(try await admin.hasUser(name: "erin"))
        }
    }

    @Test("a disabled or deleted user's tokens stop verifying; re-enabled or recovered they verify again")
    func disabledAndDeletedUsersTokensRefused() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "frank"])
            let token = try await fixture.generateToken(user: "frank", perm: "sign")
            let admin = try fixture.admin
            let asFrank = try fixture.client(token: token)
            #expect(try await admin.verify(token).perm == .sign)

            try await admin.updateUser(name: "frank", state: .disabled)
            await #expect(throws: SophonAuthClientError.unauthorized("user frank is disabled")) {
                try await admin.verify(token)
            }
            // The token no longer authenticates REST calls either.
            await #expect(throws: SophonAuthClientError.self) { try await asFrank.getUser(name: "frank") }
            _ = try await fixture.cli(["user", "active", "frank"])
            #expect(try await admin.verify(token).name == "frank")

            let miner = try Address.id(4242)
            let signer = try Address.bls(publicKey: [UInt8](repeating: 7, count: 48))
            try await admin.upsertMiner(user: "frank", miner: miner)
            try await admin.registerSigners(user: "frank", signers: [signer])

            _ = try await fixture.cli(["user", "delete", "frank"])
            await #expect(throws: SophonAuthClientError.self) { try await admin.verify(token) }
            // The delete cascaded to the user's miners and signers.
            #expect(try await admin.hasMiner(miner) == false)
            #expect(try await admin.hasSigner(signer) == false)
            await #expect(throws: SophonAuthClientError.self) { try await admin.getUserByMiner(miner) }

            _ = try await fixture.cli(["user", "recover", "frank"])
            #expect(try await admin.verify(token).name == "frank")
            #expect(try await admin.listMiners(user: "frank").isEmpty)
        }
    }
}
