import CZstd

/// Decompresses a zstd stream (every frame, one after the other) as it is read, so a `.car.zst`
/// snapshot never has to be held in memory whole.
public struct ZstdByteSource<Upstream: ByteSource>: ByteSource {
    private var upstream: Upstream
    private let decoder: Decoder
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var upstreamEnded = false
    /// libzstd's hint from the last call: 0 exactly when a frame has just been completed.
    private var frameHint = 0
    /// Compressed bytes consumed so far, for error positions.
    private var consumed = 0

    public init(_ upstream: Upstream) throws(ByteSourceError) {
        guard let stream = ZSTD_createDStream() else { throw .zstd(.outOfMemory) }
        self.upstream = upstream
        self.decoder = Decoder(stream)
    }

    public mutating func read(maxLength: Int) throws(ByteSourceError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(1, maxLength))
        var produced = 0
        while produced == 0 {
            if inputPosition == input.count && !upstreamEnded {
                input = try upstream.read(maxLength: Int(ZSTD_DStreamInSize()))
                inputPosition = 0
                upstreamEnded = input.isEmpty
            }
            // Between frames with nothing left to read, the stream has ended cleanly.
            if inputPosition == input.count && upstreamEnded && frameHint == 0 { break }
            // Called with no input left mid-frame too: libzstd may still hold decoded bytes to flush.
            produced = try decompressStep(into: &output)
            if produced == 0 && upstreamEnded {
                // The input is spent: anything but a just-completed frame is a cut-short file.
                if frameHint != 0 { throw .zstd(.truncated) }
                break
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    private mutating func decompressStep(into output: inout [UInt8]) throws(ByteSourceError) -> Int {
        let stream = decoder.stream
        let start = inputPosition
        let result: (code: Int, inputPosition: Int, produced: Int) = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: start)
                var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                let code = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                return (code, inBuffer.pos, outBuffer.pos)
            }
        }
        consumed += result.inputPosition - start
        inputPosition = result.inputPosition
        if ZSTD_isError(result.code) != 0 {
            throw .zstd(.corrupt(String(cString: ZSTD_getErrorName(result.code)), inputOffset: consumed))
        }
        frameHint = result.code
        return result.produced
    }

    /// Owns the libzstd stream; freed when the last copy of the source is released.
    private final class Decoder {
        let stream: OpaquePointer
        init(_ stream: OpaquePointer) { self.stream = stream }
        deinit { ZSTD_freeDStream(stream) }
    }
}
