/// The answer of sophon-auth's `GET /changes`: which users' tokens changed since a sequence number.
///
/// Not an upstream route: it lets services drop cached verifications as soon as a token is removed
/// or a user disabled. `reset` means the server cannot say exactly (it restarted, or the reader
/// fell too far behind): drop everything.
public struct SophonAuthChanges: Codable, Hashable, Sendable {
    /// Changes on every start of the server; a reader sends back the one it last saw.
    public var epoch: String
    /// The sequence number of the last change; the next request sends it as `since`.
    public var seq: UInt64
    /// Users whose tokens changed after `since`, each once.
    public var users: [String]
    public var reset: Bool

    public init(epoch: String, seq: UInt64, users: [String], reset: Bool) {
        self.epoch = epoch
        self.seq = seq
        self.users = users
        self.reset = reset
    }
}
