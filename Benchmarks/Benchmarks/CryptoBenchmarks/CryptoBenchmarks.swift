// Crypto and address benchmarks. Peers: Benchmarks/peers/crypto_peer.py (hashlib, coincurve,
// pycryptodome) measures the same operations on the same inputs in the same run.
import Benchmark
import FilecoinCrypto
import FilecoinTypes

/// Deterministic input bytes, the same pattern the peer script builds.
func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
}

let benchmarks: @Sendable () -> Void = {
    // Fast operations run 1000 times per sample so timer overhead disappears; report with --scale.
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(2), maxIterations: 1_000)
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(2), maxIterations: 10_000)

    for (label, size) in [("32 B", 32), ("1 KiB", 1024)] {
        let data = pattern(size)
        Benchmark("blake2b-256 \(label)", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Blake2b.hash256(data)) }
        }
        Benchmark("keccak-256 \(label)", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(Keccak256.hash(data)) }
        }
    }
    let mebibyte = pattern(1 << 20)
    Benchmark("blake2b-256 1 MiB", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Blake2b.hash256(mebibyte)) }
    }
    Benchmark("keccak-256 1 MiB", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Keccak256.hash(mebibyte)) }
    }

    // secp256k1 over a fixed key and a 32-byte digest, as the peer does.
    let digest = Blake2b.hash256(pattern(32))
    if let key = try? Secp256k1PrivateKey(bytes: Blake2b.hash256(Array("venus benchmark key".utf8))),
        let signature = try? key.signDigest(digest)
    {
        let publicKey = key.publicKey
        Benchmark("secp256k1 sign (digest)", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try? key.signDigest(digest)) }
        }
        Benchmark("secp256k1 recover (digest)", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? Secp256k1PublicKey.recover(signature: signature, digest: digest))
            }
        }
        Benchmark("secp256k1 verify (digest, recover+compare)", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(publicKey.verify(signature: signature, digest: digest)) }
        }

        let f1 = Address.secp256k1(publicKey: publicKey)
        let f1String = f1.string(network: .mainnet)
        Benchmark("address f1 format", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(f1.string(network: .mainnet)) }
        }
        Benchmark("address f1 parse", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try? Address(f1String)) }
        }
    }
    if let f0 = try? Address.id(123_456) {
        Benchmark("address f0 format", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(f0.string(network: .mainnet)) }
        }
        Benchmark("address f0 parse", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try? Address("f0123456")) }
        }
    }
}
