import DagCBOR

/// A receipt is `[ExitCode, Return, GasUsed]`, or with FVM `[ExitCode, Return, GasUsed, EventsRoot]`.
extension MessageReceipt: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(hasEventsField ? 4 : 3)
        writer.writeInt(exitCode)
        writer.writeBytes(returnData)
        writer.writeInt(gasUsed)
        if hasEventsField {
            if let eventsRoot { writer.writeCID(eventsRoot) } else { writer.writeNull() }
        }
    }

    public init(from reader: inout CBORReader) throws {
        let count = try reader.readArrayHeader()
        guard count == 3 || count == 4 else {
            throw FilecoinTypesError.wrongFieldCount(type: "MessageReceipt", expected: 3, found: count)
        }
        exitCode = try reader.readInt()
        returnData = try reader.readBytes()
        gasUsed = try reader.readInt()
        hasEventsField = count == 4
        eventsRoot = count == 4 ? try reader.readNullable { try $0.readCID() } : nil
    }
}
