import BigInt
import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import JSONRPC
import Testing
import VenusAPI

/// The full-node DTOs' JSON beyond upstream's examples: Go's nil-vs-empty rules, the two
/// `MessageSendSpec` shapes, the undefined address, and clear errors for malformed input.
struct FullNodeDTOTests {
    static let cid = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"

    func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// `Actor.lotusJSON`, the node's fast path for `StateGetActor`, is the document `JSONEncoder`
    /// writes, members in Lotus's order.
    @Test func actorLotusJSONIsTheEncodersDocument() throws {
        let code = try CID(string: "bafkqaetgnfwc6mrpon2g64tbm5sw22lomvza")
        let head = try CID(string: Self.cid)
        let v0 = try CID(string: "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n")
        let actors = [
            FullNodeAPI.Actor(code: code, head: head, nonce: 0, balance: TokenAmount(attoFIL: 3_242_006_539_236)),
            FullNodeAPI.Actor(
                code: v0, head: head, nonce: .max, balance: TokenAmount(attoFIL: BigInt("-5000000000000000000000000000000")),
                delegatedAddress: try Address.id(123_456)),
            FullNodeAPI.Actor(code: code, head: v0, nonce: 7, balance: .zero, delegatedAddress: try Address.id(1000)),
        ]
        for actor in actors {
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(actor.lotusJSON.utf8)) == (try json(actor)))
            #expect(try decode(FullNodeAPI.Actor.self, actor.lotusJSON) == actor)
        }
        #expect(actors[0].lotusJSON.hasPrefix(#"{"Code":{"/":"bafkqaetgnfwc6mrpon2g64tbm5sw22lomvza"},"Head":"#))
    }

    /// The decoding error's text (its context's description and coding path) for `text` read as `T`.
    func decodingFailure<T: Decodable>(_ type: T.Type, _ text: String) -> String? {
        do {
            _ = try decode(T.self, text)
            return nil
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
                .valueNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                if case .keyNotFound(let key, _) = error { return "\(path) missing \(key.stringValue)" }
                return "\(path): \(context.debugDescription)"
            @unknown default:
                return "\(error)"
            }
        } catch {
            return "not a DecodingError: \(error)"
        }
    }

    @Test func minerInfoWritesGosUndefinedAddressAndNilSlices() throws {
        let owner = try Address("f01000")
        let info = FullNodeAPI.MinerInfo(
            owner: owner, worker: try Address("f01001"), windowPoStProofType: 5, sectorSize: 2048,
            windowPoStPartitionSectors: 2, consensusFaultElapsed: -1, beneficiary: owner)
        let written = try json(info)
        #expect(written["NewWorker"] == .string("<empty>"))
        #expect(written["WorkerChangeEpoch"] == .int(-1))
        #expect(written["ControlAddresses"] == .null)
        #expect(written["Multiaddrs"] == .null)
        #expect(written["PeerId"] == .null)
        #expect(written["PendingOwnerAddress"] == .null)
        #expect(written["BeneficiaryTerm"] == .null)
        let read = try JSONDecoder().decode(FullNodeAPI.MinerInfo.self, from: JSONEncoder().encode(info))
        #expect(read == info)

        var withChange = info
        withChange.newWorker = try Address("f01002")
        withChange.controlAddresses = [try Address("f01003")]
        withChange.multiaddrs = [[0x04, 127, 0, 0, 1]]
        let changed = try json(withChange)
        #expect(changed["NewWorker"] == .string("f01002"))
        #expect(changed["ControlAddresses"] == .array([.string("f01003")]))
        #expect(changed["Multiaddrs"] == .array([.string("BH8AAAE=")]))
        #expect(try JSONDecoder().decode(FullNodeAPI.MinerInfo.self, from: JSONEncoder().encode(withChange)) == withChange)
    }

    @Test func messageSendSpecKeepsEachUpstreamShape() throws {
        let lotus = #"{"MaxFee":"100","MsgUuid":"07070707-0707-0707-0707-070707070707","MaximizeFeeCap":false}"#
        let fromLotus = try decode(FullNodeAPI.MessageSendSpec.self, lotus)
        #expect(fromLotus.maxFee == TokenAmount(attoFIL: 100))
        #expect(fromLotus.maximizeFeeCap == false)
        #expect(fromLotus.gasOverEstimation == nil)
        #expect(try json(fromLotus) == (try JSONDecoder().decode(JSONValue.self, from: Data(lotus.utf8))))

        let venus = #"{"MaxFee":"0","GasOverEstimation":1.25,"GasOverPremium":0}"#
        let fromVenus = try decode(FullNodeAPI.MessageSendSpec.self, venus)
        #expect(fromVenus.gasOverEstimation == 1.25)
        #expect(fromVenus.msgUuid == nil)
        guard case .object(let members) = try json(fromVenus) else {
            Issue.record("spec is not an object")
            return
        }
        #expect(Set(members.keys) == ["MaxFee", "GasOverEstimation", "GasOverPremium"])
    }

    @Test func executionTraceOmitsWhatGoOmits() throws {
        let address = try Address("f01000")
        let trace = FullNodeAPI.ExecutionTrace(
            msg: .init(from: address, to: address, value: .zero, method: 0, gasLimit: 10_000_000),
            msgRct: .init(exitCode: 0))
        let written = try json(trace)
        guard case .object(let members) = written else {
            Issue.record("trace is not an object")
            return
        }
        // InvokedActor, Logs, IpldOps are omitempty; GasCharges and Subcalls are nil slices.
        #expect(Set(members.keys) == ["Msg", "MsgRct", "GasCharges", "Subcalls"])
        #expect(written["GasCharges"] == .null)
        #expect(written["Subcalls"] == .null)
        #expect(written["Msg"]?["Params"] == .null)
        #expect(written["MsgRct"]?["Return"] == .null)
    }

    @Test func blockMessagesListsBLSThenSecpCIDs() throws {
        let from = try Address("f01000")
        let bls = Message(
            version: 0, to: from, from: from, nonce: 1, value: .zero, gasLimit: 1, gasFeeCap: .zero, gasPremium: .zero,
            method: 0, params: [])
        var secpMessage = bls
        secpMessage.nonce = 2
        let secp = SignedMessage(message: secpMessage, signature: Signature(kind: .secp256k1, data: Array(repeating: 1, count: 65)))
        let messages = FullNodeAPI.BlockMessages(blsMessages: [bls], secpkMessages: [secp])
        #expect(messages.cids == [bls.cid, secp.cid])
        #expect(secp.cid != secpMessage.cid)
    }

    @Test func apiVersionReadsVenusAndLotusShapes() throws {
        let lotus = #"{"Version":"1.32.0","APIVersion":131840,"BlockDelay":30,"Agent":"lotus"}"#
        #expect(try decode(APIVersion.self, lotus).agent == "lotus")
        #expect(try json(try decode(APIVersion.self, lotus)) == (try JSONDecoder().decode(JSONValue.self, from: Data(lotus.utf8))))
        let withoutAgent = try json(APIVersion(version: "1", apiVersion: 1, blockDelay: 30))
        #expect(withoutAgent["Agent"] == nil)
    }

    @Test func headChangeKeepsUnknownKindsAndRefusesAMissingTipset() throws {
        #expect(FullNodeAPI.HeadChange.Kind(rawValue: "apply") == .apply)
        let failure = decodingFailure(FullNodeAPI.HeadChange.self, #"{"Type":"apply"}"#)
        #expect(failure?.contains("Val") == true, "\(failure ?? "decoded")")
    }

    /// Malformed members give a DecodingError naming the member and, where the text was there, the text.
    @Test func malformedDTOsGiveClearErrors() throws {
        let cid = Self.cid
        let cases: [(String, String?, [String])] = [
            ("LotusBigInt", decodingFailure(LotusBigInt.self, #""12a""#), ["12a"]),
            ("LotusBigInt number", decodingFailure(LotusBigInt.self, "12"), []),
            (
                "MinerPower",
                decodingFailure(
                    FullNodeAPI.MinerPower.self,
                    #"{"MinerPower":{"RawBytePower":"1","QualityAdjPower":"x"},"TotalPower":{"RawBytePower":"1","QualityAdjPower":"1"},"HasMinPower":true}"#),
                ["MinerPower", "QualityAdjPower", "\"x\""]
            ),
            (
                "Actor",
                decodingFailure(
                    FullNodeAPI.Actor.self,
                    #"{"Code":{"/":"nope"},"Head":{"/":"\#(cid)"},"Nonce":1,"Balance":"0","DelegatedAddress":null}"#),
                ["Code", "nope"]
            ),
            (
                "MsgLookup",
                decodingFailure(
                    FullNodeAPI.MsgLookup.self,
                    #"{"Message":{"/":"\#(cid)"},"Receipt":{"ExitCode":0,"Return":null,"GasUsed":1},"ReturnDec":null,"TipSet":[]}"#),
                ["Height"]
            ),
            (
                "TraceIpld",
                decodingFailure(FullNodeAPI.ExecutionTrace.TraceIpld.self, #"{"Op":"Delete","Cid":{"/":"\#(cid)"},"Size":1}"#),
                ["Op", "Delete"]
            ),
            (
                "MessageSendSpec",
                decodingFailure(FullNodeAPI.MessageSendSpec.self, #"{"MaxFee":"0","MsgUuid":"not-a-uuid"}"#),
                ["MsgUuid", "not-a-uuid"]
            ),
            (
                "MinerInfo",
                decodingFailure(
                    FullNodeAPI.MinerInfo.self,
                    #"{"Owner":"x01","Worker":"f01","NewWorker":"<empty>","ControlAddresses":null,"WorkerChangeEpoch":-1,"PeerId":null,"Multiaddrs":null,"WindowPoStProofType":5,"SectorSize":2048,"WindowPoStPartitionSectors":2,"ConsensusFaultElapsed":-1,"PendingOwnerAddress":null,"Beneficiary":"f01","BeneficiaryTerm":null,"PendingBeneficiaryTerm":null}"#),
                ["Owner", "x01"]
            ),
            (
                "SectorOnChainInfo",
                decodingFailure(
                    FullNodeAPI.SectorOnChainInfo.self,
                    #"{"SectorNumber":1,"SealProof":5,"SealedCID":{"/":"\#(cid)"},"Activation":1,"Expiration":2,"DealWeight":0,"VerifiedDealWeight":"0","InitialPledge":"0","ExpectedDayReward":null,"ExpectedStoragePledge":null,"PowerBaseEpoch":1,"ReplacedDayReward":null,"SectorKeyCID":null,"Flags":0,"DailyFee":"0"}"#),
                ["DealWeight"]
            ),
            (
                "Partition",
                decodingFailure(
                    FullNodeAPI.Partition.self,
                    #"{"AllSectors":[0,1,0,1],"FaultySectors":[0],"RecoveringSectors":[0],"LiveSectors":[0],"ActiveSectors":[0]}"#),
                ["AllSectors"]
            ),
        ]
        for (name, failure, mentions) in cases {
            guard let failure else {
                Issue.record("\(name): malformed JSON decoded")
                continue
            }
            #expect(!failure.hasPrefix("not a DecodingError"), "\(name): \(failure)")
            for text in mentions {
                #expect(failure.contains(text), "\(name): error \"\(failure)\" does not mention \(text)")
            }
        }
    }
}
