/// zstd decompression through Debian's libzstd, for `.car.zst` genesis files and snapshots.
public enum Zstd {
    /// Decompresses every frame of `compressed`, refusing output beyond `limit` bytes.
    ///
    /// For archives too large for memory, read through ``ZstdByteSource`` instead.
    public static func decompress(_ compressed: [UInt8], limit: Int = 1 << 34) throws(ZstdError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, compressed.count * 4))
        do {
            var source = try ZstdByteSource(MemoryByteSource(compressed))
            while true {
                let chunk = try source.read(maxLength: 1 << 20)
                if chunk.isEmpty { return output }
                output.append(contentsOf: chunk)
                if output.count > limit { throw ZstdError.tooLarge(limit: limit) }
            }
        } catch let error as ZstdError {
            throw error
        } catch ByteSourceError.zstd(let error) {
            throw error
        } catch {
            throw .corrupt("\(error)", inputOffset: 0)
        }
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
