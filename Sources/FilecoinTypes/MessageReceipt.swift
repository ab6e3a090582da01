import DagCBOR

/// The outcome of executing one message (Lotus `types.MessageReceipt`).
///
/// Before FVM (network versions below 18) a receipt has three fields; from then on a fourth, the
/// root of the message's events AMT, which is null when it emitted none.
public struct MessageReceipt: Hashable, Sendable {
    public var exitCode: Int64
    public var returnData: [UInt8]
    public var gasUsed: Int64
    /// Present only in the four-field (FVM) form.
    public var eventsRoot: CID?
    /// Whether the receipt uses the four-field form.
    public var hasEventsField: Bool

    public init(exitCode: Int64, returnData: [UInt8], gasUsed: Int64, eventsRoot: CID? = nil, hasEventsField: Bool = false) {
        self.exitCode = exitCode
        self.returnData = returnData
        self.gasUsed = gasUsed
        self.eventsRoot = eventsRoot
        self.hasEventsField = hasEventsField || eventsRoot != nil
    }
}
