import DagCBOR
import FilecoinCrypto

/// The builtin actors' code CIDs before bundles: raw CIDs whose identity multihash is the text
/// `fil/<generation>/<name>`, generation 1 for specs-actors v0 and 2 for v2.
public enum ActorCodes {
    public static let names = [
        "system", "init", "cron", "account", "storagepower", "storageminer", "storagemarket", "paymentchannel",
        "multisig", "reward", "verifiedregistry",
    ]

    /// The code CID of `name` in actors `version` (0 or 2).
    public static func code(_ name: String, actorsVersion: Int) -> CID {
        let generation = actorsVersion == 0 ? 1 : actorsVersion
        let text = Array("fil/\(generation)/\(name)".utf8)
        // An identity multihash of a short ASCII name and the raw codec are always valid.
        guard let multihash = try? Multihash(code: Multihash.identity, digest: text),
            let cid = try? CID(version: .v1, codec: Multicodec.raw, multihash: multihash)
        else { return emptyObject }
        return cid
    }

    /// (name, actors version) of a builtin code CID, or nil.
    public static func describe(_ code: CID) -> (name: String, actorsVersion: Int)? {
        guard code.multihash.code == Multihash.identity, code.codec == Multicodec.raw else { return nil }
        let parts = String(decoding: code.multihash.digest, as: UTF8.self).split(separator: "/")
        guard parts.count == 3, parts[0] == "fil", let generation = Int(parts[1]) else { return nil }
        return (String(parts[2]), generation == 1 ? 0 : generation)
    }

    public static func isAccount(_ code: CID) -> Bool { describe(code)?.name == "account" }

    /// Singletons may only exist once, at genesis (Lotus `IsSingletonActor`).
    public static func isSingleton(_ code: CID) -> Bool {
        guard let name = describe(code)?.name else { return false }
        return ["system", "init", "reward", "cron", "storagepower", "storagemarket", "verifiedregistry"].contains(name)
    }

    /// The CID of the empty CBOR array: the head of a freshly created actor (Lotus `EmptyObjectCid`).
    public static let emptyObject = CIDConstants.emptyArray
}

/// Fixed CIDs computed once.
enum CIDConstants {
    static let emptyArray = CID.filecoin(cbor: [0x80])
}
