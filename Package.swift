// swift-tools-version:6.1
// Venus in Swift: one package, libraries below executables (see ARCHITECTURE.md).
// Dependencies only point downward; component libraries never import each other.
import PackageDescription

let package = Package(
    name: "venus-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DagCBOR", targets: ["DagCBOR"]),
        .library(name: "BLS12381", targets: ["BLS12381"]),
        .library(name: "FilecoinCrypto", targets: ["FilecoinCrypto"]),
        .library(name: "FilecoinTypes", targets: ["FilecoinTypes"]),
        .library(name: "IPLD", targets: ["IPLD"]),
        .library(name: "ChainState", targets: ["ChainState"]),
        .executable(name: "venus", targets: ["venus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // System libraries from Debian (pkg-config names libsecp256k1, libb2, libzstd).
        .systemLibrary(
            name: "CSecp256k1", pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]),
        .systemLibrary(
            name: "CBlake2", pkgConfig: "libb2",
            providers: [.apt(["libb2-dev"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CLMDB", pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]),

        // Strict DAG-CBOR, CID, multihash, multibase. No dependencies.
        .target(name: "DagCBOR"),
        // BLS12-381: fields, curves, pairing, hash-to-G2, Filecoin's min-pk basic scheme.
        .target(
            name: "BLS12381",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // BLAKE2b, secp256k1, keccak-256, and BLS re-exported.
        .target(
            name: "FilecoinCrypto",
            dependencies: [
                "CSecp256k1", "CBlake2", "BLS12381", "DagCBOR",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Addresses, token amounts, chain types with CBOR and Lotus JSON forms.
        .target(
            name: "FilecoinTypes",
            dependencies: [
                "DagCBOR", "FilecoinCrypto",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        // Blockstores (memory, LMDB, SQLite), CAR, HAMT, AMT.
        .target(
            name: "IPLD",
            dependencies: ["DagCBOR", "FilecoinCrypto", "CZstd", "CSQLite", "CLMDB"]),
        // State tree reader: actors, init actor address map, snapshot summaries.
        .target(
            name: "ChainState",
            dependencies: ["IPLD", "FilecoinTypes", "DagCBOR", "FilecoinCrypto"]),

        .executableTarget(
            name: "venus",
            dependencies: [
                "FilecoinTypes", "FilecoinCrypto", "IPLD", "ChainState",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Test support: vector location, Python oracles.
        .target(name: "VenusTesting", path: "Tests/VenusTesting"),
        .testTarget(name: "DagCBORTests", dependencies: ["DagCBOR", "VenusTesting"]),
        .testTarget(name: "BLS12381Tests", dependencies: ["BLS12381", "VenusTesting"]),
        .testTarget(
            name: "FilecoinCryptoTests", dependencies: ["FilecoinCrypto", "VenusTesting"]),
        .testTarget(
            name: "FilecoinTypesTests",
            dependencies: ["FilecoinTypes", "FilecoinCrypto", "DagCBOR", "VenusTesting"]),
        .testTarget(
            name: "ChainStateTests", dependencies: ["ChainState", "IPLD", "DagCBOR", "FilecoinCrypto", "VenusTesting"]),
        .testTarget(
            name: "IPLDTests", dependencies: ["IPLD", "FilecoinTypes", "VenusTesting"]),
    ]
)
