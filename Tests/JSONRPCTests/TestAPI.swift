import Foundation
import JSONRPC
import Synchronization
import VenusTesting

/// A small API covering every permission level, public access, errors, and channels.
enum TestAPI {
    static let health = RPCMethod<NoParams, String>("Test.Health", .read, isPublic: true)
    static let read = RPCMethod<Params1<Int64>, Int64>("Test.Read", .read)
    static let write = RPCMethod<NoParams, String>("Test.Write", .write)
    static let sign = RPCMethod<NoParams, String>("Test.Sign", .sign)
    static let admin = RPCMethod<NoParams, String>("Test.Admin", .admin)
    static let add = RPCMethod<Params2<Int64, Int64>, Int64>("Test.Add", .read)
    static let fail = RPCMethod<NoParams, String>("Test.Fail", .read)
    static let nothing = RPCMethod<Params1<String>, RPCVoid>("Test.Nothing", .write)
    static let sleep = RPCMethod<Params1<Int>, String>("Test.Sleep", .read)
    static let whoami = RPCMethod<NoParams, String>("Test.WhoAmI", .read)
    static let count = RPCStreamMethod<Params1<Int>, Int>("Test.Count", .read)
    static let forever = RPCStreamMethod<NoParams, Int>("Test.Forever", .read)
    /// `[count, size]`: `count` strings `"<i>:xxx…"` of `size` x's, produced only as they are pulled.
    static let big = RPCStreamMethod<Params2<Int, Int>, String>("Test.Big", .read)

    /// Every unary method with its required permission, for the permission matrix.
    static let unaryNames: [(name: String, permission: String, isPublic: Bool)] = [
        ("Test.Health", "read", true), ("Test.Read", "read", false), ("Test.Write", "write", false),
        ("Test.Sign", "sign", false), ("Test.Admin", "admin", false), ("Test.Add", "read", false),
        ("Test.Fail", "read", false), ("Test.Nothing", "write", false), ("Test.WhoAmI", "read", false),
    ]

    /// Parameters that are valid for each unary method in `unaryNames`.
    static func validParams(_ name: String) -> String {
        switch name {
        case "Test.Read": return "[41]"
        case "Test.Add": return "[2, 3]"
        case "Test.Nothing": return "[\"x\"]"
        default: return "[]"
        }
    }
}

/// Records what the server-side handlers observed, for cancellation tests.
final class Probe: Sendable {
    private let events = Mutex<[String]>([])
    func record(_ event: String) { events.withLock { $0.append(event) } }
    var all: [String] { events.withLock { $0 } }
    func contains(_ event: String) -> Bool { events.withLock { $0.contains(event) } }
    func count(_ event: String) -> Int { events.withLock { $0.count { $0 == event } } }

    /// Waits for `event`; `timeout` is only an outer bound for a broken build.
    func wait(for event: String, timeout: Duration = .seconds(60)) async -> Bool {
        (try? await waitUntil("\(event) recorded", within: timeout) { contains(event) }) != nil
    }
}

extension TestAPI {
    static func registry(probe: Probe) -> RPCRegistry {
        var r = RPCRegistry()
        r.register(health) { _, _ in "ok" }
        r.register(read) { _, p in p.p0 + 1 }
        r.register(write) { _, _ in "write" }
        r.register(sign) { _, _ in "sign" }
        r.register(admin) { _, _ in "admin" }
        r.register(add) { _, p in p.p0 + p.p1 }
        r.register(fail) { _, _ in throw RPCError(code: 7, message: "boom") }
        r.register(nothing) { _, p in
            probe.record("nothing:\(p.p0)")
            return RPCVoid()
        }
        r.register(sleep) { _, p in
            probe.record("sleep-started")
            do {
                try await Task.sleep(for: .milliseconds(p.p0))
            } catch {
                probe.record("sleep-cancelled")
                throw error
            }
            return "slept"
        }
        r.register(whoami) { ctx, _ in ctx.token?.name ?? "anonymous" }
        r.register(count) { _, p in
            AsyncThrowingStream<Int, any Error> { c in
                for i in 0..<p.p0 { c.yield(i) }
                c.finish()
            }
        }
        r.register(big) { _, p in
            let next = Mutex(0)
            let (count, size) = (p.p0, p.p1)
            return AsyncThrowingStream<String, any Error>(unfolding: {
                let i = next.withLock { n -> Int in
                    defer { n += 1 }
                    return n
                }
                guard i < count else { return nil }
                probe.record("big")
                return "\(i):" + String(repeating: "x", count: size)
            })
        }
        r.register(forever) { _, _ in
            let (stream, c) = AsyncThrowingStream<Int, any Error>.makeStream()
            let producer = Task {
                var i = 0
                while !Task.isCancelled {
                    c.yield(i)
                    i += 1
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
            c.onTermination = { _ in
                producer.cancel()
                probe.record("forever-terminated")
            }
            return stream
        }
        return r
    }
}
