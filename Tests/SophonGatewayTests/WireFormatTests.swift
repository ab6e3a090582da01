import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusAPI
import VenusWallet

/// The JSON of the gateway's wire types, against documents in the shape Go's encoding/json
/// writes for venus-shared `types/gateway` (field names from the Go struct tags).
struct WireFormatTests {
    func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func requestEventReadsAndWritesGosShape() throws {
        let text = #"{"Id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","Method":"WalletSign","Payload":"eyJhIjoxfQ=="}"#
        let event = try JSONDecoder().decode(RequestEvent.self, from: Data(text.utf8))
        #expect(event.id.description == "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
        #expect(event.method == "WalletSign")
        #expect(String(decoding: event.payload, as: UTF8.self) == #"{"a":1}"#)
        let written = try object(event)
        #expect(Set(written.keys) == ["Id", "Method", "Payload"])
        #expect(written["Id"] as? String == "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
        #expect(written["Payload"] as? String == "eyJhIjoxfQ==")

        // Go's nil payload is null; the InitConnect of upstream has a payload, WalletList none.
        let list = try JSONDecoder().decode(
            RequestEvent.self, from: Data(#"{"Id":"6BA7B810-9DAD-11D1-80B4-00C04FD430C8","Method":"WalletList","Payload":null}"#.utf8))
        #expect(list.payload.isEmpty)
        #expect(try object(list)["Payload"] is NSNull)
        #expect(list.id.description == "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
    }

    @Test func malformedEventsAreRefused() {
        for text in [
            #"{"Id":"not-a-uuid","Method":"WalletSign","Payload":null}"#,
            #"{"Id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","Method":"WalletSign","Payload":"%%%"}"#,
            #"{"Method":"WalletSign"}"#,
            #"{"Id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","Payload":null}"#,
            #"[]"#,
        ] {
            #expect(throws: DecodingError.self, "\(text)") {
                _ = try JSONDecoder().decode(RequestEvent.self, from: Data(text.utf8))
            }
        }
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(ResponseEvent.self, from: Data(#"{"Id":"x","Payload":null,"Error":""}"#.utf8))
        }
    }

    @Test func responseEventAndPoliciesUseUpstreamNames() throws {
        let id = try #require(GatewayUUID(string: "00000000-0000-4000-8000-000000000001"))
        let response = try object(ResponseEvent(id: id, payload: Data([1, 2]), error: "boom"))
        #expect(Set(response.keys) == ["Id", "Payload", "Error"])
        #expect(response["Payload"] as? String == "AQI=")
        #expect(response["Error"] as? String == "boom")

        let policy = try object(WalletRegisterPolicy(supportAccounts: ["a", "b"], signBytes: Data([0xff])))
        #expect(Set(policy.keys) == ["SupportAccounts", "SignBytes"])
        #expect(policy["SignBytes"] as? String == "/w==")
        let decoded = try JSONDecoder().decode(
            WalletRegisterPolicy.self, from: Data(#"{"SupportAccounts":null,"SignBytes":"AQID"}"#.utf8))
        #expect(decoded.supportAccounts.isEmpty)
        #expect(decoded.signBytes == Data([1, 2, 3]))

        #expect(Set(try object(ProofRegisterPolicy(minerAddress: try Address("f01000"))).keys) == ["MinerAddress"])
        #expect(Set(try object(MarketRegisterPolicy(miner: try Address("f01000"))).keys) == ["Miner"])
        #expect(try object(ConnectedCompleted(channelID: id))["ChannelId"] as? String == id.description)
    }

    @Test func walletSignRequestCarriesTheMsgMetaTheWalletReads() throws {
        let text = #"{"Signer":"f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za","ToSign":"AAEC","Meta":{"Type":"verifyaddress","Extra":"BQY="}}"#
        let request = try JSONDecoder().decode(WalletSignRequest.self, from: Data(text.utf8))
        #expect(request.signer.description.hasSuffix("1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za"))
        #expect(request.toSign == Data([0, 1, 2]))
        #expect(request.meta == GatewayMsgMeta(type: "verifyaddress", extra: Data([5, 6])))
        // The wallet's own MsgMeta reads the same Meta object.
        let meta = try JSONDecoder().decode(WalletMsgMeta.self, from: try JSONEncoder().encode(request.meta))
        #expect(meta == WalletMsgMeta(type: .verifyAddress, extra: [5, 6]))
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(
                WalletSignRequest.self, from: Data(#"{"Signer":"x","ToSign":null,"Meta":{"Type":"unknown"}}"#.utf8))
        }
    }

    @Test func connectStateAndWalletDetailAsListed() throws {
        let text = #"""
            {"Account":"sp1","SupportAccounts":["pool"],"ConnectStates":[{"Addrs":["f01000"],
            "ChannelId":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","Ip":"10.0.0.2","RequestCount":3,
            "CreateTime":"2024-05-01T10:20:30.123456789+08:00"}]}
            """#
        let detail = try JSONDecoder().decode(WalletDetail.self, from: Data(text.utf8))
        let state = try #require(detail.connectStates.first)
        #expect(state.requestCount == 3)
        #expect(state.ip == "10.0.0.2")
        #expect(abs(state.createTime.timeIntervalSince1970 - 1_714_530_030.123) < 0.001)
        let written = try object(state)
        #expect(Set(written.keys) == ["Addrs", "ChannelId", "Ip", "RequestCount", "CreateTime"])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(
                ConnectState.self,
                from: Data(#"{"Addrs":[],"ChannelId":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","CreateTime":"yesterday"}"#.utf8))
        }
    }

    @Test func computeProofRequestAndUnsealRequestFieldNames() throws {
        let cid = try CID(string: "bagboea4b5abcatlxechwbp7kjpjguna6r6q7ejrhe6mdp3lf34pmswn27pkkiekz")
        let proof = try object(
            ComputeProofRequest(
                sectorInfos: [ExtendedSectorInfo(sealProof: 8, sectorNumber: 1, sectorKey: nil, sealedCID: cid)],
                rand: Data([1]), height: 10, networkVersion: 21))
        #expect(Set(proof.keys) == ["SectorInfos", "Rand", "Height", "NWVersion"])
        let sector = try #require((proof["SectorInfos"] as? [[String: Any]])?.first)
        #expect(Set(sector.keys) == ["SealProof", "SectorNumber", "SectorKey", "SealedCID"])
        #expect(sector["SectorKey"] is NSNull)
        #expect((sector["SealedCID"] as? [String: Any])?["/"] as? String == cid.description)

        let unseal = try object(
            UnsealRequest(pieceCID: cid, sector: SectorRef(id: .init(miner: 1000, number: 2), proofType: 8),
                          offset: 0, size: 2048, dest: "/tmp/x"))
        #expect(Set(unseal.keys) == ["PieceCid", "Sector", "Offset", "Size", "Dest"])
        #expect(Set(try #require(unseal["Sector"] as? [String: Any]).keys) == ["ID", "ProofType"])
    }

    @Test func registerHubConfigReadsUpstreamTOMLAndTheGatewayAddressForms() throws {
        let config = try ConfigFileDecoding.wallet("""
            [APIRegisterHub]
            RegisterAPI = ["/ip4/127.0.0.1/tcp/45132", "gw.example:45132"]
            Token = "abc"
            SupportAccounts = ["pool-a"]
            """)
        #expect(config.apiRegisterHub.registerAPI.count == 2)
        #expect(config.apiRegisterHub.token == "abc")
        #expect(config.apiRegisterHub.supportAccounts == ["pool-a"])
        #expect(try ConfigFileDecoding.wallet("").apiRegisterHub == APIRegisterHubConfig())

        #expect(try GatewayClient.webSocketURL(for: "/ip4/127.0.0.1/tcp/45132") == "ws://127.0.0.1:45132/rpc/v2")
        #expect(try GatewayClient.webSocketURL(for: "/ip4/10.0.0.1/tcp/45132/https") == "wss://10.0.0.1:45132/rpc/v2")
        #expect(try GatewayClient.webSocketURL(for: "gw.example:45132") == "ws://gw.example:45132/rpc/v2")
        #expect(try GatewayClient.webSocketURL(for: "http://gw:1/") == "ws://gw:1/rpc/v2")
        #expect(try GatewayClient.webSocketURL(for: "ws://gw:1/rpc/v1") == "ws://gw:1/rpc/v1")
        #expect(throws: (any Error).self) { _ = try GatewayClient.webSocketURL(for: "/ip4/1.2.3.4/udp/1") }
        #expect(throws: (any Error).self) { _ = try GatewayClient.webSocketURL(for: "no port") }
    }
}
