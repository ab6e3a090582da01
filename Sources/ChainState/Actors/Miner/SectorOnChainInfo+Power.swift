import BigInt
import FilecoinTypes

extension SectorOnChainInfo {
    /// The sector's raw and quality-adjusted power (`PowerForSector`), identical in v0 and v2.
    public func power(sectorSize: UInt64) -> PowerPair {
        PowerPair(raw: BigInt(sectorSize), qa: Self.qaPower(
            sectorSize: sectorSize, duration: expiration - activation,
            dealWeight: dealWeight, verifiedDealWeight: verifiedDealWeight))
    }

    /// `QAPowerForWeight`: size × quality >> 20, quality the space-time weighted mean of the
    /// multipliers 10 (no deal), 10 (deal) and 100 (verified deal), over 10.
    static func qaPower(sectorSize: UInt64, duration: Int64, dealWeight: BigInt, verifiedDealWeight: BigInt) -> BigInt {
        let size = BigInt(sectorSize)
        let spaceTime = size * BigInt(duration)
        // A zero duration divides by zero in Go (a panic); callers never pass one for live sectors.
        guard !spaceTime.isZero else { return 0 }
        let base = (spaceTime - dealWeight - verifiedDealWeight) * 10
        let weighted = base + dealWeight * 10 + verifiedDealWeight * 100
        let quality = ((weighted << 20).quotientAndRemainder(dividingBy: spaceTime).quotient)
            .quotientAndRemainder(dividingBy: 10).quotient
        return (size * quality) >> 20
    }
}

extension Array where Element == SectorOnChainInfo {
    /// The summed power of the sectors (`PowerForSectors`).
    func power(sectorSize: UInt64) -> PowerPair {
        var raw = BigInt(0)
        var qa = BigInt(0)
        for sector in self {
            raw += BigInt(sectorSize)
            qa += sector.power(sectorSize: sectorSize).qa
        }
        return PowerPair(raw: raw, qa: qa)
    }
}
