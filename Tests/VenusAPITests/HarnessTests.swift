import Foundation
import JSONRPC
import Testing
import VenusAPI

/// The comparison the method tests rely on catches what a wrong description would produce.
struct HarnessTests {
    /// A market balance without `Locked`, as a description missing a member would write it.
    struct EscrowOnly: Codable {
        var Escrow: String
    }

    /// The deal state with one member under a wrong name.
    struct MisnamedDealState: Codable {
        var SectorNumber: UInt64
        var SectorStartEpoch: Int64
        var LastUpdatedEpoch: Int64
        var SlashedEpoch: Int64?
        var SlashEpoch: Int64?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(SectorNumber, forKey: .SectorNumber)
            try c.encode(SectorStartEpoch, forKey: .SectorStartEpoch)
            try c.encode(LastUpdatedEpoch, forKey: .LastUpdatedEpoch)
            try c.encode(SlashEpoch ?? SlashedEpoch, forKey: .SlashedEpoch)
        }
    }

    func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func droppedRenamedAndRetypedMembersAreFound() throws {
        let balance = try parse(#"{"Escrow":"0","Locked":"0"}"#)
        let dropped = jsonDifference(balance, try rewrite(balance, as: EscrowOnly.self))
        #expect(dropped?.contains("Locked") == true, "\(dropped ?? "no difference")")

        let state = try parse(#"{"SectorNumber":9,"SectorStartEpoch":1,"LastUpdatedEpoch":2,"SlashEpoch":3}"#)
        let renamed = jsonDifference(state, try rewrite(state, as: MisnamedDealState.self))
        #expect(renamed?.contains("SlashedEpoch") == true, "\(renamed ?? "no difference")")

        // A big integer written as a number instead of a string, a null instead of [], order of arrays.
        #expect(jsonDifference(try parse(#"{"A":"0"}"#), try parse(#"{"A":0}"#)) != nil)
        #expect(jsonDifference(try parse(#"{"A":[]}"#), try parse(#"{"A":null}"#)) != nil)
        #expect(jsonDifference(try parse("[1,2]"), try parse("[2,1]")) == "$[0]: expected 1, written 2")
        // Member order does not matter, numeric cases do not either.
        #expect(jsonDifference(try parse(#"{"A":1,"B":2}"#), try parse(#"{"B":2,"A":1}"#)) == nil)
        #expect(jsonDifference(.uint(42), .int(42)) == nil)
    }

    @Test func realDescriptionRewritesTheExampleUnchanged() throws {
        let balance = try parse(#"{"Escrow":"12","Locked":"3"}"#)
        #expect(jsonDifference(balance, try rewrite(balance, as: FullNodeAPI.MarketBalance.self)) == nil)
    }
}
