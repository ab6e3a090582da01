import DagCBOR
import FilecoinTypes

/// The payment channel actor (specs-actors v0.9 and v2): a payer funds the channel, the payee
/// redeems signed vouchers per lane, and after settling the balance is split and the channel
/// deleted. Lane states live in an AMT.
public struct PaychActor: BuiltinActor {
    public let actorsVersion: Int
    /// 12 hours of 30-second epochs.
    public static let settleDelay: Int64 = 12 * 120
    public static let maxSecretSize = 256
    public static let errChannelStateUpdateAfterSettled = ExitCode(32)

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1: return try constructor(rt, rt.tuple(params, 2))
        case 2: return try updateChannelState(rt, rt.tuple(params, actorsVersion >= 2 ? 2 : 3))
        case 3: return try settle(rt)
        case 4: return try collect(rt)
        default: throw invalidMethod(method)
        }
    }

    private func constructor(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let fromParam = try p.address(0)
        let toParam = try p.address(1)
        try rt.validateImmediateCaller(type: [ActorCodes.code("init", actorsVersion: actorsVersion)])
        let to = try resolveAccount(rt, toParam)
        let from = try resolveAccount(rt, fromParam)
        let lanes = try ActorAMT(store: rt.store).flush()
        try rt.createState(PaychState(from: from, to: to, toSend: .zero, settlingAt: 0, minSettleHeight: 0, laneStates: lanes))
        return []
    }

    private func resolveAccount(_ rt: any Runtime, _ raw: Address) throws(ActorError) -> Address {
        let resolved: Address
        if actorsVersion >= 2 {
            do { resolved = try MultisigActor.resolveToID(rt, raw) } catch where !error.isFatal && error.code != .sysErrOutOfGas {
                throw ActorError(.errIllegalState, "failed to resolve address \(raw): \(error)")
            }
        } else {
            guard let id = try rt.resolveAddress(raw) else { throw ActorError(.errNotFound, "failed to resolve address \(raw)") }
            resolved = id
        }
        guard let code = try rt.actorCode(of: resolved) else {
            throw ActorError(actorsVersion >= 2 ? .errIllegalArgument : .errForbidden, "no code for address \(resolved)")
        }
        guard code == ActorCodes.code("account", actorsVersion: actorsVersion) else {
            throw ActorError(.errForbidden, "actor \(raw) must be an account, was \(code)")
        }
        return resolved
    }

    private func updateChannelState(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let voucher = try p.tuple(0, count: 11)
        let secret = try p.bytes(1)
        let channel = try voucher.address(0)
        let timeLockMin = try voucher.int(1)
        let timeLockMax = try voucher.int(2)
        let secretPreimage = try voucher.bytes(3)
        let extra: ParamsTuple? = try voucher.raw(4) == .null ? nil : voucher.tuple(4, count: 3)
        let lane = try voucher.unsigned(5)
        let nonce = try voucher.unsigned(6)
        let amount = try voucher.amount(7)
        let minSettleHeight = try voucher.int(8)
        var merges: [(lane: UInt64, nonce: UInt64)] = []
        for item in try voucher.rawArray(9) {
            guard case .array(let pair) = item, pair.count == 2, case .unsigned(let l) = pair[0], case .unsigned(let n) = pair[1] else {
                throw ActorError(rt.networkVersion < 7 ? ExitCode(1) : .errSerialization, "malformed merge")
            }
            merges.append((l, n))
        }
        let signatureBytes = try voucher.optionalBytes(10)
        if let extra { _ = try extra.address(0); _ = try extra.unsigned(1); _ = try extra.bytes(2) }

        let state = try rt.state(PaychState.self)
        try rt.validateImmediateCaller(is: [state.from, state.to])
        let signer = rt.caller == state.from ? state.to : state.from
        guard let signatureBytes else { throw ActorError(.errIllegalArgument, "voucher has no signature") }
        if actorsVersion >= 2 {
            if state.settlingAt != 0, rt.epoch >= state.settlingAt {
                throw ActorError(Self.errChannelStateUpdateAfterSettled, "no vouchers can be processed after SettlingAt epoch")
            }
            guard secret.count <= Self.maxSecretSize else {
                throw ActorError(.errIllegalArgument, "secret must be at most 256 bytes long")
            }
        }
        guard let kindByte = signatureBytes.first, let kind = Signature.Kind(rawValue: kindByte) else {
            throw ActorError(.errIllegalArgument, "voucher signature invalid")
        }
        let signature = Signature(kind: kind, data: Array(signatureBytes.dropFirst()))
        guard try rt.verifySignature(signature, signer: signer, plaintext: Self.signingBytes(voucher)) else {
            throw ActorError(.errIllegalArgument, "voucher signature invalid")
        }
        if actorsVersion >= 2 {
            guard let channelID = try rt.resolveAddress(channel) else {
                throw ActorError(.errIllegalArgument, "voucher payment channel address does not resolve to an ID address")
            }
            guard channelID == rt.receiver else {
                throw ActorError(.errIllegalArgument, "voucher payment channel address does not match receiver")
            }
        } else if channel != rt.receiver {
            throw ActorError(.errIllegalArgument, "voucher payment channel address does not match receiver")
        }
        guard rt.epoch >= timeLockMin else { throw ActorError(.errIllegalArgument, "cannot use this voucher yet!") }
        if timeLockMax != 0, rt.epoch > timeLockMax { throw ActorError(.errIllegalArgument, "this voucher has expired!") }
        guard !amount.isNegative else { throw ActorError(.errIllegalArgument, "voucher amount must be non-negative") }
        if !secretPreimage.isEmpty {
            guard try rt.hashBlake2b(secret) == secretPreimage else { throw ActorError(.errIllegalArgument, "incorrect secret!") }
        }
        if let extra {
            var data = try extra.bytes(2)
            if actorsVersion == 0 {
                // PaymentVerifyParams{Extra, Proof}
                var writer = CBORWriter()
                writer.writeArrayHeader(2)
                writer.writeBytes(data)
                writer.writeBytes(try p.bytes(2))
                data = writer.bytes
            }
            let result = try rt.send(to: try extra.address(0), method: try extra.unsigned(1), params: data, value: .zero)
            guard result.exitCode.isSuccess else { throw ActorError(result.exitCode, "spend voucher verification failed") }
        }
        try rt.transaction(PaychState.self) { (st: inout PaychState) throws(ActorError) in
            let lanes = try ActorAMT(loading: st.laneStates, store: rt.store)
            let laneState = try findLane(lanes, lane)
            if let existing = laneState, existing.nonce >= nonce {
                throw ActorError(.errIllegalArgument, "voucher has an outdated nonce, cannot redeem")
            }
            var current = laneState ?? LaneState(redeemed: .zero, nonce: 0)
            var fromOthers = TokenAmount.zero
            for merge in merges {
                guard merge.lane != lane else { throw ActorError(.errIllegalArgument, "voucher cannot merge lanes into its own lane") }
                guard var other = try findLane(lanes, merge.lane) else {
                    throw ActorError(.errIllegalArgument, "voucher specifies invalid merge lane \(merge.lane)")
                }
                guard other.nonce < merge.nonce else {
                    throw ActorError(.errIllegalArgument, "merged lane in voucher has outdated nonce, cannot redeem")
                }
                fromOthers += other.redeemed
                other.nonce = merge.nonce
                try lanes.set(merge.lane, other.cborBytes)
            }
            current.nonce = nonce
            let delta = amount - (fromOthers + current.redeemed)
            current.redeemed = amount
            let newSend = st.toSend + delta
            guard !newSend.isNegative else { throw ActorError(.errIllegalArgument, "voucher would leave channel balance negative") }
            guard newSend <= (try rt.currentBalance()) else {
                throw ActorError(.errIllegalArgument, "not enough funds in channel to cover voucher")
            }
            st.toSend = newSend
            if minSettleHeight != 0 {
                if st.settlingAt != 0, st.settlingAt < minSettleHeight { st.settlingAt = minSettleHeight }
                if st.minSettleHeight < minSettleHeight { st.minSettleHeight = minSettleHeight }
            }
            try lanes.set(lane, current.cborBytes)
            st.laneStates = try lanes.flush()
        }
        return []
    }

    private func findLane(_ lanes: ActorAMT, _ id: UInt64) throws(ActorError) -> LaneState? {
        guard id <= ActorAMT.maxIndex else { throw ActorError(.errIllegalArgument, "maximum lane ID is 2^63-1") }
        guard let raw = try lanes.get(id) else { return nil }
        do { return try LaneState(cborBytes: raw) } catch { throw ActorError(.errIllegalState, "failed to load lane \(id)") }
    }

    private func settle(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        try rt.transaction(PaychState.self) { (st: inout PaychState) throws(ActorError) in
            try rt.validateImmediateCaller(is: [st.from, st.to])
            guard st.settlingAt == 0 else { throw ActorError(.errIllegalState, "channel already settling") }
            st.settlingAt = rt.epoch + Self.settleDelay
            if st.settlingAt < st.minSettleHeight { st.settlingAt = st.minSettleHeight }
        }
        return []
    }

    private func collect(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        let st = try rt.state(PaychState.self)
        try rt.validateImmediateCaller(is: [st.from, st.to])
        guard st.settlingAt != 0, rt.epoch >= st.settlingAt else {
            throw ActorError(.errForbidden, "payment channel not settling or settled")
        }
        let result = try rt.send(to: st.to, method: 0, params: [], value: st.toSend)
        guard result.exitCode.isSuccess else { throw ActorError(result.exitCode, "Failed to send funds to `To`") }
        try rt.deleteActor(beneficiary: st.from)
        return []
    }

    /// The voucher's CBOR with a null signature.
    static func signingBytes(_ voucher: ParamsTuple) throws(ActorError) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(11)
        for index in 0..<10 { writer.writeRaw(try voucher.raw(index).cborBytes) }
        writer.writeNull()
        return writer.bytes
    }
}

/// A payment channel's state: `[From, To, ToSend, SettlingAt, MinSettleHeight, LaneStates]`.
public struct PaychState: CBORCodable, Sendable {
    public var from: Address
    public var to: Address
    public var toSend: TokenAmount
    public var settlingAt: Int64
    public var minSettleHeight: Int64
    public var laneStates: CID

    public init(from: Address, to: Address, toSend: TokenAmount, settlingAt: Int64, minSettleHeight: Int64, laneStates: CID) {
        self.from = from
        self.to = to
        self.toSend = toSend
        self.settlingAt = settlingAt
        self.minSettleHeight = minSettleHeight
        self.laneStates = laneStates
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 6)
        from = try Address(from: &reader)
        to = try Address(from: &reader)
        toSend = try TokenAmount(from: &reader)
        settlingAt = try reader.readInt()
        minSettleHeight = try reader.readInt()
        laneStates = try reader.readCID()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(6)
        from.encode(to: &writer)
        to.encode(to: &writer)
        toSend.encode(to: &writer)
        writer.writeInt(settlingAt)
        writer.writeInt(minSettleHeight)
        writer.writeCID(laneStates)
    }
}

/// One lane: `[Redeemed, Nonce]`.
public struct LaneState: CBORCodable, Sendable {
    public var redeemed: TokenAmount
    public var nonce: UInt64

    public init(redeemed: TokenAmount, nonce: UInt64) {
        self.redeemed = redeemed
        self.nonce = nonce
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        redeemed = try TokenAmount(from: &reader)
        nonce = try reader.readUnsigned()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        redeemed.encode(to: &writer)
        writer.writeUnsigned(nonce)
    }
}
