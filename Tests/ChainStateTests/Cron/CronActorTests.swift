@testable import ChainState
import DagCBOR
import FilecoinTypes
import Testing

/// The cron actor against specs-actors' cron_test.go: construction with entries, EpochTick
/// calling each entry in order and ignoring failures.
@Suite struct CronActorTests {
    private func construct(_ entries: [CronEntry], actorsVersion: Int = 2) throws -> ScriptedRuntime {
        let rt = ScriptedRuntime(receiver: BuiltinAddress.cronActor, caller: BuiltinAddress.systemActor, actorsVersion: actorsVersion)
        rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        try rt.call(CronActor(actorsVersion: actorsVersion), method: 1, params: CronState(entries: entries).cborBytes)
        rt.verify()
        return rt
    }

    @Test func constructsWithEntries() throws {
        let entries = [CronEntry(receiver: .idAddress(1001), method: 3), CronEntry(receiver: .idAddress(1002), method: 4)]
        let rt = try construct(entries)
        #expect(try rt.getState(CronState.self).entries == entries)
        let empty = try construct([])
        #expect(try empty.getState(CronState.self).entries.isEmpty)
    }

    @Test func builtinEntriesArePowerThenMarket() {
        #expect(CronEntry.builtin == [
            CronEntry(receiver: .idAddress(4), method: 5), CronEntry(receiver: .idAddress(5), method: 9),
        ])
        // [[[h'0004', 5], [h'0005', 9]]]
        #expect(CronState(entries: CronEntry.builtin).cborBytes == [0x81, 0x82, 0x82, 0x42, 0x00, 0x04, 0x05, 0x82, 0x42, 0x00, 0x05, 0x09])
    }

    @Test func epochTickCallsEveryEntryDespiteFailures() throws {
        for version in [0, 2] {
            let entries = [
                CronEntry(receiver: .idAddress(1001), method: 3), CronEntry(receiver: .idAddress(1002), method: 4),
                CronEntry(receiver: .idAddress(1003), method: 5),
            ]
            let rt = try construct(entries, actorsVersion: version)
            rt.expectValidateCaller(BuiltinAddress.systemActor)
            rt.expectSend(to: .idAddress(1001), method: 3, params: [])
            rt.expectSend(to: .idAddress(1002), method: 4, params: [], exitCode: .errIllegalArgument)
            rt.expectSend(to: .idAddress(1003), method: 5, params: [], exitCode: .errIllegalState)
            try rt.call(CronActor(actorsVersion: version), method: 2)
            rt.verify()
        }
    }

    @Test func onlyTheSystemMayTick() throws {
        let rt = try construct(CronEntry.builtin)
        rt.setCaller(.idAddress(1234), code: rt.code("account"))
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        rt.expectAbort(.sysErrForbidden) { try rt.call(CronActor(actorsVersion: 2), method: 2) }
    }

    @Test func malformedConstructorParams() throws {
        let rt = ScriptedRuntime(receiver: BuiltinAddress.cronActor, caller: BuiltinAddress.systemActor)
        rt.expectAbort(ExitCode(1)) { try rt.call(CronActor(actorsVersion: 2), method: 1, params: [0x81, 0x81, 0x01]) }
        rt.expectAbort(.sysErrInvalidMethod) { try rt.call(CronActor(actorsVersion: 2), method: 3) }
    }
}
