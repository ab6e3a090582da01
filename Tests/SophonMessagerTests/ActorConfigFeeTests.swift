import DagCBOR
import FilecoinTypes
import Foundation
import Testing
import VenusAPI

@testable import SophonMessager

/// The actor-method layer of the fee settings (`SaveActorCfg`): below a message's own and its
/// address's settings, above the shared ones, matched by the receiving actor's code and the
/// method called.
@Suite struct ActorConfigFeeTests {
    @Test func anActorMethodsFeeCapAppliesUnlessTheAddressSetsItsOwn() async throws {
        try await MessagerFixture.with { f in
            let from = await f.signer.newAddress(), other = await f.signer.newAddress()
            let miner = try Address("t01000")
            let minerCode = try MessageSelectionTests.builtinCode("fil/2/storageminer")
            await f.chain.setCode(minerCode, of: miner)
            // Messages to the miner's method 7 have their fee cap held at 60,000 (the scripted
            // node prices at 100,000); method 8 and other receivers are left alone.
            try await f.store.save(
                ActorCfg(actorVersion: 2, methodType: MessagerMethodType(code: minerCode, method: 7),
                    feeSpec: FeeSpec(gasFeeCap: TokenAmount(attoFIL: 60_000))))
            let capped = try await f.push(from: from, value: 1, to: miner, method: 7)
            let otherMethod = try await f.push(from: from, value: 2, to: miner, method: 8)
            let plain = try await f.push(from: from, value: 3)
            // The address's own cap wins over the actor config.
            try await f.store.save(
                MessagerAddress(id: GatewayUUID(), addr: other, nonce: 0, weight: 0, state: .alive, selMsgNum: 0,
                    feeSpec: FeeSpec(gasFeeCap: TokenAmount(attoFIL: 90_000))))
            let addressCapped = try await f.push(from: other, value: 4, to: miner, method: 7)

            try await f.round()
            #expect(try await f.message(capped).message.gasFeeCap == TokenAmount(attoFIL: 60_000))
            #expect(try await f.message(otherMethod).message.gasFeeCap == TokenAmount(attoFIL: 100_000))
            #expect(try await f.message(plain).message.gasFeeCap == TokenAmount(attoFIL: 100_000))
            #expect(try await f.message(addressCapped).message.gasFeeCap == TokenAmount(attoFIL: 90_000))
        }
    }
}
