import Benchmark
import DagCBOR
import FilecoinCrypto
import Foundation
import IPLD
import Synchronization

/// Trees and stores built once per benchmark (in its setup hook), shared with its closure.
final class Fixtures: Sendable {
    static let shared = Fixtures()
    let hamts = Mutex<[Int: HAMT]>([:])
    let amts = Mutex<[Int: AMT]>([:])
    let stores = Mutex<[String: any Blockstore]>([:])
    let blockCIDs = Mutex<[CID]>([])

    static func key(_ n: Int) -> [UInt8] { Array("actor-key-\(n)".utf8) }
    static func value(_ n: Int) -> [UInt8] {
        // An actor-sized value: [code CID, head CID, nonce, balance].
        let cid = CID.filecoin(cbor: CBORValue.unsigned(UInt64(n)).cborBytes)
        return CBORValue.array([.cid(cid), .cid(cid), .unsigned(UInt64(n)), .bytes([0, 1, 2, 3, 4, 5, 6, 7])]).cborBytes
    }

    /// A flushed HAMT of `count` entries, reloaded from its store so that lookups load nodes.
    func hamt(_ count: Int) throws -> HAMT {
        if let cached = hamts.withLock({ $0[count] }) { return cached }
        let store = MemoryBlockstore()
        var hamt = HAMT(store: store)
        for n in 0..<count {
            try hamt.set(Self.key(n), Self.value(n))
            if n % 50_000 == 49_999 { try hamt.flush() }
        }
        let loaded = try HAMT(loading: hamt.flush(), store: store)
        hamts.withLock { $0[count] = loaded }
        return loaded
    }

    func amt(_ count: Int) throws -> AMT {
        if let cached = amts.withLock({ $0[count] }) { return cached }
        let store = MemoryBlockstore()
        var amt = try AMT(store: store, format: .current(bitWidth: 5))
        for n in 0..<count { try amt.append(Self.value(n)) }
        let loaded = try AMT(loading: amt.flush(), store: store, format: .current(bitWidth: 5))
        amts.withLock { $0[count] = loaded }
        return loaded
    }

    /// A store of `kind` holding 100k actor-sized blocks.
    func store(_ kind: String) throws -> any Blockstore {
        if let cached = stores.withLock({ $0[kind] }) { return cached }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("venus-bench-\(kind)-\(getpid())").path
        for suffix in ["", "-wal", "-shm", "-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store: any Blockstore = kind == "sqlite" ? try SQLiteBlockstore(path: path) : try LMDBBlockstore(path: path)
        var cids: [CID] = []
        for batch in 0..<100 {
            let blocks = (0..<1000).map { n in
                let data = Self.value(batch * 1000 + n)
                return (cid: CID.filecoin(cbor: data), data: data)
            }
            try store.putMany(blocks)
            cids += blocks.map(\.cid)
        }
        blockCIDs.withLock { $0 = cids }
        stores.withLock { $0[kind] = store }
        return store
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(3), maxIterations: 1_000_000)
    let fixtures = Fixtures.shared

    // MARK: Blockstore candidates (100k actor-sized blocks; batches of 1000 as a flush writes them)

    for kind in ["sqlite", "lmdb"] {
        Benchmark("Blockstore \(kind) get (100k blocks)", closure: { benchmark in
            let store = try fixtures.store(kind)
            let cids = fixtures.blockCIDs.withLock { $0 }
            var generator = SystemRandomNumberGenerator()
            for _ in benchmark.scaledIterations {
                blackHole(try store.get(cids[Int.random(in: 0..<cids.count, using: &generator)]))
            }
        }, setup: { _ = try fixtures.store(kind) })

        Benchmark("Blockstore \(kind) putMany 1000 new blocks", configuration: .init(maxDuration: .seconds(3), maxIterations: 200), closure: { benchmark in
            let store = try fixtures.store(kind)
            for iteration in benchmark.scaledIterations {
                let blocks = (0..<1000).map { n in
                    let data = Fixtures.value(10_000_000 + iteration * 1000 + n + Int.random(in: 0..<1_000_000_000) * 1000)
                    return (cid: CID.filecoin(cbor: data), data: data)
                }
                benchmark.startMeasurement()
                try store.putMany(blocks)
                benchmark.stopMeasurement()
            }
        }, setup: { _ = try fixtures.store(kind) })
    }

    // MARK: HAMT (Filecoin parameters, v3 encoding; lookups load and decode every node on the path)

    var hamtSizes = [10_000, 100_000]
    if ProcessInfo.processInfo.environment["VENUS_BENCH_1M"] != nil { hamtSizes.append(1_000_000) }
    for size in hamtSizes {
        Benchmark("HAMT get (\(size / 1000)k entries)", closure: { benchmark in
            let hamt = try fixtures.hamt(size)
            var generator = SystemRandomNumberGenerator()
            for _ in benchmark.scaledIterations {
                blackHole(try hamt.get(Fixtures.key(Int.random(in: 0..<size, using: &generator))))
            }
        }, setup: { _ = try fixtures.hamt(size) })

        Benchmark("HAMT get (\(size / 1000)k entries, node cache)", closure: { benchmark in
            var stored = try fixtures.hamt(size)
            let hamt = try HAMT(loading: stored.flush(), store: stored.store, cache: HAMTNodeCache(capacity: 1 << 20))
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<50_000 { _ = try hamt.get(Fixtures.key(Int.random(in: 0..<size, using: &generator))) }  // warm
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try hamt.get(Fixtures.key(Int.random(in: 0..<size, using: &generator))))
            }
            benchmark.stopMeasurement()
        }, setup: { _ = try fixtures.hamt(size) })

        Benchmark("HAMT set (\(size / 1000)k entries, flush every 100)", closure: { benchmark in
            var hamt = try fixtures.hamt(size)
            var generator = SystemRandomNumberGenerator()
            for iteration in benchmark.scaledIterations {
                try hamt.set(Fixtures.key(Int.random(in: 0..<size, using: &generator)), Fixtures.value(iteration))
                if iteration % 100 == 99 { try hamt.flush() }
            }
        }, setup: { _ = try fixtures.hamt(size) })
    }

    // MARK: AMT (bit width 5), at the HAMT's sizes

    for size in hamtSizes {
        Benchmark("AMT append (\(size / 1000)k entries, bit width 5, flush every 1000)", closure: { benchmark in
            var amt = try fixtures.amt(size)
            for iteration in benchmark.scaledIterations {
                try amt.append(Fixtures.value(iteration))
                if iteration % 1000 == 999 { try amt.flush() }
            }
        }, setup: { _ = try fixtures.amt(size) })

        Benchmark("AMT get (\(size / 1000)k entries, bit width 5)", closure: { benchmark in
            let amt = try fixtures.amt(size)
            var generator = SystemRandomNumberGenerator()
            for _ in benchmark.scaledIterations {
                blackHole(try amt.get(UInt64.random(in: 0..<UInt64(size), using: &generator)))
            }
        }, setup: { _ = try fixtures.amt(size) })
    }
}
