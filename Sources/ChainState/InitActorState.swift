import DagCBOR

/// The init actor's state `[AddressMap, NextID, NetworkName]` (the same in specs-actors v0...v4).
///
/// `addressMap` is the root of a HAMT, in the state tree's HAMT generation, from robust address
/// bytes to the CBOR actor ID they were given; `nextID` is the ID the next new actor gets.
public struct InitActorState: Hashable, Sendable, CBORCodable {
    public var addressMap: CID
    public var nextID: UInt64
    public var networkName: String

    public init(addressMap: CID, nextID: UInt64, networkName: String) {
        self.addressMap = addressMap
        self.nextID = nextID
        self.networkName = networkName
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        addressMap = try reader.readCID()
        nextID = try reader.readUnsigned()
        networkName = try reader.readText()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        writer.writeCID(addressMap)
        writer.writeUnsigned(nextID)
        writer.writeText(networkName)
    }
}
