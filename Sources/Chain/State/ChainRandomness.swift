import ChainState
import FilecoinTypes
import IPLD

/// The randomness actors draw while a tipset executes, from that tipset's chain (Lotus
/// `rand.stateRand` over the executing tipset's key, reached through the legacy runtime's
/// `GetRandomnessFromTickets` / `GetRandomnessFromBeacon`).
///
/// A draw at round `r` finds the tipset at `max(r, 0)` on the chain behind the executing
/// tipset; when `r` is a null round, network versions up to 12 take the tipset *before* the
/// null rounds ("looking back") and 13 and later the one after ("looking forward"), the version
/// being the one of round `r`. Tickets: the base is the VRF proof of that tipset's smallest
/// ticket. Beacon: the base is the newest beacon entry at or behind that tipset (searching back
/// up to 20 tipsets). Either is then drawn with `Randomness.draw(base, tag, r, entropy)`; a round
/// after the executing tipset is refused ("cannot draw randomness from the future").
///
/// A failure is fatal to the application (Lotus panics with `aerrors.Fatal`): a chain that
/// cannot give its own randomness cannot be executed.
public struct ChainRandomness: RandomnessSource {
    public let reader: ChainReader
    public let tipset: TipSet
    public let schedule: NetworkUpgradeSchedule

    public init(reader: ChainReader, tipset: TipSet, schedule: NetworkUpgradeSchedule) {
        self.reader = reader
        self.tipset = tipset
        self.schedule = schedule
    }

    public func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        let lookingBack = schedule.networkVersion(at: epoch) <= 12
        do {
            return fromTickets
                ? try ticketRandomness(tag: tag, round: epoch, entropy: entropy, lookingBack: lookingBack)
                : try beaconRandomness(tag: tag, round: epoch, entropy: entropy, lookingBack: lookingBack)
        } catch {
            throw .fatal("could not get \(fromTickets ? "ticket" : "beacon") randomness for round \(epoch): \(error)")
        }
    }

    /// Lotus `GetChainRandomness`.
    public func ticketRandomness(tag: Int64, round: Int64, entropy: [UInt8], lookingBack: Bool) throws(ChainStoreError) -> [UInt8] {
        let source = try sourceTipset(round: round, lookingBack: lookingBack)
        guard let ticket = source.minTicket else { throw .invalidTipSet(source.key, "the tipset has no ticket") }
        return Randomness.draw(base: ticket.vrfProof, tag: tag, round: round, entropy: entropy)
    }

    /// Lotus `GetBeaconRandomness` (the pre-v14 rule: the entry of the tipset found, or the
    /// newest behind it).
    public func beaconRandomness(tag: Int64, round: Int64, entropy: [UInt8], lookingBack: Bool) throws(ChainStoreError) -> [UInt8] {
        let source = try sourceTipset(round: round, lookingBack: lookingBack)
        let entry = try reader.latestBeaconEntry(source)
        return Randomness.draw(base: entry.data, tag: tag, round: round, entropy: entropy)
    }

    private func sourceTipset(round: Int64, lookingBack: Bool) throws(ChainStoreError) -> TipSet {
        guard round <= tipset.height else {
            throw .heightOutOfRange(requested: round, from: tipset.height)
        }
        return try reader.tipSet(atHeight: max(round, 0), from: tipset, prev: lookingBack)
    }
}
