import DagCBOR
import FilecoinTypes

/// cbor-gen's limit on a decoded array's length (`cbg.MaxLength`).
private let cborGenMaxLength = 8192

private func readArray<T>(_ reader: inout CBORReader, _ element: (inout CBORReader) throws -> T) throws -> [T] {
    let start = reader.offset
    let count = try reader.readArrayHeader()
    guard count <= cborGenMaxLength else { throw CBORError(.invalidValue("array too large (\(count))"), offset: start) }
    var out: [T] = []
    out.reserveCapacity(count)
    for _ in 0..<count { out.append(try element(&reader)) }
    return out
}

/// Sectors of one partition of one deadline, as fault, recovery and termination declarations
/// name them: `[Deadline, Partition, Sectors]` (v0/v2 `FaultDeclaration`, `RecoveryDeclaration`,
/// `TerminationDeclaration`). The bitfield is checked where the method first reads it.
public struct SectorDeclaration: Hashable, Sendable, CBORCodable {
    public var deadline: UInt64
    public var partition: UInt64
    public var sectors: UnvalidatedBitfield

    public init(deadline: UInt64, partition: UInt64, sectors: Bitfield) {
        self.deadline = deadline
        self.partition = partition
        self.sectors = UnvalidatedBitfield(sectors)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        deadline = try reader.readUnsigned()
        partition = try reader.readUnsigned()
        sectors = try UnvalidatedBitfield(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        writer.writeUnsigned(deadline)
        writer.writeUnsigned(partition)
        sectors.encode(to: &writer)
    }
}

/// `[Faults]`, `[Recoveries]` and `[Terminations]`: the params of DeclareFaults,
/// DeclareFaultsRecovered and TerminateSectors.
public struct SectorDeclarationsParams: Hashable, Sendable, CBORCodable {
    public var declarations: [SectorDeclaration]

    public init(_ declarations: [SectorDeclaration]) { self.declarations = declarations }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        declarations = try readArray(&reader) { try SectorDeclaration(from: &$0) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(declarations.count)
        for declaration in declarations { declaration.encode(to: &writer) }
    }
}

/// `TerminateSectorsReturn`: `[Done]`, whether every termination was processed.
public struct TerminateSectorsReturn: Hashable, Sendable, CBORCodable {
    public var done: Bool

    public init(done: Bool) { self.done = done }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        done = try reader.readBool()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeBool(done)
    }
}

/// `SubmitWindowedPoStParams`: `[Deadline, Partitions, Proofs, ChainCommitEpoch, ChainCommitRand]`.
public struct SubmitWindowedPoStParams: Hashable, Sendable, CBORCodable {
    public var deadline: UInt64
    public var partitions: [PoStPartition]
    public var proofs: [PoStProof]
    public var chainCommitEpoch: Int64
    public var chainCommitRand: [UInt8]

    public init(deadline: UInt64, partitions: [PoStPartition], proofs: [PoStProof], chainCommitEpoch: Int64, chainCommitRand: [UInt8]) {
        self.deadline = deadline
        self.partitions = partitions
        self.proofs = proofs
        self.chainCommitEpoch = chainCommitEpoch
        self.chainCommitRand = chainCommitRand
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 5)
        deadline = try reader.readUnsigned()
        partitions = try readArray(&reader) { try PoStPartition(from: &$0) }
        proofs = try readArray(&reader) { try PoStProof(from: &$0) }
        chainCommitEpoch = try reader.readInt()
        let start = reader.offset
        chainCommitRand = try reader.readBytes()
        // cbor-gen's `ByteArrayMaxLen`.
        guard chainCommitRand.count <= 2 << 20 else { throw CBORError(.invalidValue("byte array too large"), offset: start) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(5)
        writer.writeUnsigned(deadline)
        writer.writeArrayHeader(partitions.count)
        for partition in partitions { partition.encode(to: &writer) }
        writer.writeArrayHeader(proofs.count)
        for proof in proofs { proof.encode(to: &writer) }
        writer.writeInt(chainCommitEpoch)
        writer.writeBytes(chainCommitRand)
    }
}

/// One extension: `[Deadline, Partition, Sectors, NewExpiration]`.
public struct ExpirationExtension: Hashable, Sendable, CBORCodable {
    public var deadline: UInt64
    public var partition: UInt64
    public var sectors: UnvalidatedBitfield
    public var newExpiration: Int64

    public init(deadline: UInt64, partition: UInt64, sectors: Bitfield, newExpiration: Int64) {
        self.deadline = deadline
        self.partition = partition
        self.sectors = UnvalidatedBitfield(sectors)
        self.newExpiration = newExpiration
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 4)
        deadline = try reader.readUnsigned()
        partition = try reader.readUnsigned()
        sectors = try UnvalidatedBitfield(from: &reader)
        newExpiration = try reader.readInt()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(4)
        writer.writeUnsigned(deadline)
        writer.writeUnsigned(partition)
        sectors.encode(to: &writer)
        writer.writeInt(newExpiration)
    }
}

/// `ExtendSectorExpirationParams`: `[Extensions]`.
public struct ExtendSectorExpirationParams: Hashable, Sendable, CBORCodable {
    public var extensions: [ExpirationExtension]

    public init(_ extensions: [ExpirationExtension]) { self.extensions = extensions }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        extensions = try readArray(&reader) { try ExpirationExtension(from: &$0) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(extensions.count)
        for item in extensions { item.encode(to: &writer) }
    }
}

/// `CompactPartitionsParams`: `[Deadline, Partitions]`.
public struct CompactPartitionsParams: Hashable, Sendable, CBORCodable {
    public var deadline: UInt64
    public var partitions: UnvalidatedBitfield

    public init(deadline: UInt64, partitions: Bitfield) {
        self.deadline = deadline
        self.partitions = UnvalidatedBitfield(partitions)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        deadline = try reader.readUnsigned()
        partitions = try UnvalidatedBitfield(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeUnsigned(deadline)
        partitions.encode(to: &writer)
    }
}
