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
        let outcome: Result<Int, ZstdError> = compressed.withUnsafeBytes { source in
            var input = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            var lastHint = 0
            repeat {
                let step: (result: Int, produced: Int) = chunk.withUnsafeMutableBytes { target in
                    var out = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &out, &input)
                    return (result, out.pos)
                }
                if ZSTD_isError(step.result) != 0 {
                    return .failure(.corrupt(String(cString: ZSTD_getErrorName(step.result)), inputOffset: input.pos))
                }
                lastHint = step.result
                output.append(contentsOf: chunk[0..<step.produced])
                if output.count > limit { return .failure(.tooLarge(limit: limit)) }
                // Input consumed and no output pending: either done or the last frame is cut short.
                if input.pos == input.size && step.produced < chunk.count { break }
            } while true
            return .success(lastHint)
        }
        // A non-zero hint at the end means the last frame is incomplete.
        guard try outcome.get() == 0 else { throw .truncated }
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
