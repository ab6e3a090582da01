import FilecoinTypes
import Foundation
import SophonMessager
import Testing
import VenusAPI
import VenusTesting

/// The built `sophon-messager` CLI: bad input refused before anything is dialled, and the verbs
/// that need no chain run against a `sophon-messager run` that has none (its follower retries).
@Suite(.enabled(if: BuiltExecutable.available("sophon-messager"), "the sophon-messager executable is not built"))
struct MessagerCLITests {
    static let name = "sophon-messager"

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("messager-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func cli(_ arguments: [String], repo: URL) async throws -> BuiltExecutable.Output {
        try await BuiltExecutable.run(Self.name, arguments + ["--repo", repo.path], logFolder: repo.deletingLastPathComponent())
    }

    /// Each bad value is named in the error, with what would be accepted, and nothing runs.
    @Test(arguments: [
        (["msg", "list", "--state", "bogus"], "unknown message state \"bogus\": use one of unfill, fill, onchain, failed, nonceconflict"),
        (["msg", "list", "--state", "0"], "unknown message state \"0\""),
        (["msg", "list", "--from", "f9nope"], "\"f9nope\" is not a Filecoin address"),
        (["address", "get", "t1-not-an-address"], "\"t1-not-an-address\" is not a Filecoin address"),
        (["share-params", "set", "--max-fee", "1.5"], "amount \"1.5\": give an integer of attoFIL, or a unit"),
        (["share-params", "set", "--max-fee", "12 bananas"], "amount \"12 bananas\""),
        (["address", "set-fee-params", "f01234", "--gas-feecap=-5"], "amount \"-5\""),
        (["msg", "list", "--limit", "5", "--page-size", "10"], "--limit replaces --page-index and --page-size"),
        (["msg", "list-blocked", "--time", "3 hours"], "duration \"3 hours\""),
        (["msg", "mark-bad", "some-id"], "confirm with --really-do-it"),
        (["actor-cfg", "get", "not-a-uuid"], "\"not-a-uuid\" is not a UUID"),
        (["share-params", "set"], "nothing to set"),
    ])
    func badInputIsRefusedClearly(_ arguments: [String], _ expected: String) async throws {
        let repo = try folder()
        let output = try await cli(arguments, repo: repo)
        #expect(output.status != 0, "\(arguments): exited 0")
        #expect(output.text.contains(expected), "\(arguments): \(output.text)")
    }

    /// No messager on the repo: the error says which file is missing and what to run.
    @Test func noRunningMessagerIsExplained() async throws {
        let repo = try folder()
        let output = try await cli(["address", "list"], repo: repo)
        #expect(output.status == 1)
        #expect(output.text.contains("no api file in \(repo.path)"), "\(output.text)")
        #expect(output.text.contains("sophon-messager run --repo"), "\(output.text)")
    }

    @Test func verbsAgainstARunningMessager() async throws {
        let repo = try folder()
        let messager = try await ServiceProcess.start(
            Self.name, arguments: ["run", "--repo", repo.path, "--listen", "127.0.0.1:0", "--node-url", "127.0.0.1:1"], repo: repo)
        do {
            try await exercise(repo: repo)
        } catch {
            await messager.stop(grace: .seconds(5))
            throw error
        }
        await messager.stop(grace: .seconds(5))
    }

    func exercise(repo: URL) async throws {
        // Shared settings: only the flags given change.
        try await expectSuccess(["share-params", "set", "--sel-msg-num", "7", "--max-fee", "1000"], repo: repo)
        try await expectSuccess(["share-params", "set", "--gas-over-premium", "1.5"], repo: repo)
        let shared = try JSONDecoder().decode(
            SharedSpec.self, from: Data(try await expectSuccess(["share-params", "get"], repo: repo).text.utf8))
        #expect(shared.selMsgNum == 7 && shared.feeSpec.maxFee == TokenAmount(attoFIL: 1000) && shared.feeSpec.gasOverPremium == 1.5)

        // Nodes: added, listed, refused twice, deleted, then reported missing.
        try await expectSuccess(["node", "add", "--name", "n1", "--url", "/ip4/127.0.0.1/tcp/1", "--node-token", "t"], repo: repo)
        let nodes = try await expectSuccess(["node", "list"], repo: repo).lines
        #expect(nodes.first?.hasPrefix("Name") == true && nodes.contains { $0.hasPrefix("n1 ") }, "\(nodes)")
        let again = try await cli(["node", "add", "--name", "n1", "--url", "/ip4/127.0.0.1/tcp/1", "--node-token", "t"], repo: repo)
        #expect(again.status == 1 && again.text.contains("node n1 exists"), "\(again.text)")
        try await expectSuccess(["node", "del", "n1"], repo: repo)
        let missing = try await cli(["node", "get", "n1"], repo: repo)
        #expect(missing.status == 1 && missing.text.contains("Message.GetNode:"), "\(missing.text)")

        // A message written beside the running messager, marked bad through the CLI: listed
        // under its new state, and the decision shown by `msg events` and `msg list --events`.
        let store = try SQLiteMessagerStore(path: repo.appendingPathComponent("message.db").path)
        let from = try Address("t1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba")
        let message = Message(
            to: try Address("t01000"), from: from, nonce: 0, value: TokenAmount(attoFIL: 5), gasLimit: 0,
            gasFeeCap: .zero, gasPremium: .zero)
        try await store.insert(MessagerMessage(unsigned: message, id: "cli-msg-1"), priority: 0)
        let unfilled = try await expectSuccess(["msg", "list", "--state", "unfill", "--verbose"], repo: repo).lines
        #expect(unfilled.first?.hasPrefix("ID") == true && unfilled.count == 2 && unfilled[1].contains(from.description), "\(unfilled)")

        try await expectSuccess(["msg", "mark-bad", "--really-do-it", "cli-msg-1"], repo: repo)
        let failed = try await expectSuccess(["msg", "list", "--state", "failed", "--events", "--verbose"], repo: repo).lines
        #expect(failed.count == 2 && failed[1].hasPrefix("cli-msg-1 ") && failed[1].contains("state: marked bad"), "\(failed)")
        #expect(try await expectSuccess(["msg", "list", "--state", "unfill"], repo: repo).lines.count == 1)
        let events = try await expectSuccess(["msg", "events", "cli-msg-1"], repo: repo).lines
        #expect(events.count == 2 && events[1].contains("state") && events[1].contains("marked bad"), "\(events)")
        let json = try await expectSuccess(["msg", "events", "cli-msg-1", "--json"], repo: repo)
        let decoded = try JSONDecoder().decode([MessageEvent].self, from: Data(json.text.utf8))
        #expect(decoded.map(\.kind) == ["state"] && decoded.first?.messageID == "cli-msg-1")

        // The service's refusals: printed with the method, exit 1.
        let unknown = try await cli(["msg", "events", "no-such-message"], repo: repo)
        #expect(unknown.status == 1 && unknown.text.contains("Message.ListMessageEvents:"), "\(unknown.text)")
        let partial = try await cli(["msg", "mark-bad", "--really-do-it", "no-such-message"], repo: repo)
        #expect(partial.status == 1 && partial.text.contains("1 of 1 failed"), "\(partial.text)")

        let addresses = try await expectSuccess(["address", "list"], repo: repo).lines
        #expect(addresses.first?.hasPrefix("Address") == true, "\(addresses)")
        let wrongToken = try await cli(["address", "list", "--token", "nope"], repo: repo)
        #expect(wrongToken.status == 1 && wrongToken.text.contains("check the API token"), "\(wrongToken.text)")
    }

    @discardableResult
    func expectSuccess(_ arguments: [String], repo: URL) async throws -> BuiltExecutable.Output {
        let output = try await cli(arguments, repo: repo)
        #expect(output.status == 0, "\(arguments): \(output.text)")
        return output
    }
}
