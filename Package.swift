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
        .library(name: "Proofs", targets: ["Proofs"]),
        .library(name: "IPLD", targets: ["IPLD"]),
        .library(name: "ChainState", targets: ["ChainState"]),
        .library(name: "Chain", targets: ["Chain"]),
        .library(name: "JSONRPC", targets: ["JSONRPC"]),
        // For Benchmarks/ (NodeRPCBenchmarks serves a devnet in-process).
        .library(name: "VenusNode", targets: ["VenusNode"]),
        .library(name: "VenusRuntime", targets: ["VenusRuntime"]),
        // Synthetic devnet workloads, shared by ChainStateTests and the benchmark package.
        .library(name: "DevnetWorkloads", targets: ["DevnetWorkloads"]),
        .executable(name: "venus", targets: ["venus"]),
        .executable(name: "sophon-auth", targets: ["sophon-auth"]),
        .executable(name: "sophon-gateway", targets: ["sophon-gateway"]),
        .executable(name: "venus-wallet", targets: ["venus-wallet"]),
        .executable(name: "venus-pool", targets: ["venus-pool"]),
        .executable(name: "sophon-messager", targets: ["sophon-messager"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
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
        // The wire forms of common values as Go and Lotus write them: hex, Go `time.Time` and
        // `[]byte` JSON, listen addresses and dial endpoints (multiaddr, host:port, URL). No dependencies.
        .target(name: "GoCompat"),
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
                "DagCBOR", "FilecoinCrypto", "GoCompat",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        // Proof types (abi/proof), the `ProofVerifier` and `Prover` protocols with the one mock pair and
        // the unavailable real verifier, and the unsealed-sector CID (CommD) and CommP computations.
        .target(
            name: "Proofs",
            dependencies: [
                "DagCBOR", "FilecoinCrypto", "FilecoinTypes",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Blockstores (memory, LMDB, SQLite), CAR, HAMT, AMT.
        .target(
            name: "IPLD",
            dependencies: ["DagCBOR", "FilecoinCrypto", "CZstd", "CSQLite", "CLMDB"]),
        // The state tree (the VM's, and read-only views for queries), actors, the legacy VM, snapshot summaries.
        .target(
            name: "ChainState",
            dependencies: [
                "IPLD", "FilecoinTypes", "DagCBOR", "FilecoinCrypto", "Proofs",
                .product(name: "BigInt", package: "BigInt"),
            ]),

        // The chain: chain store (tipsets, heaviest chain, head changes), state manager (tipset
        // execution, base fee, lookback), genesis builder, block validation, message pool and
        // selection, gas estimation; the mock beacon. What the `venus` node is made of.
        .target(
            name: "Chain",
            dependencies: [
                "ChainState", "IPLD", "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "Proofs", "GoCompat",
                .product(name: "BigInt", package: "BigInt"),
            ]),

        // JSON-RPC 2.0 as Lotus's go-jsonrpc speaks it: envelopes, method descriptions with their
        // permission, server (HTTP + WebSocket, channels) on Hummingbird, typed client, token checks.
        .target(
            name: "JSONRPC",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]),
        // The method descriptions and DTOs of every API, shared by servers and clients.
        .target(
            name: "VenusAPI",
            dependencies: [
                "JSONRPC", "FilecoinTypes", "DagCBOR", "GoCompat",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The service skeleton every component runs on: repo folder, TOML config, token/api files,
        // the HTTP server with its RPC mounts, /healthcheck and /metrics, background services in
        // one ServiceGroup, graceful shutdown; logging; shared command-line options.
        .target(
            name: "VenusRuntime",
            dependencies: [
                "JSONRPC", "GoCompat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // sophon-auth: users, per-token secrets, permissions, miners, signers, rate limits (REST).
        .target(
            name: "SophonAuth",
            dependencies: [
                "JSONRPC", "VenusAPI", "VenusRuntime", "FilecoinTypes", "GoCompat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "sophon-auth",
            dependencies: [
                "SophonAuth", "VenusRuntime", "GoCompat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // venus-wallet: the SP's keys, encrypted at rest, with a signing policy by message type.
        .target(
            name: "VenusWallet",
            dependencies: [
                "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "JSONRPC", "VenusAPI", "VenusRuntime", "GoCompat",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "venus-wallet",
            dependencies: [
                "VenusWallet", "VenusRuntime", "JSONRPC", "VenusAPI", "FilecoinTypes", "GoCompat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // sophon-gateway: storage providers' wallets, provers and markets dial in; pool services call through it.
        .target(
            name: "SophonGateway",
            dependencies: [
                "JSONRPC", "VenusAPI", "VenusRuntime", "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "GoCompat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "sophon-gateway",
            dependencies: [
                "SophonGateway", "VenusRuntime", "JSONRPC", "VenusAPI", "FilecoinTypes", "GoCompat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // sophon-messager: every SP's messages given nonces, priced, signed through the gateway,
        // pushed and followed to the chain.
        .target(
            name: "SophonMessager",
            dependencies: [
                "JSONRPC", "VenusAPI", "VenusRuntime", "FilecoinTypes", "DagCBOR", "GoCompat",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "sophon-messager",
            dependencies: [
                "SophonMessager", "VenusRuntime", "JSONRPC", "VenusAPI", "FilecoinTypes", "GoCompat", "DagCBOR",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The pool harness: knows each executable's flags, starts, watches and stops a local pool of
        // processes. Used by `venus-pool` and the end-to-end tests, never by a component.
        .target(
            name: "VenusPool",
            dependencies: ["FilecoinTypes", "DagCBOR", "GoCompat", "JSONRPC", "VenusAPI", "VenusRuntime"]),
        .executableTarget(
            name: "venus-pool",
            dependencies: [
                "VenusPool",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Load-test target for the JSON-RPC layer (BENCHMARKS.md, "JSON-RPC"): a trivial API + a WebSocket load client.
        .executableTarget(
            name: "rpc-bench-server",
            dependencies: [
                "JSONRPC", "VenusRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]),

        // venus, the chain node: its full-node API implementation over the `Chain` library, on the
        // service skeleton.
        .target(
            name: "VenusNode",
            dependencies: [
                "Chain", "ChainState", "IPLD", "FilecoinTypes", "JSONRPC", "VenusAPI", "VenusRuntime", "GoCompat", "Proofs", "DagCBOR",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ]),
        .executableTarget(
            name: "venus",
            dependencies: [
                "VenusNode", "VenusRuntime", "Chain",
                "FilecoinTypes", "FilecoinCrypto", "IPLD", "ChainState", "DagCBOR", "GoCompat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Test support: vector location, Python oracles, built executables run as services, the
        // devnet harness (a genesis with presealed miners, a block producer over the node's API).
        .target(
            name: "VenusTesting",
            dependencies: [
                "VenusPool", "VenusRuntime", "GoCompat", "Chain", "DagCBOR", "FilecoinTypes", "FilecoinCrypto", "IPLD", "Proofs",
                "JSONRPC", "VenusAPI",
            ],
            path: "Tests/VenusTesting"),
        // A devnet with real actors and miners holding sectors (tests and Benchmarks/).
        .target(
            name: "DevnetWorkloads",
            dependencies: [
                "Chain", "ChainState", "IPLD", "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "Proofs",
                .product(name: "BigInt", package: "BigInt"),
            ],
            path: "Tests/DevnetWorkloads"),
        .testTarget(
            name: "DagCBORTests",
            dependencies: ["DagCBOR", "GoCompat", "VenusTesting", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "GoCompatTests", dependencies: ["GoCompat"]),
        .testTarget(name: "BLS12381Tests", dependencies: ["BLS12381", "GoCompat", "VenusTesting"]),
        .testTarget(
            name: "FilecoinCryptoTests", dependencies: ["FilecoinCrypto", "GoCompat", "VenusTesting"]),
        .testTarget(
            name: "FilecoinTypesTests",
            dependencies: [
                "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "GoCompat", "VenusTesting",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        .testTarget(
            name: "ProofsTests", dependencies: ["Proofs", "FilecoinTypes", "DagCBOR", "VenusTesting"]),
        .testTarget(
            name: "ChainStateTests",
            dependencies: [
                "ChainState", "IPLD", "FilecoinTypes", "DagCBOR", "FilecoinCrypto", "Proofs", "VenusTesting", "DevnetWorkloads",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        .testTarget(
            name: "ChainTests",
            dependencies: [
                "Chain", "ChainState", "IPLD", "FilecoinTypes", "DagCBOR", "FilecoinCrypto", "Proofs", "GoCompat", "VenusTesting",
                "DevnetWorkloads",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        .testTarget(
            name: "VenusNodeTests",
            dependencies: [
                "VenusNode", "Chain", "ChainState", "FilecoinTypes", "IPLD", "DagCBOR", "JSONRPC", "VenusAPI", "VenusRuntime", "GoCompat",
                "VenusTesting", "Proofs", "VenusPool",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .testTarget(
            name: "IPLDTests", dependencies: ["IPLD", "FilecoinTypes", "DagCBOR", "FilecoinCrypto", "GoCompat", "VenusTesting"]),
        .testTarget(
            name: "JSONRPCTests",
            dependencies: [
                "JSONRPC", "VenusAPI", "GoCompat", "VenusTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "VenusAPITests",
            dependencies: [
                "VenusAPI", "JSONRPC", "FilecoinTypes", "DagCBOR", "GoCompat", "VenusTesting",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        .testTarget(
            name: "VenusWalletTests",
            dependencies: [
                "VenusWallet", "VenusAPI", "VenusRuntime", "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "GoCompat",
                "VenusTesting",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["ChainState", "IPLD", "FilecoinTypes", "DagCBOR", "FilecoinCrypto", "GoCompat", "VenusTesting"],
            // The committed pass list, read from the source tree by the runner.
            exclude: ["passing.txt"]),
        .testTarget(
            name: "SophonMessagerTests",
            dependencies: [
                "SophonMessager", "SophonAuth", "SophonGateway", "VenusWallet", "VenusPool", "JSONRPC", "VenusAPI",
                "VenusRuntime", "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "GoCompat", "VenusTesting",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "SophonGatewayTests",
            dependencies: [
                "SophonGateway", "SophonAuth", "VenusWallet", "VenusPool", "JSONRPC", "VenusAPI", "VenusRuntime",
                "FilecoinTypes", "FilecoinCrypto", "DagCBOR", "GoCompat", "VenusTesting",
            ]),
        .testTarget(
            name: "VenusRuntimeTests",
            dependencies: [
                "VenusRuntime", "JSONRPC", "GoCompat", "VenusTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "SophonAuthTests",
            dependencies: [
                "SophonAuth", "JSONRPC", "VenusAPI", "VenusRuntime", "FilecoinTypes", "GoCompat", "VenusTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
    ]
)
