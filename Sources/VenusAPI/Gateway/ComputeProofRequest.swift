import GoCompat
import Foundation

/// The payload of a `ComputeProof` event (venus-shared `gateway.ComputeProofRequest`):
/// `{"SectorInfos": [...], "Rand": "<base64>", "Height": 100, "NWVersion": 21}`.
public struct ComputeProofRequest: Codable, Sendable, Hashable {
    public var sectorInfos: [ExtendedSectorInfo]
    public var rand: Data
    public var height: Int64
    public var networkVersion: UInt32

    public init(sectorInfos: [ExtendedSectorInfo], rand: Data, height: Int64, networkVersion: UInt32) {
        self.sectorInfos = sectorInfos
        self.rand = rand
        self.height = height
        self.networkVersion = networkVersion
    }

    enum CodingKeys: String, CodingKey {
        case sectorInfos = "SectorInfos", rand = "Rand", height = "Height", networkVersion = "NWVersion"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sectorInfos = try c.decodeIfPresent([ExtendedSectorInfo].self, forKey: .sectorInfos) ?? []
        rand = Data(try c.decodeIfPresent(GoBytes.self, forKey: .rand)?.orEmpty ?? [])
        height = try c.decode(Int64.self, forKey: .height)
        networkVersion = try c.decode(UInt32.self, forKey: .networkVersion)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sectorInfos, forKey: .sectorInfos)
        try c.encode(GoBytes(nilIfEmpty: rand), forKey: .rand)
        try c.encode(height, forKey: .height)
        try c.encode(networkVersion, forKey: .networkVersion)
    }
}
