import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import JSONRPC
import Testing
import VenusAPI
import VenusTesting

/// `MessagerAPI` against venus-shared's `api/messager/method.md`: every method's name and
/// permission, and its example params and response read into the described types and written
/// back to the same JSON; and the described set is exactly the document's.
@Suite("sophon-messager method descriptions", .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct MessagerMethodTests {
    static let document: APIDocument? = try? APIDocument.load(.messager)

    @Test func documentParses() throws {
        let document = try APIDocument.load(.messager)
        #expect(document.entries.count == 50, "method.md: \(document.entries.count) methods found")
    }

    @Test("name, permission and examples", arguments: MessagerMethodCases.all)
    func methodMatchesUpstream(_ method: MethodCase) throws {
        let document = try #require(Self.document, "method.md did not load")
        #expect(method.name.hasPrefix("Message."), "\(method.name): not in the Message namespace")
        #expect(!method.isStream, "\(method.name): sophon-messager has no channel methods")
        let entry = try #require(document.entries[method.shortName], "\(method.name): not in method.md")
        try method.expectMatches(entry)
    }

    /// Upstream's methods are exactly the document's; ours-only methods are listed apart, and
    /// none of them may shadow an upstream name.
    @Test func describedMethodsAreExactlyTheDocuments() throws {
        let document = try #require(Self.document)
        let described = MessagerMethodCases.all.map(\.shortName)
        let oursOnly = MessagerMethodCases.oursOnly.map(\.shortName)
        #expect(Set(described + oursOnly).count == described.count + oursOnly.count, "a method is listed twice")
        #expect(Set(described) == Set(document.entries.keys),
            "not described: \(Set(document.entries.keys).subtracting(described).sorted()); not upstream: \(Set(described).subtracting(document.entries.keys).sorted())")
        #expect(Set(oursOnly).isDisjoint(with: document.entries.keys), "listed as ours only but upstream has it")
        for method in MessagerMethodCases.oursOnly {
            #expect(method.name.hasPrefix("Message.") && !method.isStream, "\(method.name)")
        }
    }

    /// The comparison the method test relies on notices a changed value, a Lotus-shaped message
    /// where the messager's is expected, and a float written differently.
    @Test func comparisonCatchesWrongJSON() throws {
        let document = try #require(Self.document)
        let response = try #require(document.entries["GetMessageByUid"]?.response)

        var message = try JSONDecoder().decode(MessagerMessage.self, from: JSONEncoder().encode(response))
        message.state = .fillMsg
        let changed = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(message))
        #expect(jsonDifference(response, changed) == "$.State: expected 1, written 2")

        let asLotus = try rewrite(response, as: Message.self)
        #expect(jsonDifference(response, asLotus)?.contains("members missing") == true)

        var meta = try #require(message.meta)
        meta.gasOverEstimation = 12.299999
        message.meta = meta
        message.state = .unFillMsg
        let drifted = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(message))
        #expect(jsonDifference(response, drifted)?.hasPrefix("$.Meta.gasOverEstimation") == true)
    }
}

/// The messager DTOs beyond upstream's examples: Go's open enums, nulls for unset pointers,
/// absent members, and the conveniences a service uses.
struct MessagerDTOTests {
    static let cid = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"

    func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    func sample() throws -> Message {
        Message(
            to: try Address("f01234"), from: try Address("f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za"), nonce: 7,
            value: TokenAmount(attoFIL: 5), gasLimit: 1000, gasFeeCap: TokenAmount(attoFIL: 200),
            gasPremium: TokenAmount(attoFIL: 100), method: 2, params: [0x80])
    }

    @Test func enumNumbersAndNamesAreUpstreams() throws {
        #expect([MessageState.unKnown, .unFillMsg, .fillMsg, .onChainMsg, .failedMsg, .nonceConflictMsg].map(\.rawValue) == [0, 1, 2, 3, 4, 5])
        #expect(MessageState.allKnown.map(\.description) == ["UnKnown", "UnFillMsg", "FillMsg", "OnChainMsg", "Failed", "NonceConflictMsg"])
        #expect(MessageState(rawValue: 9).description == "UnKnown")
        #expect([MessagerAddressState.alive, .removing, .removed, .forbidden].map(\.rawValue) == [1, 2, 3, 4])
        #expect(MessagerAddressState.forbidden.description == "Forbbiden")
        #expect([MessagerNodeType.unset, .fullNode, .lightNode].map(\.rawValue) == [0, 1, 2])
    }

    /// Go's types are open ints and strings: numbers upstream does not name, and the empty
    /// codec sophon-messager's CLI sends, read and write back unchanged.
    @Test func openEnumsKeepUnnamedValues() throws {
        #expect(try json(decode([MessageState].self, "[7,-1]")) == .array([.int(7), .int(-1)]))
        let node = try decode(MessagerNode.self, #"{"ID":"e26f1e5c-47f7-4561-a11d-18fab6e748af","Name":"n","URL":"/ip4/127.0.0.1/tcp/3453","Token":"t","Type":0,"CreatedAt":"0001-01-01T00:00:00Z","UpdatedAt":"0001-01-01T00:00:00Z"}"#)
        #expect(node.type == .unset)
        #expect(node.id.description == "e26f1e5c-47f7-4561-a11d-18fab6e748af")
        let send = try decode(QuickSendParams.self, #"{"To":"f01234","From":"f01234","Val":"0","Account":"","GasPremium":null,"GasFeeCap":null,"GasLimit":null,"Method":2,"Params":"","ParamsType":""}"#)
        #expect(send.paramsType.rawValue == "")
        #expect(send.gasPremium == nil && send.gasFeeCap == nil && send.gasLimit == nil)
        let written = try json(send)
        #expect(written["ParamsType"] == .string(""))
        #expect(written["GasLimit"] == .null && written["GasPremium"] == .null)
    }

    /// A message pushed but not filled: every Go pointer null, the empty tipset key `[]`, no
    /// `CID` member (upstream's MarshalJSON leaves it out), and the Lotus message back intact.
    @Test func unfilledMessageJSON() throws {
        let created = Date(timeIntervalSince1970: 1_700_000_000.25)
        let message = MessagerMessage(unsigned: try sample(), id: "abc", meta: SendSpec(expireEpoch: 9, maxFee: 3), createdAt: created)
        #expect(message.state == .unFillMsg && message.updatedAt == created)
        #expect(message.signedMessage == nil)
        let written = try json(message)
        for key in ["UnsignedCid", "SignedCid", "Signature", "Receipt"] {
            #expect(written[key] == .null, "\(key)")
        }
        #expect(written["CID"] == nil)
        #expect(written["TipSetKey"] == .array([]))
        #expect(written["Params"] == .string("gA=="))
        #expect(written["CreatedAt"] == .string("2023-11-14T22:13:20.25Z"))
        #expect(written["Meta"]?["maxFee"] == .string("3"))
        let read = try JSONDecoder().decode(MessagerMessage.self, from: JSONEncoder().encode(message))
        #expect(read == message)
        #expect(read.message == (try sample()))

        var signed = message
        signed.signature = Signature(kind: .secp256k1, data: [1, 2, 3])
        #expect(signed.signedMessage?.message == (try sample()))
    }

    /// `PushMessage`'s meta is a Go pointer: a Go client may send null.
    @Test func pushMessageTakesANullMeta() throws {
        let params = Params2<Message, SendSpec?>(try sample(), nil)
        let written = try json(params)
        guard case .array(let elements) = written else {
            Issue.record("params are not an array")
            return
        }
        #expect(elements.count == 2 && elements[1] == .null)
        let read = try JSONDecoder().decode(Params2<Message, SendSpec?>.self, from: JSONEncoder().encode(written))
        #expect(read.p0 == (try sample()) && read.p1 == nil)
    }

    /// A message read from a Go client that omitted members gets Go's zero values.
    @Test func messageWithAbsentMembers() throws {
        let message = try decode(MessagerMessage.self, #"{"ID":"x","To":"f01234","From":"f01234","Nonce":1,"Value":"0","GasLimit":0,"GasFeeCap":"0","GasPremium":"0","Method":0}"#)
        #expect(message.state == .unKnown)
        #expect(message.tipSetKey == .empty && message.meta == nil && message.createdAt == GoTime.zero.date)
        #expect(message.message.params.isEmpty)
    }

    /// Unset factors travel as null, unset amounts are left out (a Go server reads an absent
    /// big.Int as unset, but Go's own client writes `"0"`).
    @Test func changeGasSpecParamsKeepsUnsetMembersUnset() throws {
        let change = ChangeGasSpecParams(gasFeeCap: 5)
        let written = try json(change)
        #expect(written == .object(["gasOverEstimation": .null, "gasFeeCap": .string("5"), "gasOverPremium": .null]))
        #expect(try decode(ChangeGasSpecParams.self, #"{"gasOverEstimation":null,"gasFeeCap":"5","gasOverPremium":null}"#) == change)
        #expect(try decode(ChangeGasSpecParams.self, "{}").isEmpty)

        let spec = FeeSpec(gasOverEstimation: 1.25, maxFee: 1, gasFeeCap: 2, gasOverPremium: 1.5, baseFee: 3)
        let applied = spec.applying(ChangeGasSpecParams(gasOverPremium: 4, baseFee: 0))
        #expect(applied == FeeSpec(gasOverEstimation: 1.25, maxFee: 1, gasFeeCap: 2, gasOverPremium: 4, baseFee: 0))

        let cfg = ActorCfg(
            actorVersion: 12, methodType: MessagerMethodType(code: try CID(string: Self.cid), method: 5), feeSpec: spec,
            createdAt: Date(timeIntervalSince1970: 0))
        let later = Date(timeIntervalSince1970: 60)
        let updated = cfg.applying(ChangeGasSpecParams(gasOverEstimation: 2), at: later)
        #expect(updated.feeSpec.gasOverEstimation == 2 && updated.updatedAt == later && updated.createdAt == cfg.createdAt)
    }

    /// The embedded FeeSpec and MethodType members sit flat beside the outer ones.
    @Test func embeddedMembersAreFlat() throws {
        let cfg = ActorCfg(
            id: try #require(GatewayUUID(string: "E26F1E5C-47F7-4561-A11D-18FAB6E748AF")), actorVersion: 6,
            methodType: MessagerMethodType(code: try CID(string: Self.cid), method: 1),
            feeSpec: FeeSpec(gasOverEstimation: 12.3, gasOverPremium: 0.1), createdAt: GoTime.zero.date)
        let written = try json(cfg)
        guard case .object(let members) = written else {
            Issue.record("not an object")
            return
        }
        #expect(Set(members.keys) == ["id", "version", "code", "method", "gasOverEstimation", "maxFee", "gasFeeCap", "gasOverPremium", "baseFee", "createAt", "updateAt"])
        #expect(written["id"] == .string("e26f1e5c-47f7-4561-a11d-18fab6e748af"))
        #expect(written["gasOverPremium"] == .double(0.1))
        #expect(try JSONDecoder().decode(ActorCfg.self, from: JSONEncoder().encode(cfg)) == cfg)

        let shared = SharedSpec(selMsgNum: 20, feeSpec: FeeSpec(gasOverEstimation: 1.25, maxFee: 7, gasOverPremium: 1.1))
        #expect(shared.sendSpec == SendSpec(gasOverEstimation: 1.25, maxFee: 7, gasOverPremium: 1.1))
        #expect(try json(shared)["maxFee"] == .string("7"))

        let address = MessagerAddress(addr: try Address("f01234"), createdAt: GoTime.zero.date)
        #expect(address.state == .alive && address.isDeleted == MessagerAddress.notDeleted)
        #expect(try JSONDecoder().decode(MessagerAddress.self, from: JSONEncoder().encode(address)) == address)
    }

    /// An unset filter is written as a Go client writes it; null and absent read as unset.
    @Test func msgQueryParamsNulls() throws {
        let unset = MsgQueryParams()
        #expect(try json(unset) == .object([
            "State": .null, "From": .null, "ByUpdateAt": .null, "Asc": .bool(false), "Limit": .int(0), "Offset": .int(0),
        ]))
        #expect(try decode(MsgQueryParams.self, "{}") == unset)
        let filter = try decode(MsgQueryParams.self, #"{"State":[3,4],"From":["f01234"],"ByUpdateAt":"2024-01-02T03:04:05Z","Asc":true,"Limit":10,"Offset":5}"#)
        #expect(filter.state == [.onChainMsg, .failedMsg] && filter.limit == 10 && filter.asc)
        #expect(try json(filter)["ByUpdateAt"] == .string("2024-01-02T03:04:05Z"))
    }

    /// Go clients send go-address's undefined address for "every address".
    @Test func undefinedAddressParameter() throws {
        #expect(try decode(AddressOrUndef.self, #""<empty>""#) == .undef)
        #expect(try decode(AddressOrUndef.self, #""""#) == .undef)
        #expect(try json(AddressOrUndef.undef) == .string("<empty>"))
        let some = try decode(AddressOrUndef.self, #""f01234""#)
        #expect(some.address == (try Address("f01234")))
        #expect(try json(some) == .string("f01234"))
        #expect(throws: DecodingError.self) { try decode(AddressOrUndef.self, #""f9nope""#) }
        let params = try decode(Params2<AddressOrUndef, Int64>.self, #"["<empty>",60000000000]"#)
        #expect(params.p0 == .undef && params.p1 == 60_000_000_000)
    }

    /// `ListMessageEvents` (ours only): Go-style member names and a Go time.
    @Test func messageEventJSON() throws {
        let event = MessageEvent(
            messageID: "m1", height: 12, kind: "replaced", reason: "stuck 4 epochs",
            createdAt: Date(timeIntervalSince1970: 1_700_000_000.5))
        let written = try json(event)
        #expect(written == .object([
            "MessageID": .string("m1"), "Height": .int(12), "Kind": .string("replaced"), "Reason": .string("stuck 4 epochs"),
            "CreatedAt": .string("2023-11-14T22:13:20.5Z"),
        ]))
        #expect(try JSONDecoder().decode(MessageEvent.self, from: JSONEncoder().encode(event)) == event)
        #expect(try decode([MessageEvent].self, #"[{"MessageID":"x"}]"#).first?.createdAt == GoTime.zero.date)
    }

    @Test func peerAddrInfoAndVersion() throws {
        let info = try decode(PeerAddrInfo.self, #"{"ID":"12D3KooW","Addrs":null}"#)
        #expect(info.addrs.isEmpty)
        #expect(try json(info) == .object(["ID": .string("12D3KooW"), "Addrs": .array([])]))
        #expect(try json(VenusVersion(version: "v1", apiVersion: APIVersion.pack(major: 2, minor: 3, patch: 0)))
            == .object(["Version": .string("v1"), "APIVersion": .int(131840)]))
    }

    @Test func malformedInputIsRefused() throws {
        #expect(throws: DecodingError.self) { try decode(MessageState.self, #""FillMsg""#) }
        #expect(throws: DecodingError.self) { try decode(MessagerNode.self, #"{"ID":"not-a-uuid"}"#) }
        #expect(throws: (any Error).self) { try decode(SendSpec.self, #"{"maxFee":12}"#) }
        #expect(throws: (any Error).self) { try decode(MessagerMessage.self, #"{"ID":"x","To":"f01234"}"#) }
    }
}
