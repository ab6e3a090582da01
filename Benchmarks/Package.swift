// swift-tools-version:6.1
// Benchmarks live in their own package so CI never builds the benchmark plugin.
// Run: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
// Peers (blst via blspy, coincurve, hashlib, cbor2) are measured by Benchmarks/peers/*.py in the
// same run; scripts/bench.sh runs both and prints the ratios recorded in BENCHMARKS.md.
import PackageDescription
import class Foundation.ProcessInfo
import struct Foundation.URL

/// SwiftPM names a path dependency after its folder, which differs between clones.
let mainPackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "VenusBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DagCBOR", package: mainPackage),
                .product(name: "FilecoinCrypto", package: mainPackage),
                .product(name: "FilecoinTypes", package: mainPackage),
                .product(name: "BigInt", package: "BigInt"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "CryptoBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FilecoinCrypto", package: mainPackage),
                .product(name: "FilecoinTypes", package: mainPackage),
            ],
            path: "Benchmarks/CryptoBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "BLSBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BLS12381", package: mainPackage),
            ],
            path: "Benchmarks/BLSBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Not an ordo-one benchmark: the runner's malloc interposer serialises threads (see main.swift).
        .executableTarget(
            name: "BLSParallelCheck",
            dependencies: [.product(name: "BLS12381", package: mainPackage)],
            path: "Benchmarks/BLSParallelCheck"),
        .executableTarget(
            name: "IPLDBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DagCBOR", package: mainPackage),
                .product(name: "FilecoinCrypto", package: mainPackage),
                .product(name: "IPLD", package: mainPackage),
            ],
            path: "Benchmarks/IPLDBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "RPCBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JSONRPC", package: mainPackage),
            ],
            path: "Benchmarks/RPCBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "VMBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ChainState", package: mainPackage),
                .product(name: "DagCBOR", package: mainPackage),
                .product(name: "FilecoinTypes", package: mainPackage),
                .product(name: "IPLD", package: mainPackage),
            ],
            path: "Benchmarks/VMBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "MessagePoolBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Chain", package: mainPackage),
                .product(name: "ChainState", package: mainPackage),
                .product(name: "DagCBOR", package: mainPackage),
                .product(name: "FilecoinCrypto", package: mainPackage),
                .product(name: "FilecoinTypes", package: mainPackage),
                .product(name: "BigInt", package: "BigInt"),
            ],
            path: "Benchmarks/MessagePoolBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "TipsetBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ChainState", package: mainPackage),
                .product(name: "DevnetWorkloads", package: mainPackage),
                .product(name: "DagCBOR", package: mainPackage),
                .product(name: "FilecoinTypes", package: mainPackage),
                .product(name: "IPLD", package: mainPackage),
            ],
            path: "Benchmarks/TipsetBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
