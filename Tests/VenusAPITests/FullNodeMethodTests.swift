import Foundation
import JSONRPC
import Testing
import VenusAPI
import VenusTesting

/// The issue's done-when, per method: the description's name and permission are upstream's, and
/// the example params and response of upstream's reference decode into the described types and
/// encode back to the same JSON (member names, nulls, strings for big integers, `{"/": ...}` CIDs).
@Suite("Full-node method descriptions", .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct FullNodeMethodTests {
    static let documents: [APIDocument.Source: APIDocument] = {
        var loaded: [APIDocument.Source: APIDocument] = [:]
        for source in [APIDocument.Source.lotusV1, .lotusV0, .venusV1] {
            loaded[source] = try? APIDocument.load(source)
        }
        return loaded
    }()

    @Test("documents parse", arguments: [APIDocument.Source.lotusV1, .lotusV0, .venusV1])
    func documentParses(_ source: APIDocument.Source) throws {
        let document = try APIDocument.load(source)
        #expect(document.entries.count > 100, "\(source): only \(document.entries.count) methods found")
    }

    @Test("name, permission and examples", arguments: FullNodeMethodCases.all)
    func methodMatchesUpstream(_ method: MethodCase) throws {
        let document = try #require(Self.documents[method.source], "\(method.source) did not load")
        #expect(method.name.hasPrefix("Filecoin."), "\(method.name): not in the Filecoin namespace")
        let entry = try #require(document.entries[method.shortName], "\(method.name): not in \(method.source)")
        try method.expectMatches(entry)
    }

    /// Which methods of Lotus's OpenRPC document (`build/openrpc/full.json`, v1) are described, and
    /// that every described v1 Lotus method is one of them (channel methods and `Version` are not
    /// in that document; venus-only methods are checked against venus's reference instead).
    @Test func coverageOfOpenRPC() throws {
        let data = try TestVectors.data("api/lotus/build/openrpc/full.json")
        let openrpc = try JSONDecoder().decode(JSONValue.self, from: data)
        guard case .array(let methods)? = openrpc["methods"] else {
            Issue.record("full.json has no methods array")
            return
        }
        let upstream = Set(methods.compactMap { $0["name"]?.stringValue })
        #expect(upstream.count > 200)

        let described = Set(FullNodeMethodCases.v1.filter { $0.source == .lotusV1 }.map(\.name))
        let notInOpenRPC = described.subtracting(upstream)
        #expect(
            notInOpenRPC == ["Filecoin.ChainNotify", "Filecoin.Version"],
            "described but not in full.json: \(notInOpenRPC.sorted())")
        let covered = described.intersection(upstream)
        #expect(covered.count == described.count - 2)
        let left = upstream.subtracting(described).sorted()
        print("full-node API v1: \(covered.count) of \(upstream.count) OpenRPC methods described; not described: \(left.joined(separator: " "))")
    }

    /// v0 keeps the v1 descriptions except where the two differ; those differences are real.
    @Test func v0VariantsDifferFromV1() throws {
        let v0 = try #require(Self.documents[.lotusV0])
        let v1 = try #require(Self.documents[.lotusV1])
        for method in FullNodeMethodCases.v0 {
            let old = try #require(v0.entries[method.shortName])
            if let new = v1.entries[method.shortName] {
                #expect(old.params != new.params, "\(method.name): v0 and v1 take the same params; no v0 variant needed")
            }
        }
        // The methods described once (on FullNodeAPI) take the same examples on v0 as on v1.
        for method in FullNodeMethodCases.v1 where method.source == .lotusV1 {
            guard let old = v0.entries[method.shortName], let new = v1.entries[method.shortName] else { continue }
            if FullNodeMethodCases.v0.contains(where: { $0.name == method.name }) { continue }
            #expect(old.params == new.params, "\(method.name): v0 params differ from v1; it needs a v0 variant")
            #expect(old.permission == new.permission, "\(method.name): v0 permission differs")
        }
    }
}
