import Chain
import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC
import Testing
import VenusAPI
import VenusTesting

/// The real `venus daemon` process (`.build/release/venus`) on a repo folder: a two-miner devnet
/// genesis made with the CLI as a user makes it, the self-made devnet genesis, SIGKILL and restart,
/// and bad input to the running API.
@Suite struct DaemonProcessTests {
    static let venus = "venus"

    /// A devnet genesis made by `venus seed pre-seal` (twice), `venus genesis new`, `add-miner`
    /// (twice) and `car`, in `folder`.
    struct CLIGenesis: Sendable {
        struct Miner: Sendable {
            let id: Address
            let owner: Address
            /// `pre-seal-<id>.key`: the owner/worker key, as lotus-seed writes it.
            let keyFile: URL
        }

        let folder: URL
        let car: URL
        let cid: CID
        let networkName: String
        let miners: [Miner]

        static func make(in folder: URL, miners: [String] = ["t01000", "t01001"]) async throws -> CLIGenesis {
            let template = folder.appendingPathComponent("genesis.json").path
            let car = folder.appendingPathComponent("genesis.car")
            let networkName = "localnet-daemon-\(UUID().uuidString.prefix(8).lowercased())"
            // An hour in the past: blocks of the first few hundred epochs are all due, so tests
            // produce them at once instead of one per block delay.
            let timestamp = String(UInt64(Date().timeIntervalSince1970) - 3_600)
            try await BuiltExecutable.succeed(
                venus, ["genesis", "new", template, "--network-name", networkName, "--timestamp", timestamp], logFolder: folder)
            var made: [Miner] = []
            for id in miners {
                let seal = folder.appendingPathComponent("seal-\(id)")
                try await BuiltExecutable.succeed(
                    venus, ["seed", "pre-seal", "--miner", id, "--sector-size", "2KiB", "--num-sectors", "2", "--dir", seal.path],
                    logFolder: folder)
                let manifest = seal.appendingPathComponent("pre-seal-\(id).json")
                try await BuiltExecutable.succeed(venus, ["genesis", "add-miner", template, manifest.path], logFolder: folder)
                let entry = try #require(
                    (try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])?[id] as? [String: Any])
                made.append(Miner(
                    id: try Address(id), owner: try Address(try #require(entry["Owner"] as? String)),
                    keyFile: seal.appendingPathComponent("pre-seal-\(id).key")))
            }
            let output = try await BuiltExecutable.succeed(venus, ["genesis", "car", template, "--out", car.path], logFolder: folder)
            // "genesis <cid> (state <cid>), network <name>, written to <file>"
            let line = try #require(output.lines.first { $0.hasPrefix("genesis ") }, "\(output.text)")
            let cid = try CID(string: String(line.split(separator: " ")[1]))
            return CLIGenesis(folder: folder, car: car, cid: cid, networkName: networkName, miners: made)
        }
    }

    /// A running daemon and a typed client of its `/rpc/v1` with the admin token.
    struct Daemon: Sendable {
        let process: ServiceProcess
        let api: RPCHTTPClient

        init(_ process: ServiceProcess) {
            self.process = process
            api = RPCHTTPClient(url: process.url("/rpc/v1").absoluteString, token: process.token)
        }

        /// `venus daemon --repo <repo> --network devnet --listen 127.0.0.1:0` plus `extra`.
        static func start(repo: URL, _ extra: [String] = []) async throws -> Daemon {
            Daemon(try await ServiceProcess.start(
                venus, arguments: ["daemon", "--repo", repo.path, "--network", "devnet", "--listen", "127.0.0.1:0"] + extra,
                repo: repo))
        }

        func restart() async throws -> Daemon { Daemon(try await process.restart()) }

        func head() async throws -> TipSet { try await api.call(FullNodeAPI.chainHead) }
        func genesis() async throws -> TipSet { try await api.call(FullNodeAPI.chainGetGenesis) }
        func actor(_ address: Address) async throws -> FullNodeAPI.Actor {
            try await api.call(FullNodeAPI.stateGetActor, .init(address, .empty))
        }
    }

    /// A well-formed CID the store does not hold: `cid` with the last byte of its digest changed.
    static func absentCID(near cid: CID) throws -> String {
        var bytes = cid.bytes
        bytes[bytes.count - 1] ^= 0xff
        return try CID(bytes: bytes).description
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("venus-daemon-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: BuiltExecutable.available(venus), "the venus executable is not built"))
    func aTwoMinerGenesisMadeWithTheCLIIsServed() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let genesis = try await CLIGenesis.make(in: folder)
        let node = try await Daemon.start(repo: folder.appendingPathComponent("repo"), ["--genesis", genesis.car.path])

        let head = try await node.head()
        #expect(head.cids == [genesis.cid])
        #expect(head.height == 0)
        #expect(try await node.genesis().cids == [genesis.cid])
        #expect(try await node.api.call(FullNodeAPI.stateNetworkName) == genesis.networkName)
        for miner in genesis.miners {
            #expect(try await node.api.call(FullNodeAPI.walletBalance, .init(miner.owner)) > .zero, "\(miner.owner)")
        }
        let miners = try await genesis.miners.asyncMap { try await node.actor($0.id) }
        let owner = try await node.actor(genesis.miners[0].owner)
        // Both are miner actors: one code, not the owner account's.
        #expect(miners[0].code == miners[1].code)
        #expect(miners[0].code != owner.code)
        #expect(miners[0].head != miners[1].head)
        // No third miner: a clear "actor not found", not an empty actor.
        await #expect(throws: (any Error).self) { _ = try await node.actor(try Address("t01002")) }

        await node.process.stop()
        #expect(node.process.process.exitStatus == 0, "\(node.process.process.logTail())")
    }

    @Test(.enabled(if: BuiltExecutable.available(venus), "the venus executable is not built"))
    func withoutAGenesisTheDaemonMakesItsOwnAndKeepsIt() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repo = folder.appendingPathComponent("repo")
        let first = try await Daemon.start(repo: repo)
        let genesis = try await first.genesis()
        #expect(try await first.head() == genesis)
        #expect(genesis.height == 0)
        _ = try await first.actor(try Address("t01000"))
        let keyFile = repo.appendingPathComponent("pre-seal-t01000.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let key = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        await first.process.stop()
        #expect(first.process.process.exitStatus == 0, "\(first.process.process.logTail())")

        let second = try await first.restart()
        #expect(try await second.genesis() == genesis)
        #expect(try await second.head() == genesis)
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == key)

        // The genesis CAR it wrote starts another node on the same chain.
        let other = try await Daemon.start(
            repo: folder.appendingPathComponent("other"), ["--genesis", repo.appendingPathComponent("devnet-genesis.car").path])
        #expect(try await other.genesis() == genesis)
        await other.process.stop()
        await second.process.stop()
    }

    /// Starts a daemon on a two-miner CLI genesis, lets `advance` move its chain over the API,
    /// kills it with SIGKILL, restarts it on the same repo and checks that it serves the same head
    /// and genesis. `advance` gets the running daemon and the genesis (its miners' key files).
    static func killedDaemonRestartsOnItsHead<Made>(
        advance: (Daemon, CLIGenesis) async throws -> Made,
        afterRestart: (Daemon, CLIGenesis, Made) async throws -> Void
    ) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let genesis = try await CLIGenesis.make(in: folder)
        let node = try await Daemon.start(repo: folder.appendingPathComponent("repo"), ["--genesis", genesis.car.path])
        let made = try await advance(node, genesis)
        let head = try await node.head()
        await node.process.kill()
        #expect(!node.process.process.isRunning)
        #expect(node.process.process.exitStatus == SIGKILL)

        let restarted = try await node.restart()
        #expect(try await restarted.head() == head)
        #expect(try await restarted.genesis().cids == [genesis.cid])
        try await afterRestart(restarted, genesis, made)
        await restarted.process.stop()
    }

    @Test(.enabled(if: BuiltExecutable.available(venus), "the venus executable is not built"))
    func aDaemonKilledWithSIGKILLRestartsOnTheSameHead() async throws {
        // Blocks by both miners over the API (the daemon holds neither key), one carrying a
        // transfer; after SIGKILL and a restart the head, the transfer's receipt and the balance
        // it moved are all there.
        try await Self.killedDaemonRestartsOnItsHead { node, genesis in
            let keys = try genesis.miners.map {
                try GenesisKey(lotusKeyFileText: try String(contentsOf: $0.keyFile, encoding: .utf8))
            }
            let producer = DevnetBlockProducer(client: node.api, miners: genesis.miners.map(\.id), keys: keys)
            try await producer.mineNext()
            var message = Message(
                to: genesis.miners[1].owner, from: keys[0].address, nonce: 0, value: TokenAmount(wholeFIL: 3), gasLimit: 0,
                gasFeeCap: .zero, gasPremium: .zero)
            message = try await node.api.call(FullNodeAPI.gasEstimateMessageGas, .init(message, nil, .empty))
            let signed = SignedMessage(message: message, signature: try keys[0].sign(message.cid.bytes))
            let cid = try await node.api.call(FullNodeAPI.mpoolPush, .init(signed))
            try await producer.mineNext(messages: .explicit([signed]))
            try await producer.mineNext()
            let lookup = try #require(try await node.api.call(FullNodeAPI.stateWaitMsg, .init(cid, 1, -1, true)))
            #expect(lookup.receipt.exitCode == 0)
            #expect(try await node.head().height >= 3)
            let balance = try await node.api.call(FullNodeAPI.walletBalance, .init(genesis.miners[1].owner))
            return (lookup, balance)
        } afterRestart: { restarted, genesis, made in
            // The message is found in the restarted node's chain with the same receipt, and the
            // balance it moved is as it was.
            let (lookup, balance) = made
            let found = try await restarted.api.call(FullNodeAPI.stateSearchMsg, .init(.empty, lookup.message, -1, true))
            #expect(found == lookup)
            #expect(try await restarted.api.call(FullNodeAPI.walletBalance, .init(genesis.miners[1].owner)) == balance)
        }
    }

    @Test(.enabled(if: BuiltExecutable.available(venus), "the venus executable is not built"))
    func badInputGetsAClearErrorAndTheDaemonGoesOn() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let limit = 64 << 10
        let node = try await Daemon.start(repo: folder.appendingPathComponent("repo"), ["--api-max-req-size", "\(limit)"])
        let process = node.process
        let head = try await node.head()

        /// After each bad request: the daemon runs and answers ChainHead with the same head.
        func stillServing(_ what: String) async throws {
            #expect(process.process.isRunning, "\(what): \(process.process.logTail())")
            #expect(try await node.head() == head, "\(what)")
        }
        /// A response carrying `code` and no result.
        func expectError(
            _ answer: (status: Int, body: [String: Any]), status: Int, code: Int, containing text: String,
            _ what: String
        ) {
            #expect(answer.status == status, "\(what): \(answer)")
            #expect(answer.body["result"] == nil, "\(what): \(answer.body)")
            let error = ServiceProcess.error(of: answer.body)
            #expect(error?.code == code, "\(what): \(answer.body)")
            #expect(error?.message.contains(text) == true, "\(what): \(answer.body)")
        }
        func raw(_ text: String) async throws -> (status: Int, body: [String: Any]) {
            let (status, data) = try await process.post("/rpc/v1", body: Data(text.utf8), token: process.token)
            return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }

        // Envelopes: not JSON, not a request, no such method, params not an array, wrong count.
        expectError(
            try await raw(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.ChainHead""#), status: 500, code: RPCError.parseError,
            containing: "Parse error", "truncated JSON")
        try await stillServing("truncated JSON")
        expectError(try await raw("[]"), status: 400, code: RPCError.invalidRequest, containing: "Invalid request", "empty batch")
        // As go-jsonrpc: a body that does not unmarshal into a request is a parse error.
        expectError(try await raw("42"), status: 500, code: RPCError.parseError, containing: "Parse error", "a number")
        try await stillServing("not a request")
        expectError(
            try await process.call("NoSuchMethod"), status: 500, code: RPCError.methodNotFound,
            containing: "Filecoin.NoSuchMethod", "unknown method")
        try await stillServing("unknown method")
        expectError(
            try await raw(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.StateGetActor","params":{"a":1}}"#), status: 500,
            code: RPCError.parseError, containing: "param array", "params as an object")
        expectError(
            try await process.call("StateGetActor", ["t01000"]), status: 500, code: RPCError.invalidParams,
            containing: "param count", "one parameter of two")
        try await stillServing("bad params shape")

        // Tokens: none, forged, read-only calling an admin method.
        expectError(
            try await process.call("ChainHead", bearer: .none), status: 200, code: RPCError.methodError,
            containing: "missing permission to invoke 'ChainHead'", "no token")
        let forged = try await process.call("ChainHead", bearer: .token(process.token + "x"))
        #expect(forged.status == 401, "\(forged)")
        #expect(forged.body.isEmpty, "\(forged)")
        let readToken = String(decoding: try await node.api.call(CommonAPI.authNew, .init([.read])), as: UTF8.self)
        let reader = try await process.call("ChainHead", bearer: .token(readToken))
        #expect(reader.status == 200 && reader.body["result"] != nil, "\(reader)")
        expectError(
            try await process.call("AuthNew", [["admin"]], bearer: .token(readToken)), status: 200,
            code: RPCError.methodError, containing: "(need 'admin')", "read token, admin method")
        try await stillServing("tokens")

        // A body over --api-max-req-size is refused before it is parsed.
        let padding = String(repeating: "a", count: limit)
        expectError(
            try await process.call("ChainHead", [padding]), status: 500, code: RPCError.parseError,
            containing: "request bigger than maximum \(limit) allowed", "oversized request")
        try await stillServing("oversized request")

        // Parameters that do not decode: a CID that is not one, a malformed address, a bad key.
        expectError(
            try await process.call("ChainReadObj", [["/": "not-a-cid"]]), status: 500, code: RPCError.parseError,
            containing: #"invalid CID "not-a-cid""#, "garbage CID")
        expectError(
            try await process.call("ChainReadObj", ["bafy2bzace"]), status: 500, code: RPCError.parseError,
            containing: "(param: 0)", "CID as a bare string")
        expectError(
            try await process.call("StateGetActor", ["t0x1000", []]), status: 500, code: RPCError.parseError,
            containing: #"invalid address "t0x1000""#, "malformed address")
        expectError(
            try await process.call("StateGetActor", ["t01000", [["/": "zzz"]]]), status: 500, code: RPCError.parseError,
            containing: #"invalid CID "zzz""#, "malformed tipset key")
        expectError(
            try await process.call("WalletBalance", [12]), status: 500, code: RPCError.parseError,
            containing: "(param: 0)", "an address that is a number")
        try await stillServing("undecodable params")

        // Well-formed but absent: a method error naming what is missing.
        let absent = try await process.call("ChainReadObj", [["/": try Self.absentCID(near: head.cids[0])]])
        #expect(absent.body["result"] == nil && ServiceProcess.error(of: absent.body)?.code == RPCError.methodError, "\(absent)")
        expectError(
            try await process.call("StateGetActor", ["t09999", []]), status: 200, code: RPCError.methodError,
            containing: "actor not found", "no such actor")
        try await stillServing("absent objects")

        await process.stop()
        #expect(process.process.exitStatus == 0, "\(process.process.logTail())")
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
