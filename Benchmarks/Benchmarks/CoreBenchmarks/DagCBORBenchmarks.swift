import Benchmark
import DagCBOR

/// A Filecoin-message-shaped tuple (the 10 fields of a Lotus unsigned message) with the same
/// field values as `Benchmarks/peers/cbor_peer.py`, so both sides time identical bytes.
struct BenchMessage: CBORCodable {
    var version: UInt64
    var to: [UInt8]
    var from: [UInt8]
    var nonce: UInt64
    var value: [UInt8]
    var gasLimit: Int64
    var gasFeeCap: [UInt8]
    var gasPremium: [UInt8]
    var method: UInt64
    var params: [UInt8]

    /// The sample message (no default property values, so decoding allocates only what it reads).
    static func sample() -> BenchMessage {
        BenchMessage(
            version: 0, to: [0x00, 0xe8, 0x07], from: [0x01] + Array(1...20), nonce: 12345,
            value: [0x00, 0x0d, 0xe0, 0xb6, 0xb3, 0xa7, 0x64, 0x00, 0x00], gasLimit: 2_500_000,
            gasFeeCap: [0x00, 0x01, 0x86, 0xa0], gasPremium: [0x00, 0x01, 0x86, 0x9f], method: 2,
            params: Array(0..<64))
    }

    init(
        version: UInt64, to: [UInt8], from: [UInt8], nonce: UInt64, value: [UInt8], gasLimit: Int64,
        gasFeeCap: [UInt8], gasPremium: [UInt8], method: UInt64, params: [UInt8]
    ) {
        (self.version, self.to, self.from, self.nonce, self.value) = (version, to, from, nonce, value)
        (self.gasLimit, self.gasFeeCap, self.gasPremium, self.method, self.params) =
            (gasLimit, gasFeeCap, gasPremium, method, params)
    }

    func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(10)
        writer.writeUnsigned(version)
        writer.writeBytes(to)
        writer.writeBytes(from)
        writer.writeUnsigned(nonce)
        writer.writeBytes(value)
        writer.writeInt(gasLimit)
        writer.writeBytes(gasFeeCap)
        writer.writeBytes(gasPremium)
        writer.writeUnsigned(method)
        writer.writeBytes(params)
    }

    init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 10)
        version = try reader.readUnsigned()
        to = try reader.readBytes()
        from = try reader.readBytes()
        nonce = try reader.readUnsigned()
        value = try reader.readBytes()
        gasLimit = try reader.readInt()
        gasFeeCap = try reader.readBytes()
        gasPremium = try reader.readBytes()
        method = try reader.readUnsigned()
        params = try reader.readBytes()
    }
}

func dagCBORBenchmarks() {
    let message = BenchMessage.sample()
    let messageBytes = message.cborBytes
    let cidString = "bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2"
    // The mainnet genesis CID parses; a failure here would show up as empty benchmark results.
    guard let cid = try? CID(string: cidString) else { return }
    let cidBytes = cid.bytes

    Benchmark("DagCBOR.Message.encode") { benchmark in
        for _ in benchmark.scaledIterations {
            var writer = CBORWriter(reservingCapacity: 160)
            message.encode(to: &writer)
            blackHole(writer.bytes)
        }
    }
    Benchmark("DagCBOR.Message.decode") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BenchMessage(cborBytes: messageBytes))
        }
    }
    Benchmark("DagCBOR.Message.decodeCBORValue") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CBORValue(cborBytes: messageBytes))
        }
    }
    Benchmark("DagCBOR.CID.parseString") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CID(string: cidString))
        }
    }
    Benchmark("DagCBOR.CID.formatString") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cid.description)
        }
    }
    Benchmark("DagCBOR.CID.parseBytes") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CID(bytes: cidBytes))
        }
    }
    Benchmark("DagCBOR.CID.bytes") { benchmark in
        for _ in benchmark.scaledIterations {
            // Rebuilds the binary form from the parts, as encoding a fresh CID does.
            blackHole(try CID(version: .v1, codec: cid.codec, multihash: cid.multihash).bytes)
        }
    }
}
