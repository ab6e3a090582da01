import Foundation
import Testing
import VenusAPI
import VenusRuntime

@testable import SophonAuth

@Suite("sophon-auth storage and repo")
struct StorageTests {
    @Test("fresh database is migrated; re-opening keeps data, the admin token and the migrations")
    func migrationsAndReopen() async throws {
        let path = AuthFixture.temporaryRepoPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (firstToken, userToken) = try await AuthFixture.with(repoPath: path) { fixture in
            #expect(try await fixture.server.service.appliedMigrations() == ["v1-initial"])
            _ = try await fixture.cli(["user", "add", "noah"])
            let token = try await fixture.generateToken(user: "noah", perm: "read")
            return (try fixture.repo.readToken(), token)
        }
        try await AuthFixture.with(repoPath: path) { fixture in
            #expect(try await fixture.server.service.appliedMigrations() == ["v1-initial"])
            #expect(try fixture.repo.readToken() == firstToken)
            let admin = try fixture.admin
            #expect(try await admin.verify(userToken).name == "noah")
            #expect(try await admin.hasUser(name: "noah"))
        }
        // The repo and its secrets are private to the user.
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let tokenAttributes = try FileManager.default.attributesOfItem(atPath: path + "/token")
        #expect((tokenAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let config = try String(contentsOfFile: path + "/config.toml", encoding: .utf8)
        #expect(config.contains("Listen = \"127.0.0.1:8989\""))
        let reloaded = try ConfigFile.load(SophonAuthConfig.self, from: RepoDirectory(path: path))
        #expect(reloaded == SophonAuthConfig())
        #expect(try RepoDirectory(path: path).readAPI().hasPrefix("/ip4/127.0.0.1/tcp/"))
    }

    @Test("an unsupported DB type in config.toml is refused with a clear error")
    func unsupportedDatabase() async throws {
        let path = AuthFixture.temporaryRepoPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let repo = try RepoDirectory(path: path)
        try repo.create()
        try repo.writeText("Listen = \"127.0.0.1:0\"\n[DB]\nType = \"badger\"\n", to: "config.toml")
        await #expect(throws: RepoError.self) { _ = try await SophonAuthServer.open(repo: repo) }
        try repo.writeText("Listen = [\n", to: "config.toml")
        await #expect(throws: RepoError.self) { _ = try await SophonAuthServer.open(repo: repo) }
    }
}
