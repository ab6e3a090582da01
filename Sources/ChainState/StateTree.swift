import DagCBOR
import IPLD

/// Reads a Filecoin state tree: the actors HAMT keyed by ID-address bytes.
///
/// The root is either a bare actors HAMT (version 0: mainnet and calibnet genesis) or
/// `StateRoot{Version, Actors, Info}` (versions 1...5). The HAMT generation follows the actors
/// version that wrote the tree: go-hamt-ipld v0.1 for version 0, v2 for version 1 and v3 from
/// version 2 on; the init actor's address map uses the same one.
public struct StateTree: Sendable {
    /// The ID of the init actor, whose state maps robust addresses to IDs and names the network.
    public static let initActorID: UInt64 = 1

    public let store: any Blockstore
    public let root: CID
    public let version: UInt64
    /// The actors HAMT root.
    public let actorsRoot: CID
    /// The state info block (versions 1 and later).
    public let info: CID?
    private let actors: HAMT

    public init(root: CID, store: any Blockstore) throws(StateTreeError) {
        self.store = store
        self.root = root
        let bytes: [UInt8]
        do { bytes = try store.getRequired(root) } catch { throw .store(error) }
        let value: CBORValue
        do { value = try CBORValue(cborBytes: bytes) } catch { throw .malformedStateRoot(root, "\(error)") }
        switch value {
        case .array(let fields) where fields.count == 3:
            guard case .unsigned(let version) = fields[0], case .cid(let actors) = fields[1], case .cid(let info) = fields[2] else {
                throw .malformedStateRoot(root, "expected [version, actors CID, info CID]")
            }
            guard (1...5).contains(version) else { throw .unsupportedVersion(version) }
            self.version = version
            self.actorsRoot = actors
            self.info = info
        case .array(let fields) where fields.count == 2:
            // A bare HAMT node [bitfield, pointers]: version 0.
            self.version = 0
            self.actorsRoot = root
            self.info = nil
        default:
            throw .malformedStateRoot(root, "neither a StateRoot nor a HAMT node")
        }
        do {
            actors = try HAMT(loading: actorsRoot, store: store, parameters: Self.hamtParameters(version: version))
        } catch {
            throw .hamt(error)
        }
    }

    /// The HAMT generation of a state tree version's actors and init address map.
    public static func hamtParameters(version: UInt64) -> HAMTParameters {
        switch version {
        case 0: .filecoinV0
        case 1: .filecoinV2
        default: .filecoin
        }
    }

    // MARK: Lookups

    /// The actor with this ID, or nil.
    public func actor(id: UInt64) throws(StateTreeError) -> ActorState? {
        try actor(addressBytes: Self.idAddress(id))
    }

    /// The actor at `addressBytes` (an address's binary form): ID addresses directly, any other
    /// through the init actor's address map. Nil when the address is unknown.
    public func actor(addressBytes: [UInt8]) throws(StateTreeError) -> ActorState? {
        if addressBytes.first == 0 {
            let raw: [UInt8]?
            do { raw = try actors.get(addressBytes) } catch { throw .hamt(error) }
            return try raw.map { bytes throws(StateTreeError) in
                try ActorState(cborBytes: bytes, version: version, address: addressBytes)
            }
        }
        guard let id = try resolve(addressBytes: addressBytes) else { return nil }
        return try actor(id: id)
    }

    /// The ID a robust address maps to in the init actor, or the ID of an ID address; nil when unknown.
    public func resolve(addressBytes: [UInt8]) throws(StateTreeError) -> UInt64? {
        if addressBytes.first == 0 { return Self.id(fromAddress: addressBytes) }
        let map = try initState().addressMap
        let hamt: HAMT
        let raw: [UInt8]?
        do {
            hamt = try HAMT(loading: map, store: store, parameters: Self.hamtParameters(version: version))
            raw = try hamt.get(addressBytes)
        } catch {
            throw .hamt(error)
        }
        guard let raw else { return nil }
        do {
            return try UInt64(cborBytes: raw)
        } catch {
            throw .malformedInitState("address map value is not an actor ID: \(error)")
        }
    }

    /// Calls `body` with every actor, in the HAMT's order.
    /// HAMT failures surface as ``StateTreeError/hamt(_:)``; errors from `body` pass through.
    public func forEachActor(_ body: (_ address: [UInt8], _ actor: ActorState) throws -> Void) throws {
        do {
            try actors.forEach { key, value in
                try body(key, ActorState(cborBytes: value, version: version, address: key))
            }
        } catch let error as HAMTError {
            throw StateTreeError.hamt(error)
        }
    }

    /// Loads every stored node of the actors HAMT and checks it re-encodes to its own CID.
    public func verifyActorsHAMT() throws(StateTreeError) -> Int {
        do { return try actors.verifyStoredNodes() + 1 } catch { throw .hamt(error) }
    }

    // MARK: Init actor

    /// The init actor's state `[AddressMap, NextID, NetworkName]`.
    public struct InitState: Hashable, Sendable {
        public var addressMap: CID
        public var nextID: UInt64
        public var networkName: String
    }

    public func initState() throws(StateTreeError) -> InitState {
        guard let initActor = try actor(id: Self.initActorID) else { throw .missingActor(id: Self.initActorID) }
        do {
            var reader = CBORReader(bytes: try store.getRequired(initActor.head))
            try reader.readArrayHeader(expected: 3)
            let state = InitState(addressMap: try reader.readCID(), nextID: try reader.readUnsigned(), networkName: try reader.readText())
            try reader.finish()
            return state
        } catch let error as BlockstoreError {
            throw .store(error)
        } catch {
            throw .malformedInitState("\(error)")
        }
    }

    /// The network name recorded by the init actor at genesis ("testnetnet" on mainnet).
    public func networkName() throws(StateTreeError) -> String { try initState().networkName }

    // MARK: Addresses

    /// The binary form of ID address f0`id`: protocol byte 0 and the ID as a uvarint.
    public static func idAddress(_ id: UInt64) -> [UInt8] { [0] + Varint.encode(id) }

    /// The ID of an ID address's binary form, or nil when it is not one.
    public static func id(fromAddress bytes: [UInt8]) -> UInt64? {
        guard bytes.first == 0 else { return nil }
        var index = 1
        guard let id = try? Varint.decode(bytes, from: &index), index == bytes.count else { return nil }
        return id
    }

    /// "f0<id>" for ID addresses, else the protocol and hex payload (FilecoinTypes' Address prints the full form).
    public static func describe(address bytes: [UInt8]) -> String {
        if let id = id(fromAddress: bytes) { return "f0\(id)" }
        guard let first = bytes.first else { return "(empty address)" }
        return "protocol \(first) address 0x" + bytes.dropFirst().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
