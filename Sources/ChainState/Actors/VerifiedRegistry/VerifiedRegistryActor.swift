import BigInt
import DagCBOR
import FilecoinTypes

/// The verified registry (f06), specs-actors v0.9 and v2.3: the root key adds and removes
/// verifiers, verifiers grant DataCap to clients, and the market spends and restores it.
/// v2 resolves every address parameter to an ID address first (creating an account for an
/// unknown key address); v0 keys its tables by the address as given. State:
/// ``VerifiedRegistryState``.
public struct VerifiedRegistryActor: BuiltinActor {
    public let actorsVersion: Int
    public let policy: VerifiedRegistryPolicy

    public init(actorsVersion: Int, policy: VerifiedRegistryPolicy = .mainnet) {
        self.actorsVersion = actorsVersion
        self.policy = policy
    }

    private var sorts: Bool { actorsVersion > 0 }
    private var minimum: BigInt { policy.minVerifiedDealSize }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch VerifiedRegistryMethod(rawValue: method) {
        case .constructor:
            let root = try rt.decodeParams(AddressParam.self, params)
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            guard let id = try rt.resolveAddress(root.address) else {
                throw ActorError(.errIllegalArgument, "root should be an ID address")
            }
            let empty = try ActorHAMT(store: rt.store, sortsOnCollapse: sorts).flush()
            try rt.createState(VerifiedRegistryState(rootKey: id, verifiers: empty, verifiedClients: empty))
        case .addVerifier:
            try addVerifier(rt, rt.decodeParams(VerifiedRegistryParams.self, params))
        case .removeVerifier:
            try removeVerifier(rt, rt.decodeParams(AddressParam.self, params).address)
        case .addVerifiedClient:
            try addVerifiedClient(rt, rt.decodeParams(VerifiedRegistryParams.self, params))
        case .useBytes:
            try useBytes(rt, rt.decodeParams(VerifiedRegistryParams.self, params))
        case .restoreBytes:
            try restoreBytes(rt, rt.decodeParams(VerifiedRegistryParams.self, params))
        case nil:
            throw invalidMethod(method)
        }
        return []
    }

    // MARK: Methods

    private func addVerifier(_ rt: any Runtime, _ params: VerifiedRegistryParams) throws(ActorError) {
        guard params.amount >= minimum else {
            throw ActorError(
                .errIllegalArgument, "Allowance \(params.amount) below MinVerifiedDealSize for add verifier \(params.address)")
        }
        let verifier = actorsVersion >= 2 ? try resolveToID(rt, params.address, "failed to resolve verifier address") : params.address
        let state = try rt.state(VerifiedRegistryState.self)
        try rt.validateImmediateCaller(is: state.rootKey)
        guard verifier != state.rootKey else { throw ActorError(.errIllegalArgument, "Rootkey cannot be added as verifier") }
        try rt.transaction(VerifiedRegistryState.self) { (state: inout VerifiedRegistryState) throws(ActorError) in
            let verifiers = try ActorHAMT(loading: state.verifiers, store: rt.store, sortsOnCollapse: sorts)
            let clients = try ActorHAMT(loading: state.verifiedClients, store: rt.store, sortsOnCollapse: sorts)
            if try clients.get(HAMTKey.address(verifier)) != nil {
                throw ActorError(.errIllegalArgument, "verified client \(verifier) cannot become a verifier")
            }
            try verifiers.set(HAMTKey.address(verifier), BigIntParam(params.amount).cborBytes)
            state.verifiers = try verifiers.flush()
        }
    }

    private func removeVerifier(_ rt: any Runtime, _ address: Address) throws(ActorError) {
        let verifier = actorsVersion >= 2 ? try resolveToID(rt, address, "failed to resolve verifier address") : address
        let state = try rt.state(VerifiedRegistryState.self)
        try rt.validateImmediateCaller(is: state.rootKey)
        try rt.transaction(VerifiedRegistryState.self) { (state: inout VerifiedRegistryState) throws(ActorError) in
            let verifiers = try ActorHAMT(loading: state.verifiers, store: rt.store, sortsOnCollapse: sorts)
            // adt.Map.Delete fails on a missing key (go-hamt-ipld's ErrNotFound), wrapped as ErrIllegalState.
            guard try verifiers.delete(HAMTKey.address(verifier)) else {
                throw ActorError(.errIllegalState, "failed to remove verifier: not found")
            }
            state.verifiers = try verifiers.flush()
        }
    }

    private func addVerifiedClient(_ rt: any Runtime, _ params: VerifiedRegistryParams) throws(ActorError) {
        if actorsVersion >= 2 { try rt.validateImmediateCallerAcceptAny() }
        guard params.amount >= minimum else {
            throw ActorError(
                .errIllegalArgument, "allowance \(params.amount) below MinVerifiedDealSize for add verified client \(params.address)")
        }
        if actorsVersion < 2 { try rt.validateImmediateCallerAcceptAny() }
        let client =
            actorsVersion >= 2 ? try resolveToID(rt, params.address, "failed to resolve verified client address") : params.address
        let state = try rt.state(VerifiedRegistryState.self)
        guard state.rootKey != client else {
            throw ActorError(.errIllegalArgument, "Rootkey cannot be added as a verified client")
        }
        let verifier = rt.caller
        try rt.transaction(VerifiedRegistryState.self) { (state: inout VerifiedRegistryState) throws(ActorError) in
            let verifiers = try ActorHAMT(loading: state.verifiers, store: rt.store, sortsOnCollapse: sorts)
            let clients = try ActorHAMT(loading: state.verifiedClients, store: rt.store, sortsOnCollapse: sorts)
            guard let verifierCap = try dataCap(verifiers, verifier) else {
                throw ActorError(.errNotFound, "no such verifier \(verifier)")
            }
            if try verifiers.get(HAMTKey.address(client)) != nil {
                throw ActorError(.errIllegalArgument, "verifier \(client) cannot be added as a verified client")
            }
            guard verifierCap >= params.amount else {
                throw ActorError(
                    .errIllegalArgument, "add more DataCap (\(params.amount)) for VerifiedClient than allocated \(verifierCap)")
            }
            try verifiers.set(HAMTKey.address(verifier), BigIntParam(verifierCap - params.amount).cborBytes)
            if try clients.get(HAMTKey.address(client)) != nil {
                throw ActorError(.errIllegalArgument, "verified client already exists: \(client)")
            }
            try clients.set(HAMTKey.address(client), BigIntParam(params.amount).cborBytes)
            state.verifiers = try verifiers.flush()
            state.verifiedClients = try clients.flush()
        }
    }

    private func useBytes(_ rt: any Runtime, _ params: VerifiedRegistryParams) throws(ActorError) {
        try rt.validateImmediateCaller(is: BuiltinAddress.marketActor)
        let client =
            actorsVersion >= 2 ? try resolveToID(rt, params.address, "failed to resolve verified client address") : params.address
        guard params.amount >= minimum else {
            throw ActorError(.errIllegalArgument, "VerifiedDealSize: \(params.amount) below minimum in UseBytes")
        }
        try rt.transaction(VerifiedRegistryState.self) { (state: inout VerifiedRegistryState) throws(ActorError) in
            let clients = try ActorHAMT(loading: state.verifiedClients, store: rt.store, sortsOnCollapse: sorts)
            guard let clientCap = try dataCap(clients, client) else {
                throw ActorError(.errNotFound, "no such verified client \(client)")
            }
            guard clientCap >= 0 else { throw rt.goPanic("negative DataCap for \(client)") }
            guard params.amount <= clientCap else {
                throw ActorError(
                    .errIllegalArgument, "DealSize \(params.amount) exceeds allowable cap: \(clientCap) for VerifiedClient \(client)")
            }
            let remaining = clientCap - params.amount
            if remaining < minimum {
                // The client loses a remainder below the minimum (specs-actors issue 727); it is
                // restored if the deal never activates.
                _ = try clients.delete(HAMTKey.address(client))
            } else {
                try clients.set(HAMTKey.address(client), BigIntParam(remaining).cborBytes)
            }
            state.verifiedClients = try clients.flush()
        }
    }

    private func restoreBytes(_ rt: any Runtime, _ params: VerifiedRegistryParams) throws(ActorError) {
        try rt.validateImmediateCaller(is: BuiltinAddress.marketActor)
        guard params.amount >= minimum else {
            throw ActorError(.errIllegalArgument, "Below minimum VerifiedDealSize requested in RestoreBytes: \(params.amount)")
        }
        let client =
            actorsVersion >= 2 ? try resolveToID(rt, params.address, "failed to resolve verified client addr") : params.address
        let state = try rt.state(VerifiedRegistryState.self)
        guard state.rootKey != client else { throw ActorError(.errIllegalArgument, "Cannot restore allowance for Rootkey") }
        try rt.transaction(VerifiedRegistryState.self) { (state: inout VerifiedRegistryState) throws(ActorError) in
            let clients = try ActorHAMT(loading: state.verifiedClients, store: rt.store, sortsOnCollapse: sorts)
            let verifiers = try ActorHAMT(loading: state.verifiers, store: rt.store, sortsOnCollapse: sorts)
            if try verifiers.get(HAMTKey.address(client)) != nil {
                throw ActorError(.errIllegalArgument, "cannot restore allowance for a verifier")
            }
            let clientCap = try dataCap(clients, client) ?? 0
            try clients.set(HAMTKey.address(client), BigIntParam(clientCap + params.amount).cborBytes)
            state.verifiedClients = try clients.flush()
        }
    }

    // MARK: Helpers

    private func dataCap(_ table: ActorHAMT, _ address: Address) throws(ActorError) -> BigInt? {
        guard let raw = try table.get(HAMTKey.address(address)) else { return nil }
        do { return try BigIntParam(cborBytes: raw).value } catch {
            throw ActorError(.errIllegalState, "failed to get DataCap of \(address): \(error)")
        }
    }

    /// v2's `builtin.ResolveToIDAddr`: the ID address, creating the account of an unknown key
    /// address by sending it nothing. A failed send aborts with its exit code; an address that
    /// still does not resolve with ErrIllegalState.
    private func resolveToID(_ rt: any Runtime, _ address: Address, _ what: String) throws(ActorError) -> Address {
        if let id = try rt.resolveAddress(address) { return id }
        let result = try rt.send(to: address, method: BuiltinMethod.send, params: [], value: .zero)
        guard result.exitCode.isSuccess else {
            throw ActorError(result.exitCode, "\(what) \(address): failed to send zero balance to address")
        }
        guard let id = try rt.resolveAddress(address) else {
            throw ActorError(
                .errIllegalState, "\(what) \(address): failed to resolve address to ID address even after sending zero balance")
        }
        return id
    }
}
