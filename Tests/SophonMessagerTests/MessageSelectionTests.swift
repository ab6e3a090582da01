import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonMessager

/// Selection rounds (`processHead`): nonces consecutive per address from the chain's, at most the
/// select count in flight, signed by the sender's key, saved with the address's next nonce; a
/// failed signature or estimate never leaves a gap.
@Suite struct MessageSelectionTests {
    /// A builtin actor code CID: the identity hash of `fil/<version>/<name>`.
    static func builtinCode(_ name: String) throws -> CID {
        try CID(version: .v1, codec: Multicodec.raw, multihash: Multihash(code: Multihash.identity, digest: Array(name.utf8)))
    }

    @Test func fillsTheSelectCountWithConsecutiveNoncesPerAddress() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress(), b = await f.signer.newAddress()
            // a has sent 7 messages already; b has no actor yet, so starts at 0.
            await f.chain.setNonce(7, of: a)
            var ids: [Address: [String]] = [:]
            for index in 0..<50 {
                let from = index.isMultiple(of: 2) ? a : b
                ids[from, default: []].append(try await f.push(from: from, value: index + 1))
            }
            #expect(try await f.nextNonce(of: a) == 7)
            #expect(try await f.nextNonce(of: b) == 0)

            let first = try await f.round()
            #expect(first.filled == 40)
            let prices = await f.chain.prices
            for (address, start) in [(a, UInt64(7)), (b, UInt64(0))] {
                let filled = try await f.filled(from: address)
                #expect(filled.map(\.message.nonce) == Array(start..<start + 20))
                // Oldest first: the nth message pushed got the nth nonce.
                #expect(filled.map(\.id) == Array(ids[address, default: []].prefix(20)))
                for message in filled {
                    let signed = try #require(message.signedMessage)
                    #expect(signed.isSignatureValid)
                    #expect(message.signedCid == signed.cid)
                    #expect(message.unsignedCid == message.message.cid)
                    #expect(message.message.gasLimit == prices.gasLimit)
                    #expect(message.message.gasFeeCap == prices.gasFeeCap)
                    #expect(message.message.gasPremium == prices.gasPremium)
                    #expect(message.errorMsg.isEmpty)
                }
                #expect(try await f.nextNonce(of: address) == start + 20)
                let waiting = try await f.store.messages(from: address, state: .unFillMsg, ascending: true, offset: 0, limit: 0)
                #expect(waiting.count == 5)
            }
            let pushed = await f.chain.pushed
            #expect(pushed.count == 40)
            #expect(pushed.allSatisfy { $0.isSignatureValid })

            // The select count bounds what is in flight: nothing more until some land.
            let (_, idle) = try await f.step()
            #expect(idle.filled == 0)

            // Ten of a's land: a gets ten more, from the next nonce; b still waits.
            let landed = try await f.filled(from: a).prefix(10).compactMap(\.signedMessage)
            await f.chain.setNonce(17, of: a)
            let (_, next) = try await f.step(executing: Array(landed))
            #expect(next.filled == 5)
            let refilled = try await f.filled(from: a)
            #expect(refilled.map(\.message.nonce) == Array(17..<32))
            #expect(try await f.nextNonce(of: a) == 32)
            #expect(try await f.nextNonce(of: b) == 20)
        }
    }

    @Test func windowPoStGoesFirstEvenRightAfterARestart() async throws {
        try await MessagerFixture.with { f in
            let worker = await f.signer.newAddress()
            let miner = try Address.id(1001)
            await f.chain.setCode(try Self.builtinCode("fil/2/storageminer"), of: miner)
            await f.chain.setCode(try Self.builtinCode("fil/2/account"), of: f.receiver)
            #expect(MessageService.isStorageMinerCode(try Self.builtinCode("fil/2/storageminer")))
            #expect(!MessageService.isStorageMinerCode(try Self.builtinCode("fil/2/account")))
            // The address is known from before a restart: the service has seen no head yet.
            try await f.store.save(MessagerAddress(addr: worker, nonce: 3))
            await f.chain.setNonce(3, of: worker)
            try await f.push(from: worker, value: 1)
            try await f.push(from: worker, value: 2, method: 5)
            let post = try await f.push(from: worker, value: 3, to: miner, method: 5)
            try await f.push(from: worker, value: 4)
            try await f.round()
            let filled = try await f.filled(from: worker)
            #expect(filled.map(\.message.value.attoFIL) == [3, 1, 2, 4])
            #expect(filled.first?.id == post)
            #expect(filled.first?.message.nonce == 3)
        }
    }

    @Test func aSigningFailureStopsOnlyThatAddressAndLeavesNoGap() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress(), b = await f.signer.newAddress()
            var aIDs: [String] = []
            for value in 1...5 {
                aIDs.append(try await f.push(from: a, value: value))
                try await f.push(from: b, value: 100 + value)
            }
            // a's wallet fails on its third message.
            await f.signer.refuse { $0.from == a && $0.value == TokenAmount(attoFIL: 3) }
            let report = try await f.round()
            #expect(report.signFailures == 1)
            #expect(report.filled == 7)
            #expect(try await f.filled(from: a).map(\.message.nonce) == [0, 1])
            #expect(try await f.filled(from: b).map(\.message.nonce) == [0, 1, 2, 3, 4])
            #expect(try await f.nextNonce(of: a) == 2)
            let failed = try await f.message(aIDs[2])
            #expect(failed.state == .unFillMsg)
            #expect(failed.errorMsg.contains("signing"))
            #expect(failed.signature == nil)
            // The messages after it were not touched: no later nonce was given.
            for id in aIDs[3...] {
                let later = try await f.message(id)
                #expect(later.state == .unFillMsg)
                #expect(later.signature == nil)
            }
            #expect(await f.chain.pushed.allSatisfy { $0.message.from != a || $0.message.nonce < 2 })

            await f.signer.recover()
            let (_, next) = try await f.step()
            #expect(next.filled == 3)
            let filled = try await f.filled(from: a)
            #expect(filled.map(\.message.nonce) == [0, 1, 2, 3, 4])
            #expect(filled.map(\.id) == aIDs)
            #expect(filled.allSatisfy { $0.errorMsg.isEmpty })
            #expect(try await f.nextNonce(of: a) == 5)
        }
    }

    @Test func anEstimationFailureKeepsTheMessageWaitingAndTheOthersConsecutive() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            await f.chain.setNonce(4, of: a)
            var ids: [String] = []
            for value in 1...4 { ids.append(try await f.push(from: a, value: value)) }
            await f.chain.refuseEstimates { $0.value == TokenAmount(attoFIL: 2) }
            let report = try await f.round()
            #expect(report.estimateFailures == 1)
            #expect(report.filled == 3)
            let refused = try await f.message(ids[1])
            #expect(refused.state == .unFillMsg)
            #expect(refused.errorMsg.contains("gas estimation"))
            let filled = try await f.filled(from: a)
            #expect(filled.map(\.id) == [ids[0], ids[2], ids[3]])
            #expect(filled.map(\.message.nonce) == [4, 5, 6])
            #expect(try await f.nextNonce(of: a) == 7)
            // The node was asked from the address's next nonce.
            #expect(await f.chain.estimateBatches.first?.fromNonce == 4)
        }
    }

    @Test func anExpiredMessageFailsBeforeItIsSent() async throws {
        try await MessagerFixture.with { f in
            let a = await f.signer.newAddress()
            let expiring = try await f.push(from: a, value: 1, spec: SendSpec(expireEpoch: 10))
            let kept = try await f.push(from: a, value: 2, spec: SendSpec(expireEpoch: 11))
            let report = try await f.round()
            #expect(report.expired == 1)
            let expired = try await f.message(expiring)
            #expect(expired.state == .failedMsg)
            #expect(expired.errorMsg.contains("expired"))
            #expect(try await f.message(kept).message.nonce == 0)
            #expect(try await f.message(kept).state == .fillMsg)
        }
    }
}
