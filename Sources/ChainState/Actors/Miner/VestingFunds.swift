import BigInt
import DagCBOR
import FilecoinTypes

/// The miner's vesting table: `[[ [Epoch, Amount], ... ]]`, entries sorted by epoch, each epoch
/// at most once (the same in v0 and v2).
public struct VestingFunds: CBORCodable, Sendable, Hashable {
    public struct Fund: Sendable, Hashable {
        public var epoch: Int64
        public var amount: TokenAmount

        public init(epoch: Int64, amount: TokenAmount) {
            self.epoch = epoch
            self.amount = amount
        }
    }

    public var funds: [Fund]

    public init(funds: [Fund] = []) { self.funds = funds }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        let count = try reader.readArrayHeader()
        funds = []
        for _ in 0..<count {
            try reader.readArrayHeader(expected: 2)
            let epoch = try reader.readInt()
            funds.append(Fund(epoch: epoch, amount: try TokenAmount(from: &reader)))
        }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(funds.count)
        for fund in funds {
            writer.writeArrayHeader(2)
            writer.writeInt(fund.epoch)
            fund.amount.encode(to: &writer)
        }
    }

    /// Removes and returns everything that vested strictly before `epoch`.
    public mutating func unlockVestedFunds(epoch: Int64) -> TokenAmount {
        var unlocked = TokenAmount.zero
        var removeThrough = -1
        for (index, fund) in funds.enumerated() {
            if fund.epoch >= epoch { break }
            unlocked += fund.amount
            removeThrough = index
        }
        if removeThrough >= 0 { funds.removeFirst(removeThrough + 1) }
        return unlocked
    }

    /// Adds `sum` to the table, vesting linearly per `spec` from `epoch`, entries quantized up
    /// to the spec's quantization offset by the proving period start.
    public mutating func addLockedFunds(epoch: Int64, sum: TokenAmount, provingPeriodStart: Int64, spec: MinerPolicy.VestSpec) {
        var indexOf: [Int64: Int] = [:]
        for (index, fund) in funds.enumerated() { indexOf[fund.epoch] = index }
        let vestBegin = epoch + spec.initialDelay
        let period = BigInt(spec.vestPeriod)
        var vestedSoFar = BigInt(0)
        var e = vestBegin + spec.stepDuration
        while vestedSoFar < sum.attoFIL {
            let vestEpoch = MinerPolicy.quantizeUp(e, unit: spec.quantization, offset: provingPeriodStart)
            let elapsed = vestEpoch - vestBegin
            let target = elapsed < spec.vestPeriod ? sum.attoFIL * BigInt(elapsed) / period : sum.attoFIL
            let thisTime = target - vestedSoFar
            vestedSoFar = target
            if let index = indexOf[vestEpoch] {
                funds[index].amount += TokenAmount(attoFIL: thisTime)
            } else {
                funds.append(Fund(epoch: vestEpoch, amount: TokenAmount(attoFIL: thisTime)))
                indexOf[vestEpoch] = funds.count - 1
            }
            e += spec.stepDuration
        }
        // Go's sort.Slice is not stable, but epochs are unique so any sort gives the same order.
        funds.sort { $0.epoch < $1.epoch }
    }

    /// Removes up to `target` from entries not yet vested at `epoch`, earliest first; returns the amount removed.
    public mutating func unlockUnvestedFunds(epoch: Int64, target: TokenAmount) -> TokenAmount {
        var unlocked = TokenAmount.zero
        var removeThrough = -1
        var removeFrom = 0
        for index in funds.indices {
            if unlocked >= target { break }
            let fund = funds[index]
            if fund.epoch >= epoch {
                let amount = min(target - unlocked, fund.amount)
                unlocked += amount
                let remaining = fund.amount - amount
                if remaining.isZero {
                    removeThrough = index
                } else {
                    funds[index].amount = remaining
                }
            } else {
                removeFrom = index + 1
            }
        }
        if removeThrough >= 0 {
            funds.removeSubrange(removeFrom...removeThrough)
        }
        return unlocked
    }
}
