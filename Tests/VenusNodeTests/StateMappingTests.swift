import DagCBOR
import FilecoinTypes
import Testing
import VenusAPI

@testable import VenusNode

/// The mapping details no devnet exercises: peer IDs Lotus would not parse, Lotus's 10% margin.
@Suite struct StateMappingTests {
    @Test func aPeerIDIsShownOnlyWhenItsBytesAreOneMultihash() {
        // identity multihash of 4 bytes: code 0x00, length 4.
        let valid: [UInt8] = [0x00, 0x04, 1, 2, 3, 4]
        #expect(FullNodeAPI.MinerInfo.peerIDText(valid) == Multibase.base58Encode(valid))
        #expect(FullNodeAPI.MinerInfo.peerIDText([]) == nil)
        #expect(FullNodeAPI.MinerInfo.peerIDText([0x00, 0x05, 1, 2, 3, 4]) == nil)  // short digest
        #expect(FullNodeAPI.MinerInfo.peerIDText([0x00, 0x03, 1, 2, 3, 4]) == nil)  // trailing byte
        #expect(FullNodeAPI.MinerInfo.peerIDText([0x80]) == nil)  // unterminated varint
    }

    @Test func theMarginIsTenPercentRoundedDown() {
        #expect(FullNodeRPC.pledgeMargin(TokenAmount(attoFIL: 1000)) == TokenAmount(attoFIL: 1100))
        #expect(FullNodeRPC.pledgeMargin(TokenAmount(attoFIL: 19)) == TokenAmount(attoFIL: 20))  // 20.9
        #expect(FullNodeRPC.pledgeMargin(.zero) == .zero)
    }
}
