import DagCBOR

/// The identity of a tipset: the CIDs of its blocks in tipset order (Lotus `types.TipSetKey`).
///
/// Its byte form, used as a map key and inside randomness and CBOR, is the concatenation of the
/// CIDs' binary forms.
public struct TipSetKey: Hashable, Sendable {
    public let cids: [CID]

    public init(_ cids: [CID]) { self.cids = cids }

    public static let empty = TipSetKey([])

    /// The concatenated binary CIDs.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        for cid in cids { result.append(contentsOf: cid.bytes) }
        return result
    }

    /// Parses concatenated binary CIDs.
    public init(bytes: [UInt8]) throws {
        var cids: [CID] = []
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let (cid, length) = try CID.prefix(of: remaining)
            cids.append(cid)
            remaining = remaining.dropFirst(length)
        }
        self.init(cids)
    }
}

extension TipSetKey: CustomStringConvertible {
    /// `{bafy...,bafy...}` as Lotus prints a key.
    public var description: String { "{" + cids.map(\.description).joined(separator: ",") + "}" }
}
