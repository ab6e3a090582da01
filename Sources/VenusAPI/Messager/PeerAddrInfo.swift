/// A libp2p peer and its addresses (go-libp2p `peer.AddrInfo`), as the `Net*` methods carry it:
/// `{"ID": "<peer ID>", "Addrs": ["<multiaddr>", ...]}`. Both kept as text: VenusAPI does not
/// parse peer IDs or multiaddrs; the service that dials does.
public struct PeerAddrInfo: Hashable, Sendable {
    public var id: String
    public var addrs: [String]

    public init(id: String, addrs: [String] = []) {
        self.id = id
        self.addrs = addrs
    }
}

extension PeerAddrInfo: Codable {
    private enum CodingKeys: String, CodingKey { case id = "ID", addrs = "Addrs" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), addrs: try c.decodeIfPresent([String].self, forKey: .addrs) ?? [])
    }

    /// `Addrs` is always a list, as go-libp2p writes it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(addrs, forKey: .addrs)
    }
}
