import BigInt
@testable import ChainState
import DagCBOR
import FilecoinTypes
import Testing

/// The verified registry against specs-actors' verified_registry_test.go (v2.3) and v0's
/// unresolved-address behaviour.
@Suite struct VerifiedRegistryActorTests {
    let root = Address.idAddress(101)
    let verifier = Address.idAddress(201)
    let verifier2 = Address.idAddress(202)
    let client = Address.idAddress(301)
    let client2 = Address.idAddress(302)
    let minimum = VerifiedRegistryPolicy.mainnet.minVerifiedDealSize

    private func setup(actorsVersion: Int = 2) throws -> ScriptedRuntime {
        let rt = ScriptedRuntime(
            receiver: BuiltinAddress.verifiedRegistryActor, caller: BuiltinAddress.systemActor, actorsVersion: actorsVersion)
        rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        try rt.call(actor(rt), method: 1, params: AddressParam(root).cborBytes)
        rt.verify()
        return rt
    }

    private func actor(_ rt: ScriptedRuntime) -> VerifiedRegistryActor { VerifiedRegistryActor(actorsVersion: rt.actorsVersion) }

    private func table(_ rt: ScriptedRuntime, verifiers: Bool) throws -> [Address: BigInt] {
        let state = try rt.getState(VerifiedRegistryState.self)
        let map = try ActorHAMT(loading: verifiers ? state.verifiers : state.verifiedClients, store: rt, sortsOnCollapse: true)
        var out: [Address: BigInt] = [:]
        try map.forEach { (key: [UInt8], value: [UInt8]) throws(ActorError) in
            guard let address = try? Address(bytes: key), let cap = try? BigIntParam(cborBytes: value) else { throw .fatal("bad entry") }
            out[address] = cap.value
        }
        return out
    }

    private func addVerifier(_ rt: ScriptedRuntime, _ address: Address, _ allowance: BigInt) throws {
        rt.setCaller(root, code: rt.code("multisig"))
        rt.expectValidateCaller(root)
        try rt.call(actor(rt), method: 2, params: VerifiedRegistryParams(address: address, amount: allowance).cborBytes)
        rt.verify()
    }

    private func addClient(_ rt: ScriptedRuntime, by verifier: Address, _ address: Address, _ allowance: BigInt) throws {
        rt.setCaller(verifier, code: rt.code("account"))
        rt.expectValidateCallerAny()
        try rt.call(actor(rt), method: 4, params: VerifiedRegistryParams(address: address, amount: allowance).cborBytes)
        rt.verify()
    }

    private func marketCall(_ rt: ScriptedRuntime, method: UInt64, _ address: Address, _ size: BigInt) throws {
        rt.setCaller(BuiltinAddress.marketActor, code: rt.code("storagemarket"))
        rt.expectValidateCaller(BuiltinAddress.marketActor)
        try rt.call(actor(rt), method: method, params: VerifiedRegistryParams(address: address, amount: size).cborBytes)
        rt.verify()
    }

    @Test func constructorNeedsAResolvableRoot() throws {
        let rt = try setup()
        #expect(try rt.getState(VerifiedRegistryState.self).rootKey == root)
        let unresolved = ScriptedRuntime(receiver: BuiltinAddress.verifiedRegistryActor, caller: BuiltinAddress.systemActor)
        unresolved.setCaller(BuiltinAddress.systemActor, code: unresolved.code("system"))
        unresolved.expectValidateCaller(BuiltinAddress.systemActor)
        unresolved.expectAbort(.errIllegalArgument) {
            try unresolved.call(VerifiedRegistryActor(actorsVersion: 2), method: 1, params: AddressParam(.actor([1, 2, 3])).cborBytes)
        }
    }

    @Test func addAndRemoveVerifier() throws {
        let rt = try setup()
        try addVerifier(rt, verifier, minimum * 10)
        #expect(try table(rt, verifiers: true) == [verifier: minimum * 10])
        rt.setCaller(root, code: rt.code("multisig"))
        rt.expectValidateCaller(root)
        try rt.call(actor(rt), method: 3, params: AddressParam(verifier).cborBytes)
        rt.verify()
        #expect(try table(rt, verifiers: true).isEmpty)
        // Removing an absent verifier fails as go-hamt-ipld's Delete does.
        rt.expectValidateCaller(root)
        rt.expectAbort(.errIllegalState) { try rt.call(actor(rt), method: 3, params: AddressParam(verifier).cborBytes) }
    }

    @Test func addVerifierRefusals() throws {
        let rt = try setup()
        // Below the minimum: refused before the caller is checked.
        rt.setCaller(root, code: rt.code("multisig"))
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor(rt), method: 2, params: VerifiedRegistryParams(address: verifier, amount: minimum - 1).cborBytes)
        }
        // Not the root key.
        rt.setCaller(verifier2, code: rt.code("account"))
        rt.expectValidateCaller(root)
        rt.expectAbort(.sysErrForbidden) {
            try rt.call(actor(rt), method: 2, params: VerifiedRegistryParams(address: verifier, amount: minimum).cborBytes)
        }
        // The root itself.
        rt.setCaller(root, code: rt.code("multisig"))
        rt.expectValidateCaller(root)
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor(rt), method: 2, params: VerifiedRegistryParams(address: root, amount: minimum).cborBytes)
        }
        // A verified client.
        try addVerifier(rt, verifier, minimum * 4)
        try addClient(rt, by: verifier, client, minimum)
        rt.setCaller(root, code: rt.code("multisig"))
        rt.expectValidateCaller(root)
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor(rt), method: 2, params: VerifiedRegistryParams(address: client, amount: minimum).cborBytes)
        }
    }

    @Test func addVerifiedClientSpendsVerifierCap() throws {
        let rt = try setup()
        try addVerifier(rt, verifier, minimum * 4)
        try addClient(rt, by: verifier, client, minimum)
        try addClient(rt, by: verifier, client2, minimum * 2)
        #expect(try table(rt, verifiers: true) == [verifier: minimum])
        #expect(try table(rt, verifiers: false) == [client: minimum, client2: minimum * 2])
        // Exceeding the remaining cap, unknown verifier, duplicate client, a verifier as client.
        let failures: [(Address, Address, BigInt, ExitCode)] = [
            (verifier, .idAddress(303), minimum * 2, .errIllegalArgument),
            (verifier2, .idAddress(303), minimum, .errNotFound),
            (verifier, client, minimum, .errIllegalArgument),
            (verifier, verifier, minimum, .errIllegalArgument),
            (verifier, root, minimum, .errIllegalArgument),
            (verifier, .idAddress(303), minimum - 1, .errIllegalArgument),
        ]
        for (caller, address, amount, code) in failures {
            rt.setCaller(caller, code: rt.code("account"))
            rt.expectValidateCallerAny()
            rt.expectAbort(code) {
                try rt.call(actor(rt), method: 4, params: VerifiedRegistryParams(address: address, amount: amount).cborBytes)
            }
        }
    }

    @Test func useBytesConsumesAndDeletesBelowMinimum() throws {
        let rt = try setup()
        try addVerifier(rt, verifier, minimum * 10)
        try addClient(rt, by: verifier, client, minimum * 3)
        try marketCall(rt, method: 5, client, minimum)
        #expect(try table(rt, verifiers: false)[client] == minimum * 2)
        // Leaving less than the minimum deletes the client.
        try marketCall(rt, method: 5, client, minimum + minimum / 2)
        #expect(try table(rt, verifiers: false)[client] == nil)
        rt.setCaller(BuiltinAddress.marketActor, code: rt.code("storagemarket"))
        rt.expectValidateCaller(BuiltinAddress.marketActor)
        rt.expectAbort(.errNotFound) {
            try rt.call(actor(rt), method: 5, params: VerifiedRegistryParams(address: client, amount: minimum).cborBytes)
        }
    }

    @Test func useBytesRefusals() throws {
        let rt = try setup()
        try addVerifier(rt, verifier, minimum * 10)
        try addClient(rt, by: verifier, client, minimum * 2)
        rt.setCaller(BuiltinAddress.marketActor, code: rt.code("storagemarket"))
        for (amount, code) in [(minimum * 3, ExitCode.errIllegalArgument), (minimum - 1, .errIllegalArgument)] {
            rt.expectValidateCaller(BuiltinAddress.marketActor)
            rt.expectAbort(code) {
                try rt.call(actor(rt), method: 5, params: VerifiedRegistryParams(address: client, amount: amount).cborBytes)
            }
        }
        rt.setCaller(client, code: rt.code("account"))
        rt.expectValidateCaller(BuiltinAddress.marketActor)
        rt.expectAbort(.sysErrForbidden) {
            try rt.call(actor(rt), method: 5, params: VerifiedRegistryParams(address: client, amount: minimum).cborBytes)
        }
    }

    @Test func restoreBytesRecreatesClients() throws {
        let rt = try setup()
        try addVerifier(rt, verifier, minimum * 10)
        try marketCall(rt, method: 6, client, minimum)
        #expect(try table(rt, verifiers: false)[client] == minimum)
        try marketCall(rt, method: 6, client, minimum)
        #expect(try table(rt, verifiers: false)[client] == minimum * 2)
        rt.setCaller(BuiltinAddress.marketActor, code: rt.code("storagemarket"))
        for address in [root, verifier] {
            rt.expectValidateCaller(BuiltinAddress.marketActor)
            rt.expectAbort(.errIllegalArgument) {
                try rt.call(actor(rt), method: 6, params: VerifiedRegistryParams(address: address, amount: minimum).cborBytes)
            }
        }
    }

    @Test func v2ResolvesKeyAddressesByCreatingAccounts() throws {
        let rt = try setup()
        try addVerifier(rt, verifier, minimum * 10)
        let key = Address.actor([9, 9, 9])
        rt.setCaller(verifier, code: rt.code("account"))
        rt.expectValidateCallerAny()
        rt.expectSend(to: key, method: 0, params: [])
        // The send creates the account, which then resolves.
        rt.afterSend = { rt, send in if send.to == key { rt.idAddresses[key] = .idAddress(777) } }
        try rt.call(actor(rt), method: 4, params: VerifiedRegistryParams(address: key, amount: minimum).cborBytes)
        rt.verify()
        #expect(try table(rt, verifiers: false)[.idAddress(777)] == minimum)
    }

    @Test func v0KeysByTheAddressAsGiven() throws {
        let rt = try setup(actorsVersion: 0)
        let key = Address.actor([9, 9, 9])
        try addVerifier(rt, key, minimum * 10)
        #expect(try table(rt, verifiers: true)[key] == minimum * 10)
    }

    @Test func malformedParams() throws {
        let rt = try setup()
        rt.setCaller(root, code: rt.code("multisig"))
        rt.expectAbort(ExitCode(1)) { try rt.call(actor(rt), method: 2, params: [0x82, 0x40]) }
        rt.expectAbort(ExitCode(1)) { try rt.call(actor(rt), method: 3, params: [0x01]) }
        rt.expectAbort(.sysErrInvalidMethod) { try rt.call(actor(rt), method: 7) }
    }
}
