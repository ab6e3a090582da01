import DagCBOR

/// A block header is a 16-element CBOR array in field order; absent optional fields are null.
extension BlockHeader: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(16)
        miner.encode(to: &writer)
        writer.writeOptional(ticket)
        writer.writeOptional(electionProof)
        writer.writeArrayHeader(beaconEntries.count)
        for entry in beaconEntries { entry.encode(to: &writer) }
        writer.writeArrayHeader(winPoStProof.count)
        for proof in winPoStProof { proof.encode(to: &writer) }
        writer.writeArrayHeader(parents.count)
        for parent in parents { writer.writeCID(parent) }
        FilecoinBigInt.encode(parentWeight, to: &writer)
        writer.writeInt(height)
        writer.writeCID(parentStateRoot)
        writer.writeCID(parentMessageReceipts)
        writer.writeCID(messages)
        writer.writeOptional(blsAggregate)
        writer.writeUnsigned(timestamp)
        writer.writeOptional(blockSig)
        writer.writeUnsigned(forkSignaling)
        parentBaseFee.encode(to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 16)
        miner = try Address(from: &reader)
        ticket = try reader.readNullable { try Ticket(from: &$0) }
        electionProof = try reader.readNullable { try ElectionProof(from: &$0) }
        beaconEntries = try (0..<reader.readArrayHeader()).map { _ in try BeaconEntry(from: &reader) }
        winPoStProof = try (0..<reader.readArrayHeader()).map { _ in try PoStProof(from: &reader) }
        parents = try (0..<reader.readArrayHeader()).map { _ in try reader.readCID() }
        parentWeight = try FilecoinBigInt.decode(from: &reader)
        height = try reader.readInt()
        parentStateRoot = try reader.readCID()
        parentMessageReceipts = try reader.readCID()
        messages = try reader.readCID()
        blsAggregate = try reader.readNullable { try Signature(from: &$0) }
        timestamp = try reader.readUnsigned()
        blockSig = try reader.readNullable { try Signature(from: &$0) }
        forkSignaling = try reader.readUnsigned()
        parentBaseFee = try TokenAmount(from: &reader)
    }
}
