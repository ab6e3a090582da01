import DagCBOR

/// The cron actor's state, and its constructor's parameters: `[Entries]` (v0 and v2).
public struct CronState: CBORCodable, Hashable, Sendable {
    public var entries: [CronEntry]

    public init(entries: [CronEntry]) { self.entries = entries }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        entries = try [CronEntry](from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        entries.encode(to: &writer)
    }
}
