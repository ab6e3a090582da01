#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The chain's few named records beside its block store (Lotus's metadata datastore): the head
/// (`head`) and the genesis (`0`). Values are small; a `put` is durable when it returns, so it
/// may block on fsync and must not run on the cooperative pool (``ChainStore`` writes through a
/// ``MetadataWriter`` on its own thread).
public protocol ChainMetadataStore: Sendable {
    func get(_ key: String) throws(ChainStoreError) -> [UInt8]?
    func put(_ key: String, _ value: [UInt8]) throws(ChainStoreError)
}

/// Records in memory: tests, and nodes that keep no chain across restarts.
public final class MemoryChainMetadata: ChainMetadataStore {
    private let records = Mutex<[String: [UInt8]]>([:])

    public init() {}

    public func get(_ key: String) throws(ChainStoreError) -> [UInt8]? { records.withLock { $0[key] } }

    public func put(_ key: String, _ value: [UInt8]) throws(ChainStoreError) { records.withLock { $0[key] = value } }
}

/// One file per record in a directory (the node's repo, beside the LMDB block store).
///
/// A write goes to `key.tmp`, is fsynced, renamed over `key`, and the directory is fsynced: a
/// crash leaves either the old record or the new one, never a torn one.
public final class FileChainMetadata: ChainMetadataStore {
    public let directory: String

    /// The directory must exist. Keys are restricted to `[A-Za-z0-9_-]` so that none escapes it.
    public init(directory: String) throws(ChainStoreError) {
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .storage("chain metadata directory \(directory) does not exist")
        }
        self.directory = directory
    }

    public func get(_ key: String) throws(ChainStoreError) -> [UInt8]? {
        let path = try self.path(key)
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw .storage("open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .storage("read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    public func put(_ key: String, _ value: [UInt8]) throws(ChainStoreError) {
        let path = try self.path(key)
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .storage("open \(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < value.count {
            let count = value[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                close(descriptor)
                throw .storage("write \(temporary): \(why)")
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let why = String(cString: strerror(errno))
            close(descriptor)
            throw .storage("fsync \(temporary): \(why)")
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw .storage("rename \(temporary): \(String(cString: strerror(errno)))") }
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private func path(_ key: String) throws(ChainStoreError) -> String {
        let allowed = key.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || byte == 0x2d || byte == 0x5f
        }
        guard allowed, !key.isEmpty else { throw .storage("invalid metadata key '\(key)'") }
        return directory + "/" + key
    }
}
