import Foundation
import Testing
import VenusRuntime

@Suite("VenusRuntime")
struct RuntimeTests {
    @Test("repo chosen by flag, then environment, then default; ~ expanded")
    func repoSelection() throws {
        let home = try RepoDirectory.expandTilde("~")
        #expect(try RepoDirectory(explicit: nil, environmentKey: "X", defaultPath: "~/.svc", environment: [:]).path
            == home + "/.svc")
        #expect(try RepoDirectory(explicit: nil, environmentKey: "X", defaultPath: "~/.svc", environment: ["X": "/tmp/e"]).path
            == "/tmp/e")
        #expect(try RepoDirectory(explicit: "/tmp/f/", environmentKey: "X", defaultPath: "~/.svc", environment: ["X": "/tmp/e"]).path
            == "/tmp/f")
        #expect(throws: RepoError.self) { try RepoDirectory(path: "~other/x") }
    }

    @Test("missing and empty token files are clear errors")
    func tokenFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("venus-runtime-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let repo = try RepoDirectory(path: path + "/nested/repo")
        try repo.create()
        #expect(throws: RepoError.missingFile(repo.file("token"))) { try repo.readToken() }
        try repo.writeText("  \n", to: "token")
        #expect(throws: RepoError.unreadableFile(repo.file("token"))) { try repo.readToken() }
        try repo.writeToken("abc")
        #expect(try repo.readToken() == "abc")
        try repo.writeText("x", to: "plain")
        #expect(throws: RepoError.self) { try RepoDirectory(path: repo.file("plain")).create() }
    }
}
