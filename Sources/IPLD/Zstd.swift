import CZstd

/// zstd decompression through Debian's libzstd, for `.car.zst` genesis files and snapshots.
public enum Zstd {
    /// Decompresses every frame of `compressed`, refusing output beyond `limit` bytes.
    public static func decompress(_ compressed: [UInt8], limit: Int = 1 << 34) throws(ZstdError) -> [UInt8] {
        guard let stream = ZSTD_createDStream() else { throw .outOfMemory }
        defer { ZSTD_freeDStream(stream) }
        let chunkSize = Int(ZSTD_DStreamOutSize())
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, compressed.count * 4))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var lastResult = 0
        try compressed.withUnsafeBytes { (source: UnsafeRawBufferPointer) throws(ZstdError) in
            var input = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            repeat {
                let produced: Int = try chunk.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) throws(ZstdError) -> Int in
                    var out = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &out, &input)
                    if ZSTD_isError(result) != 0 {
                        throw .corrupt(String(cString: ZSTD_getErrorName(result)), inputOffset: input.pos)
                    }
                    lastResult = result
                    return out.pos
                }
                output.append(contentsOf: chunk[0..<produced])
                guard output.count <= limit else { throw .tooLarge(limit: limit) }
                if produced == 0 && input.pos == input.size { break }
            } while input.pos < input.size || lastResult != 0
        }
        // A non-zero hint at the end means the last frame is incomplete.
        guard lastResult == 0 else { throw .truncated }
        return output
    }
}

/// Why zstd data could not be decompressed.
public enum ZstdError: Error, Hashable, Sendable, CustomStringConvertible {
    case outOfMemory
    case corrupt(String, inputOffset: Int)
    case truncated
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .outOfMemory: "zstd: could not allocate a decompression stream"
        case .corrupt(let reason, let offset): "zstd: corrupt input near byte \(offset): \(reason)"
        case .truncated: "zstd: input ends inside a frame (truncated file)"
        case .tooLarge(let limit): "zstd: output exceeds the limit of \(limit) bytes"
        }
    }
}
