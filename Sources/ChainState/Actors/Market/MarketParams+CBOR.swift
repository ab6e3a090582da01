import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// cbor-gen's `MaxLength`: arrays longer than this do not decode.
private let maxArrayLength = 8192

private func readDealIDs(_ reader: inout CBORReader) throws -> [UInt64] {
    let count = try reader.readArrayHeader()
    guard count <= maxArrayLength else { throw MarketDecodingError("t.DealIDs: array too large (\(count))") }
    var ids: [UInt64] = []
    ids.reserveCapacity(count)
    for _ in 0..<count { ids.append(try reader.readUnsigned()) }
    return ids
}

private func writeDealIDs(_ ids: [UInt64], _ writer: inout CBORWriter) {
    writer.writeArrayHeader(ids.count)
    for id in ids { writer.writeUnsigned(id) }
}

extension MarketWithdrawBalanceParams: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        providerOrClientAddress.encode(to: &writer)
        amount.encode(to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        providerOrClientAddress = try Address(from: &reader)
        amount = try TokenAmount(from: &reader)
    }
}

extension PublishStorageDealsParams: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(deals.count)
        for deal in deals { deal.encode(to: &writer) }
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        let count = try reader.readArrayHeader()
        guard count <= maxArrayLength else { throw MarketDecodingError("t.Deals: array too large (\(count))") }
        deals = []
        for _ in 0..<count { deals.append(try ClientDealProposal(from: &reader)) }
    }
}

extension PublishStorageDealsReturn: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writeDealIDs(ids, &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        ids = try readDealIDs(&reader)
    }
}

extension VerifyDealsForActivationParams: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        writeDealIDs(dealIDs, &writer)
        writer.writeInt(sectorExpiry)
        writer.writeInt(sectorStart)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        dealIDs = try readDealIDs(&reader)
        sectorExpiry = try reader.readInt()
        sectorStart = try reader.readInt()
    }
}

extension VerifyDealsForActivationReturn: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(dealSpace == nil ? 2 : 3)
        FilecoinBigInt.encode(dealWeight, to: &writer)
        FilecoinBigInt.encode(verifiedDealWeight, to: &writer)
        if let dealSpace { writer.writeUnsigned(dealSpace) }
    }

    public init(from reader: inout CBORReader) throws {
        let count = try reader.readArrayHeader()
        guard count == 2 || count == 3 else { throw MarketDecodingError("cbor input had wrong number of fields") }
        dealWeight = try FilecoinBigInt.decode(from: &reader)
        verifiedDealWeight = try FilecoinBigInt.decode(from: &reader)
        dealSpace = count == 3 ? try reader.readUnsigned() : nil
    }
}

extension ActivateDealsParams: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writeDealIDs(dealIDs, &writer)
        writer.writeInt(sectorExpiry)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        dealIDs = try readDealIDs(&reader)
        sectorExpiry = try reader.readInt()
    }
}

extension ComputeDataCommitmentParams: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writeDealIDs(dealIDs, &writer)
        writer.writeInt(sectorType.rawValue)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        dealIDs = try readDealIDs(&reader)
        sectorType = RegisteredSealProof(rawValue: try reader.readInt())
    }
}

extension OnMinerSectorsTerminateParams: CBORCodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeInt(epoch)
        writeDealIDs(dealIDs, &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        epoch = try reader.readInt()
        dealIDs = try readDealIDs(&reader)
    }
}
