import DagCBOR
import IPLD

/// The root of a state tree: a bare actors HAMT (version 0: mainnet and calibnet genesis) or
/// `StateRoot{Version, Actors, Info}` (versions 1...5).
///
/// The HAMT generation follows the actors version that wrote the tree: go-hamt-ipld v0.1 for
/// version 0, v2 for version 1 and v3 from version 2 on; the init actor's address map uses the
/// same one. The actors HAMT is keyed by ID-address bytes.
public struct StateRoot: Hashable, Sendable {
    public static let supportedVersions: ClosedRange<UInt64> = 0...5

    public var version: UInt64
    /// The actors HAMT root (the root itself in version 0).
    public var actors: CID
    /// The state info block; nil exactly in version 0.
    public var info: CID?

    public init(version: UInt64, actors: CID, info: CID?) {
        self.version = version
        self.actors = actors
        self.info = info
    }

    /// Reads the root block `root`: a three-field `StateRoot`, or a two-field HAMT node (version 0).
    public init(loading root: CID, from store: any Blockstore) throws(StateTreeError) {
        let bytes: [UInt8]
        do { bytes = try store.getRequired(root) } catch { throw .store(error) }
        var reader = CBORReader(bytes: bytes)
        let count: Int
        do { count = try reader.readArrayHeader() } catch { throw .malformedStateRoot(root, "\(error)") }
        switch count {
        case 3:
            do {
                version = try reader.readUnsigned()
                actors = try reader.readCID()
                info = try reader.readCID()
                try reader.finish()
            } catch {
                throw .malformedStateRoot(root, "expected [version, actors CID, info CID]: \(error)")
            }
            guard version >= 1, Self.supportedVersions.contains(version) else { throw .unsupportedVersion(version) }
        case 2:
            // A bare HAMT node [bitfield, pointers]; loading the HAMT checks the rest.
            version = 0
            actors = root
            info = nil
        default:
            throw .malformedStateRoot(root, "neither a StateRoot nor a HAMT node")
        }
    }

    /// Stores the root for a flushed actors HAMT and returns its CID: the HAMT root itself in
    /// version 0, a new `[version, actors, info]` block otherwise.
    func store(in store: any Blockstore) throws(BlockstoreError) -> CID {
        guard version > 0, let info else { return actors }
        var writer = CBORWriter()
        writer.writeArrayHeader(3)
        writer.writeUnsigned(version)
        writer.writeCID(actors)
        writer.writeCID(info)
        return try store.putCBOR(writer.bytes)
    }

    /// The HAMT generation of a state tree version's actors and init address map.
    public static func hamtParameters(version: UInt64) -> HAMTParameters {
        switch version {
        case 0: .filecoinV0
        case 1: .filecoinV2
        default: .filecoin
        }
    }

    /// The actors HAMT key of actor `id`: the binary ID address (protocol 0, uvarint ID).
    public static func actorKey(id: UInt64) -> [UInt8] { [0] + Varint.encode(id) }

    /// The ID an actors HAMT key stands for, or nil when the key is not an ID address.
    public static func id(fromActorKey key: [UInt8]) -> UInt64? {
        guard key.first == 0 else { return nil }
        var index = 1
        guard let id = try? Varint.decode(key, from: &index), index == key.count else { return nil }
        return id
    }
}
