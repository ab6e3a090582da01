import BigInt
import DagCBOR
import FilecoinTypes

/// Construction and the miner's control: addresses, peer info, owner and worker changes.
extension MinerActor {
    // MARK: Constructor

    func constructor(_ rt: any Runtime, _ params: MinerConstructorParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(is: BuiltinAddress.initActor)
        if v2 {
            try checkControlAddresses(params.controlAddresses)
            try checkPeerInfo(peerID: params.peerID, multiaddrs: params.multiaddrs)
        }
        guard policy.supportedProofTypes.contains(params.sealProofType) else {
            throw ActorError(.errIllegalArgument, "proof type \(params.sealProofType) not allowed for new miner actors")
        }
        let owner = try resolveControlAddress(rt, params.owner)
        let worker = try resolveWorkerAddress(rt, params.worker)
        var controls: [Address] = []
        for address in params.controlAddresses { controls.append(try resolveControlAddress(rt, address)) }

        let emptyMap = try ActorHAMT(store: rt.store, sortsOnCollapse: sorts).flush()
        let emptyArray = try ActorAMT(store: rt.store).flush()
        let emptyBitfield = try rt.store.put(Bitfield().cborBytes)
        let emptyDeadline = try rt.store.put(Self.emptyDeadlineBytes(emptyArray: emptyArray))
        let emptyDeadlines = try rt.store.put(Self.deadlinesBytes(Array(repeating: emptyDeadline, count: Int(MinerPolicy.wpostPeriodDeadlines))))
        let emptyVesting = try rt.store.put(VestingFunds().cborBytes)

        let epoch = rt.epoch
        let offset = try assignProvingPeriodOffset(rt, epoch: epoch)
        let periodStart: Int64
        var deadlineIndex: UInt64 = 0
        if v2 {
            periodStart = Self.currentProvingPeriodStart(epoch: epoch, offset: offset)
            guard epoch >= periodStart else { throw MinerState.assertionFailure("period start after current epoch") }
            deadlineIndex = UInt64((epoch - periodStart) / MinerPolicy.wpostChallengeWindow)
            guard deadlineIndex < MinerPolicy.wpostPeriodDeadlines else { throw MinerState.assertionFailure("deadline index out of range") }
        } else {
            periodStart = Self.nextProvingPeriodStart(epoch: epoch, offset: offset)
            guard periodStart > epoch else { throw MinerState.assertionFailure("period start not after current epoch") }
        }

        let sectorSize: UInt64
        let partitionSectors: UInt64
        do {
            sectorSize = try params.sealProofType.sectorSize()
            partitionSectors = try params.sealProofType.windowPoStPartitionSectors()
        } catch {
            throw ActorError(.errIllegalArgument, "failed to construct initial miner info: \(error)")
        }
        let info = MinerInfo(
            owner: owner, worker: worker, controlAddresses: controls, peerID: params.peerID, multiaddrs: params.multiaddrs,
            sealProofType: params.sealProofType, sectorSize: sectorSize, windowPoStPartitionSectors: partitionSectors,
            actorsVersion: actorsVersion)
        let infoCID = try rt.store.put(info.cborBytes)
        let state = MinerState(
            info: infoCID, vestingFunds: emptyVesting, emptyMap: emptyMap, emptyArray: emptyArray, emptyBitfield: emptyBitfield,
            deadlines: emptyDeadlines, provingPeriodStart: periodStart, currentDeadline: deadlineIndex, actorsVersion: actorsVersion)
        try rt.createState(state)

        let eventEpoch: Int64
        if v2 {
            eventEpoch = periodStart + MinerPolicy.wpostChallengeWindow * Int64(1 + deadlineIndex) - 1
        } else {
            eventEpoch = periodStart - 1
        }
        try MinerCalls.enrollCronEvent(rt, epoch: eventEpoch, payload: MinerCronEventPayload(eventType: MinerCronEventPayload.provingDeadline))
        return []
    }

    /// An empty `Deadline`: `[Partitions, ExpirationsEpochs, PostSubmissions, EarlyTerminations,
    /// LiveSectors, TotalSectors, FaultyPower]`, both AMTs empty, zero power.
    static func emptyDeadlineBytes(emptyArray: CID) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(7)
        writer.writeCID(emptyArray)
        writer.writeCID(emptyArray)
        Bitfield().encode(to: &writer)
        Bitfield().encode(to: &writer)
        writer.writeUnsigned(0)
        writer.writeUnsigned(0)
        writer.writeArrayHeader(2)
        FilecoinBigInt.encode(0, to: &writer)
        FilecoinBigInt.encode(0, to: &writer)
        return writer.bytes
    }

    /// `Deadlines`: `[[Due × 48]]`.
    static func deadlinesBytes(_ due: [CID]) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(due.count)
        for cid in due { writer.writeCID(cid) }
        return writer.bytes
    }

    /// `assignProvingPeriodOffset`: blake2b of the receiver's CBOR and the epoch (big-endian),
    /// its first 8 bytes modulo the proving period.
    func assignProvingPeriodOffset(_ rt: any Runtime, epoch: Int64) throws(ActorError) -> Int64 {
        var seed = rt.receiver.cborBytes
        withUnsafeBytes(of: epoch.bigEndian) { seed.append(contentsOf: $0) }
        let digest = try rt.hashBlake2b(seed)
        guard digest.count >= 8 else { throw ActorError(.errSerialization, "failed to assign proving period offset") }
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int64(value % UInt64(MinerPolicy.wpostProvingPeriod))
    }

    /// v0: the first period start after `epoch` at `offset` from a period boundary.
    static func nextProvingPeriodStart(epoch: Int64, offset: Int64) -> Int64 {
        let modulus = epoch % MinerPolicy.wpostProvingPeriod
        let progress = modulus >= offset ? modulus - offset : MinerPolicy.wpostProvingPeriod - (offset - modulus)
        return epoch - progress + MinerPolicy.wpostProvingPeriod
    }

    /// v2: the period start at or before `epoch`.
    static func currentProvingPeriodStart(epoch: Int64, offset: Int64) -> Int64 {
        let modulus = epoch % MinerPolicy.wpostProvingPeriod
        let progress = modulus >= offset ? modulus - offset : MinerPolicy.wpostProvingPeriod - (offset - modulus)
        return epoch - progress
    }

    // MARK: Control

    func controlAddresses(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCallerAcceptAny()
        let state = try rt.state(MinerState.self)
        let info = try minerInfo(rt, state)
        return GetControlAddressesReturn(owner: info.owner, worker: info.worker, controlAddresses: info.controlAddresses).cborBytes
    }

    func changeWorkerAddress(_ rt: any Runtime, _ params: ChangeWorkerAddressParams) throws(ActorError) -> [UInt8] {
        if v2 { try checkControlAddresses(params.newControlAddresses) }
        let newWorker = try resolveWorkerAddress(rt, params.newWorker)
        var controls: [Address] = []
        for address in params.newControlAddresses { controls.append(try resolveControlAddress(rt, address)) }
        let epoch = rt.epoch
        let v2 = self.v2
        let effective: Int64? = try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) -> Int64? in
            var info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: info.owner)
            info.controlAddresses = controls
            var effective: Int64?
            if newWorker != info.worker && (!v2 || info.pendingWorkerKey == nil) {
                let at = epoch + MinerPolicy.workerKeyChangeDelay
                info.pendingWorkerKey = WorkerKeyChange(newWorker: newWorker, effectiveAt: at)
                effective = at
            }
            try state.saveInfo(rt.store, info)
            return effective
        }
        // v0 schedules the key change with cron; v2 waits for ConfirmUpdateWorkerKey.
        if !v2, let effective {
            try MinerCalls.enrollCronEvent(rt, epoch: effective, payload: MinerCronEventPayload(eventType: MinerCronEventPayload.workerKeyChange))
        }
        return []
    }

    /// v2: applies a pending worker key change once its epoch has come.
    func confirmUpdateWorkerKey(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) in
            let info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: info.owner)
            try Self.processPendingWorker(rt, &state, info)
        }
        return []
    }

    /// Commits a due worker key change (v2 `processPendingWorker`; v0's cron `commitWorkerKeyChange`).
    static func processPendingWorker(_ rt: any Runtime, _ state: inout MinerState, _ current: MinerInfo) throws(ActorError) {
        guard let pending = current.pendingWorkerKey, rt.epoch >= pending.effectiveAt else { return }
        var info = current
        info.worker = pending.newWorker
        info.pendingWorkerKey = nil
        try state.saveInfo(rt.store, info)
    }

    /// v2: proposes (by the owner) or confirms (by the proposed address) an owner change.
    func changeOwnerAddress(_ rt: any Runtime, _ newAddress: Address) throws(ActorError) -> [UInt8] {
        guard !newAddress.bytes.isEmpty else { throw ActorError(.errIllegalArgument, "empty address") }
        guard newAddress.protocol == .id else { throw ActorError(.errIllegalArgument, "owner address must be an ID address") }
        let caller = rt.caller
        try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) in
            var info = try state.loadInfo(rt.store)
            if caller == info.owner || info.pendingOwnerAddress == nil {
                try rt.validateImmediateCaller(is: info.owner)
                info.pendingOwnerAddress = newAddress
            } else if let pending = info.pendingOwnerAddress {
                try rt.validateImmediateCaller(is: pending)
                guard newAddress == pending else {
                    throw ActorError(.errIllegalArgument, "expected confirmation of \(pending), got \(newAddress)")
                }
                info.owner = pending
            }
            if let pending = info.pendingOwnerAddress, pending == info.owner { info.pendingOwnerAddress = nil }
            try state.saveInfo(rt.store, info)
        }
        return []
    }

    func changePeerID(_ rt: any Runtime, _ params: ChangePeerIDParams) throws(ActorError) -> [UInt8] {
        if v2 { try checkPeerInfo(peerID: params.newID, multiaddrs: []) }
        try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) in
            var info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            info.peerID = params.newID
            try state.saveInfo(rt.store, info)
        }
        return []
    }

    func changeMultiaddrs(_ rt: any Runtime, _ params: ChangeMultiaddrsParams) throws(ActorError) -> [UInt8] {
        if v2 { try checkPeerInfo(peerID: [], multiaddrs: params.newMultiaddrs) }
        try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) in
            var info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            info.multiaddrs = params.newMultiaddrs
            try state.saveInfo(rt.store, info)
        }
        return []
    }
}
