import Foundation

/// A forward-only stream of bytes: a file, a decompressor, or bytes already in memory.
///
/// Readers pull chunks of whatever size suits the source; an empty chunk means the end. A source
/// is consumed as it is read, so it has one owner (the reader that wraps it).
public protocol ByteSource {
    /// The next bytes, at most `maxLength` of them (at least one unless the stream has ended).
    mutating func read(maxLength: Int) throws(ByteSourceError) -> [UInt8]
}

/// Why a byte source could not be read.
public enum ByteSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The operating system refused the read (message names the file and the cause).
    case io(String)
    /// A compressed stream is corrupt or ends inside a frame.
    case zstd(ZstdError)

    public var description: String {
        switch self {
        case .io(let message): message
        case .zstd(let error): "\(error)"
        }
    }
}

/// Bytes already in memory, read front to back.
public struct MemoryByteSource: ByteSource, Sendable {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(maxLength: Int) -> [UInt8] {
        let end = min(bytes.count, position + maxLength)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

/// A file read in chunks, so archives larger than memory can be streamed.
///
/// The handle is owned by this source and closed when the last copy is released.
public struct FileByteSource: ByteSource {
    private let file: OpenFile
    public let path: String

    public init(path: String) throws(ByteSourceError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .io("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.file = OpenFile(handle)
        self.path = path
    }

    public mutating func read(maxLength: Int) throws(ByteSourceError) -> [UInt8] {
        do {
            return Array(try file.handle.read(upToCount: maxLength) ?? Data())
        } catch {
            throw .io("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Closes the handle when released.
    private final class OpenFile {
        let handle: FileHandle
        init(_ handle: FileHandle) { self.handle = handle }
        deinit { try? handle.close() }
    }
}
