import BigInt
import DagCBOR
import FilecoinTypes

/// The sectors expiring at one (quantized) epoch of a partition's expiration queue, with their
/// totals (specs-actors `ExpirationSet`): `[OnTimeSectors, EarlySectors, OnTimePledge, ActivePower, FaultyPower]`.
///
/// On-time sectors reach their committed expiration; early sectors are faulty ones that expire
/// at the end of the maximum fault period. Invariant (v2 `ValidateState`): no total negative.
public struct ExpirationSet: Hashable, Sendable, CBORCodable {
    public var onTimeSectors: Bitfield
    public var earlySectors: Bitfield
    public var onTimePledge: TokenAmount
    public var activePower: PowerPair
    public var faultyPower: PowerPair

    public init(
        onTimeSectors: Bitfield = Bitfield(), earlySectors: Bitfield = Bitfield(), onTimePledge: TokenAmount = .zero,
        activePower: PowerPair = .zero, faultyPower: PowerPair = .zero
    ) {
        self.onTimeSectors = onTimeSectors
        self.earlySectors = earlySectors
        self.onTimePledge = onTimePledge
        self.activePower = activePower
        self.faultyPower = faultyPower
    }

    public static let empty = ExpirationSet()

    public var isEmpty: Bool { onTimeSectors.isEmpty && earlySectors.isEmpty }
    public var count: UInt64 { onTimeSectors.count + earlySectors.count }

    /// Adds to the set; v2 then validates (v0 did not).
    mutating func add(
        onTime: Bitfield, early: Bitfield, pledge: TokenAmount, active: PowerPair, faulty: PowerPair, actorsVersion: Int
    ) throws(ActorError) {
        onTimeSectors = onTimeSectors.union(onTime)
        earlySectors = earlySectors.union(early)
        onTimePledge += pledge
        activePower += active
        faultyPower += faulty
        if actorsVersion >= 2 { try validate() }
    }

    /// Removes from the set: the sectors must all be present.
    mutating func remove(
        onTime: Bitfield, early: Bitfield, pledge: TokenAmount, active: PowerPair, faulty: PowerPair, actorsVersion: Int
    ) throws(ActorError) {
        guard onTime.isSubset(of: onTimeSectors) else {
            throw ActorError(.errIllegalState, "removing on-time sectors \(onTime) not contained in \(onTimeSectors)")
        }
        guard early.isSubset(of: earlySectors) else {
            throw ActorError(.errIllegalState, "removing early sectors \(early) not contained in \(earlySectors)")
        }
        onTimeSectors = onTimeSectors.subtracting(onTime)
        earlySectors = earlySectors.subtracting(early)
        onTimePledge -= pledge
        activePower -= active
        faultyPower -= faulty
        if onTimePledge.isNegative { throw ActorError(.errIllegalState, "expiration set pledge underflow") }
        if activePower.qa.signum() < 0 || faultyPower.qa.signum() < 0 {
            throw ActorError(.errIllegalState, "expiration set power underflow")
        }
        if actorsVersion >= 2 { try validate() }
    }

    func validate() throws(ActorError) {
        if onTimePledge.isNegative { throw ActorError(.errIllegalState, "ESet left with negative pledge") }
        if activePower.isNegative { throw ActorError(.errIllegalState, "ESet left with negative active power") }
        if faultyPower.isNegative { throw ActorError(.errIllegalState, "ESet left with negative faulty power") }
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 5)
        onTimeSectors = try Bitfield(from: &reader)
        earlySectors = try Bitfield(from: &reader)
        onTimePledge = try TokenAmount(from: &reader)
        activePower = try PowerPair(from: &reader)
        faultyPower = try PowerPair(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(5)
        onTimeSectors.encode(to: &writer)
        earlySectors.encode(to: &writer)
        onTimePledge.encode(to: &writer)
        activePower.encode(to: &writer)
        faultyPower.encode(to: &writer)
    }
}
