import DagCBOR
import FilecoinTypes

/// The storage miner actor, specs-actors v0.9 (`actorsVersion` 0, network versions 0–3) and
/// v2.3 (`actorsVersion` 2, network versions 4–5).
///
/// Every method reproduces upstream's order of checks, sends and store traffic, since each
/// charged get, put and send is part of the gas a message uses. Parameters are decoded before
/// the method runs (the invoker's exit code on failure); a Go panic in upstream (a failed
/// `Assert`) is exit code 1 up to network version 3 and SysErrReserved1 after, as Lotus reports it.
public struct MinerActor: BuiltinActor {
    public let actorsVersion: Int
    public let policy: MinerPolicy

    /// Marks an ``ActorError`` standing for a Go panic; ``invoke(_:method:params:)`` gives it its code.
    static let panicPrefix = "spec actors failure: "

    public init(actorsVersion: Int, policy: MinerPolicy = .mainnet) {
        self.actorsVersion = actorsVersion
        self.policy = policy
    }

    var v2: Bool { actorsVersion >= 2 }
    var sorts: Bool { actorsVersion > 0 }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard let which = MinerMethod(number: method, actorsVersion: actorsVersion) else { throw invalidMethod(method) }
        do {
            return try dispatch(rt, which, params)
        } catch let error where !error.isFatal && error.message.hasPrefix(Self.panicPrefix) {
            throw ActorError(rt.networkVersion <= 3 ? ExitCode(1) : .sysErrReserved1, error.message)
        }
    }

    private func dispatch(_ rt: any Runtime, _ method: MinerMethod, _ params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case .constructor: return try constructor(rt, rt.decodeParams(MinerConstructorParams.self, params))
        case .controlAddresses: return try controlAddresses(rt)
        case .changeWorkerAddress: return try changeWorkerAddress(rt, rt.decodeParams(ChangeWorkerAddressParams.self, params))
        case .changePeerID: return try changePeerID(rt, rt.decodeParams(ChangePeerIDParams.self, params))
        case .changeMultiaddrs: return try changeMultiaddrs(rt, rt.decodeParams(ChangeMultiaddrsParams.self, params))
        case .changeOwnerAddress: return try changeOwnerAddress(rt, rt.decodeParams(Address.self, params))
        case .confirmUpdateWorkerKey: return try confirmUpdateWorkerKey(rt)
        case .preCommitSector: return try preCommitSector(rt, rt.decodeParams(SectorPreCommitInfo.self, params))
        case .proveCommitSector: return try proveCommitSector(rt, rt.decodeParams(ProveCommitSectorParams.self, params))
        case .confirmSectorProofsValid:
            return try confirmSectorProofsValid(rt, rt.decodeParams(ConfirmSectorProofsParams.self, params))
        case .checkSectorProven: return try checkSectorProven(rt, rt.decodeParams(CheckSectorProvenParams.self, params))
        case .compactSectorNumbers:
            return try compactSectorNumbers(rt, rt.decodeParams(CompactSectorNumbersParams.self, params))
        case .applyRewards:
            if v2 { return try applyRewards(rt, rt.decodeParams(ApplyRewardParams.self, params)) }
            return try addLockedFund(rt, rt.decodeParams(TokenAmount.self, params))
        case .reportConsensusFault:
            return try reportConsensusFault(rt, rt.decodeParams(ReportConsensusFaultParams.self, params))
        case .withdrawBalance: return try withdrawBalance(rt, rt.decodeParams(MinerWithdrawBalanceParams.self, params))
        case .repayDebt: return try repayDebt(rt)
        case .submitWindowedPoSt: return try submitWindowedPoSt(rt, params)
        case .extendSectorExpiration: return try extendSectorExpiration(rt, params)
        case .terminateSectors: return try terminateSectors(rt, params)
        case .declareFaults: return try declareFaults(rt, params)
        case .declareFaultsRecovered: return try declareFaultsRecovered(rt, params)
        case .onDeferredCronEvent: return try onDeferredCronEvent(rt, params)
        case .compactPartitions: return try compactPartitions(rt, params)
        }
    }

    // MARK: Shared helpers

    /// Runs `body`; an error it throws that upstream would report through `Abortf(code, …)`
    /// gets `code`, while out of gas, fatal errors and panics pass through unchanged.
    static func recoding<T>(_ code: ExitCode, _ message: String, _ body: () throws(ActorError) -> T) throws(ActorError) -> T {
        do throws(ActorError) {
            return try body()
        } catch {
            if error.isFatal || error.code == .sysErrOutOfGas || error.message.hasPrefix(panicPrefix) { throw error }
            throw ActorError(code, "\(message): \(error.message)")
        }
    }

    /// `getMinerInfo`.
    func minerInfo(_ rt: any Runtime, _ state: MinerState) throws(ActorError) -> MinerInfo {
        try state.loadInfo(rt.store)
    }

    /// The owner, the worker and the control addresses: who may operate the miner.
    static func controlSet(_ info: MinerInfo) -> [Address] {
        info.controlAddresses + [info.owner, info.worker]
    }

    /// `resolveControlAddress`: an ID address of an account or multisig.
    func resolveControlAddress(_ rt: any Runtime, _ raw: Address) throws(ActorError) -> Address {
        guard let resolved = try rt.resolveAddress(raw) else {
            throw ActorError(.errIllegalArgument, "unable to resolve address \(raw)")
        }
        guard let code = try rt.actorCode(of: resolved) else { throw ActorError(.errIllegalArgument, "no code for address \(resolved)") }
        guard let described = ActorCodes.describe(code), described.name == "account" || described.name == "multisig" else {
            throw ActorError(.errIllegalArgument, "owner actor type must be a principal, was \(code)")
        }
        return resolved
    }

    /// `resolveWorkerAddress`: an ID address of an account whose key is BLS.
    func resolveWorkerAddress(_ rt: any Runtime, _ raw: Address) throws(ActorError) -> Address {
        guard let resolved = try rt.resolveAddress(raw) else {
            throw ActorError(.errIllegalArgument, "unable to resolve address \(raw)")
        }
        guard let code = try rt.actorCode(of: resolved) else { throw ActorError(.errIllegalArgument, "no code for address \(resolved)") }
        guard ActorCodes.isAccount(code) else {
            throw ActorError(.errIllegalArgument, "worker actor type must be an account, was \(code)")
        }
        if raw.protocol != .bls {
            let result = try rt.send(to: resolved, method: MinerCalls.accountPubkeyAddress, params: [], value: .zero)
            guard result.exitCode.isSuccess else {
                throw ActorError(result.exitCode, "failed to fetch account pubkey from \(resolved)")
            }
            let pubkey: Address
            do { pubkey = try Address(cborBytes: result.returnData) } catch {
                throw ActorError(.errSerialization, "failed to unmarshal return value: \(error)")
            }
            guard pubkey.protocol == .bls else {
                throw ActorError(.errIllegalArgument, "worker account \(resolved) must have BLS pubkey, was \(pubkey.protocol)")
            }
        }
        return resolved
    }

    /// v2 `checkControlAddresses`.
    func checkControlAddresses(_ addresses: [Address]) throws(ActorError) {
        guard addresses.count <= MinerPolicy.maxControlAddresses else {
            throw ActorError(
                .errIllegalArgument,
                "control addresses length \(addresses.count) exceeds max control addresses length \(MinerPolicy.maxControlAddresses)")
        }
    }

    /// v2 `checkPeerInfo`.
    func checkPeerInfo(peerID: [UInt8], multiaddrs: [[UInt8]]) throws(ActorError) {
        guard peerID.count <= MinerPolicy.maxPeerIDLength else {
            throw ActorError(.errIllegalArgument, "peer ID size of \(peerID.count) exceeds maximum size of \(MinerPolicy.maxPeerIDLength)")
        }
        var total = 0
        for address in multiaddrs {
            guard !address.isEmpty else { throw ActorError(.errIllegalArgument, "invalid empty multiaddr") }
            total += address.count
        }
        guard total <= MinerPolicy.maxMultiaddrData else {
            throw ActorError(.errIllegalArgument, "multiaddr size of \(total) exceeds maximum of \(MinerPolicy.maxMultiaddrData)")
        }
    }
}
