import BigInt
import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonMessager

/// Messages that rescue themselves: stuck ones re-priced by the replace-by-fee rule within
/// their budget, and nonce gaps filled by a zero send to the address itself.
@Suite struct MessageRescueTests {
    static func settings(rescue: Bool = true) -> MessageService.Settings {
        var settings = MessageService.Settings()
        settings.stuckEpochs = 3
        settings.rescueEnabled = rescue
        return settings
    }

    @Test func aStuckMessageIsReplacedByTheReplaceByFeeRule() async throws {
        try await MessagerFixture.with(settings: Self.settings()) { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            try await f.round()
            let original = try await f.message(id)
            let originalCid = try #require(original.signedCid)

            // Two epochs without landing: not stuck yet.
            try await f.step()
            try await f.step()
            #expect(try await f.message(id).signedCid == originalCid)

            await f.chain.clearPushLog()
            let (_, report) = try await f.step()
            #expect(report.replaced == 1)
            let replaced = try await f.message(id)
            #expect(replaced.state == .fillMsg)
            #expect(replaced.message.nonce == original.message.nonce)
            #expect(replaced.signedCid != originalCid)
            let rule = FeeRescue.scaled(original.message.gasFeeCap, by: 1.25)
            #expect(!(replaced.message.gasFeeCap < rule))
            #expect(!(replaced.message.gasPremium < FeeRescue.scaled(original.message.gasPremium, by: 1.25)))
            let signed = try #require(replaced.signedMessage)
            #expect(signed.isSignatureValid)
            #expect(replaced.signedCid == signed.cid)
            #expect(await f.chain.pushed.map(\.cid).contains(signed.cid))
            let events = try await f.store.events(messageID: id)
            let replacement = try #require(events.first { $0.kind == "replaced" })
            #expect(replacement.height == 13)
            #expect(replacement.reason.contains("stuck 3 epochs"))
            #expect(replacement.reason.contains("\(original.message.gasFeeCap.attoFIL) -> \(replaced.message.gasFeeCap.attoFIL)"))

            // Replaced at 13: it waits another three epochs before the next raise.
            let (_, calm) = try await f.step()
            #expect(calm.replaced == 0)
        }
    }

    @Test func aReplacementOverTheBudgetIsRecordedNotMade() async throws {
        try await MessagerFixture.with(settings: Self.settings()) { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            // The budget pays 110,000 attoFIL per gas unit over the 1,000,000 the node estimates:
            // enough for the first price (100,000), not for the 1.25x raise.
            var address = try #require(try await f.store.address(a))
            address.feeSpec.maxFee = TokenAmount(attoFIL: 110_000 * 1_000_000)
            try await f.store.save(address)
            try await f.round()
            let original = try await f.message(id)
            #expect(original.message.gasFeeCap == TokenAmount(attoFIL: 100_000))

            for _ in 0..<3 { try await f.step() }
            let kept = try await f.message(id)
            #expect(kept.signedCid == original.signedCid)
            #expect(kept.message.gasFeeCap == original.message.gasFeeCap)
            let events = try await f.store.events(messageID: id)
            #expect(!events.contains { $0.kind == "replaced" })
            let refusal = try #require(events.first { $0.kind == "stuck-over-budget" })
            #expect(refusal.reason.contains("budget \(110_000 * 1_000_000)"))
        }
    }

    @Test func nothingIsReplacedWithRescueDisabled() async throws {
        try await MessagerFixture.with(settings: Self.settings(rescue: false)) { f in
            let a = await f.signer.newAddress()
            let id = try await f.push(from: a, value: 1)
            try await f.round()
            let original = try await f.message(id)
            var replaced = 0
            for _ in 0..<5 { replaced += try await f.step().1.replaced }
            #expect(replaced == 0)
            #expect(try await f.message(id).signedCid == original.signedCid)
            #expect(!(try await f.store.events(messageID: id)).contains { $0.kind == "replaced" })
        }
    }

    @Test func aNonceGapIsFilledByAZeroSendToItself() async throws {
        try await MessagerFixture.with(settings: Self.settings()) { f in
            let a = await f.signer.newAddress()
            var ids: [String] = []
            for value in 1...3 { ids.append(try await f.push(from: a, value: value)) }
            try await f.round()
            // The message holding nonce 0 is given up on: 1 and 2 cannot land without it.
            try await f.service.markBad(id: ids[0])
            await f.chain.clearPushLog()
            let (_, report) = try await f.step()
            #expect(report.gapsFilled == 1)

            let held = try await f.filled(from: a)
            #expect(held.map(\.message.nonce) == [0, 1, 2])
            let gap = try #require(held.first)
            #expect(gap.id != ids[0])
            #expect(gap.message.from == a)
            #expect(gap.message.to == a)
            #expect(gap.message.value.isZero)
            #expect(gap.message.method == 0)
            let signed = try #require(gap.signedMessage)
            #expect(signed.isSignatureValid)
            #expect(await f.chain.pushed.map(\.cid).contains(signed.cid))
            #expect(try await f.store.events(messageID: gap.id).map(\.kind).contains("gap-filled"))
            #expect(try await f.nextNonce(of: a) == 3)

            // Filled once: the next round finds no gap.
            let (_, next) = try await f.step()
            #expect(next.gapsFilled == 0)
        }
    }
}
