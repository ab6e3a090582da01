import BigInt
import DagCBOR
import FilecoinTypes

/// The multisig actor's state (identical layout in specs-actors v0 and v2):
/// `[Signers, NumApprovalsThreshold, NextTxnID, InitialBalance, StartEpoch, UnlockDuration, PendingTxns]`.
public struct MultisigState: CBORCodable, Sendable {
    public var signers: [Address]
    public var threshold: UInt64
    public var nextTxnID: Int64
    public var initialBalance: TokenAmount
    public var startEpoch: Int64
    public var unlockDuration: Int64
    public var pendingTxns: CID

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 7)
        let count = try reader.readArrayHeader()
        signers = []
        for _ in 0..<count { signers.append(try Address(from: &reader)) }
        threshold = try reader.readUnsigned()
        nextTxnID = try reader.readInt()
        initialBalance = try TokenAmount(from: &reader)
        startEpoch = try reader.readInt()
        unlockDuration = try reader.readInt()
        pendingTxns = try reader.readCID()
    }

    public init(signers: [Address], threshold: UInt64, pendingTxns: CID) {
        self.signers = signers
        self.threshold = threshold
        self.nextTxnID = 0
        self.initialBalance = .zero
        self.startEpoch = 0
        self.unlockDuration = 0
        self.pendingTxns = pendingTxns
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(7)
        writer.writeArrayHeader(signers.count)
        for signer in signers { signer.encode(to: &writer) }
        writer.writeUnsigned(threshold)
        writer.writeInt(nextTxnID)
        initialBalance.encode(to: &writer)
        writer.writeInt(startEpoch)
        writer.writeInt(unlockDuration)
        writer.writeCID(pendingTxns)
    }

    /// The balance still locked `elapsed` epochs after the start (v2 rounds up, v0 per unit).
    public func amountLocked(elapsed: Int64, actorsVersion: Int) -> TokenAmount {
        if elapsed >= unlockDuration { return .zero }
        if actorsVersion >= 2 {
            if elapsed <= 0 { return initialBalance }
            let duration = BigInt(unlockDuration)
            let numerator = initialBalance.attoFIL * (duration - BigInt(elapsed))
            let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: duration)
            return TokenAmount(attoFIL: remainder.isZero ? quotient : quotient + 1)
        }
        if elapsed < 0 { return initialBalance }
        let unit = initialBalance.attoFIL / BigInt(unlockDuration)
        return TokenAmount(attoFIL: unit * (BigInt(unlockDuration) - BigInt(elapsed)))
    }

    /// Nil when `amount` may be spent from `balance` at `epoch`, else why not.
    func unavailable(balance: TokenAmount, amount: TokenAmount, epoch: Int64, actorsVersion: Int) -> String? {
        if amount.isNegative { return "amount to spend \(amount) less than zero" }
        if balance < amount { return "current balance \(balance) less than amount to spend \(amount)" }
        if actorsVersion >= 2, amount.isZero { return nil }
        let locked = amountLocked(elapsed: epoch - startEpoch, actorsVersion: actorsVersion)
        if balance - amount < locked { return "balance would be less than locked amount \(locked)" }
        return nil
    }
}

/// A pending multisig transaction: `[To, Value, Method, Params, Approved]`.
public struct MultisigTransaction: CBORCodable, Sendable {
    public var to: Address
    public var value: TokenAmount
    public var method: UInt64
    public var params: [UInt8]
    /// Approvers in order; the first is the proposer.
    public var approved: [Address]

    public init(to: Address, value: TokenAmount, method: UInt64, params: [UInt8], approved: [Address]) {
        self.to = to
        self.value = value
        self.method = method
        self.params = params
        self.approved = approved
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 5)
        to = try Address(from: &reader)
        value = try TokenAmount(from: &reader)
        method = try reader.readUnsigned()
        params = try reader.readBytes()
        let count = try reader.readArrayHeader()
        approved = []
        for _ in 0..<count { approved.append(try Address(from: &reader)) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(5)
        to.encode(to: &writer)
        value.encode(to: &writer)
        writer.writeUnsigned(method)
        writer.writeBytes(params)
        writer.writeArrayHeader(approved.count)
        for address in approved { address.encode(to: &writer) }
    }

    /// The proposal hash's preimage: `[Requester, To, Value, Method, Params]`.
    var proposalHashData: [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(5)
        (approved.first ?? Address.idAddress(0)).encode(to: &writer)
        to.encode(to: &writer)
        value.encode(to: &writer)
        writer.writeUnsigned(method)
        writer.writeBytes(params)
        return writer.bytes
    }

    /// The HAMT key of a transaction ID: Go's zig-zag varint (`binary.PutVarint`).
    static func key(_ id: Int64) -> [UInt8] {
        var value = UInt64(bitPattern: (id << 1) ^ (id >> 63))
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }
}
