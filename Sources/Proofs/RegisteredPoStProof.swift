import DagCBOR

/// An `abi.RegisteredPoStProof`: a winning or window proof-of-spacetime system, as its go-state-types number.
///
/// 0...4 are winning PoSt (2 KiB ... 64 GiB), 5...9 window PoSt V1, 10...14 window PoSt V1_1.
/// Any number decodes; the properties that depend on the kind throw for unknown numbers.
public struct RegisteredPoStProof: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static let stackedDrgWinning2KiBV1 = RegisteredPoStProof(rawValue: 0)
    public static let stackedDrgWinning8MiBV1 = RegisteredPoStProof(rawValue: 1)
    public static let stackedDrgWinning512MiBV1 = RegisteredPoStProof(rawValue: 2)
    public static let stackedDrgWinning32GiBV1 = RegisteredPoStProof(rawValue: 3)
    public static let stackedDrgWinning64GiBV1 = RegisteredPoStProof(rawValue: 4)
    public static let stackedDrgWindow2KiBV1 = RegisteredPoStProof(rawValue: 5)
    public static let stackedDrgWindow8MiBV1 = RegisteredPoStProof(rawValue: 6)
    public static let stackedDrgWindow512MiBV1 = RegisteredPoStProof(rawValue: 7)
    public static let stackedDrgWindow32GiBV1 = RegisteredPoStProof(rawValue: 8)
    public static let stackedDrgWindow64GiBV1 = RegisteredPoStProof(rawValue: 9)
    public static let stackedDrgWindow2KiBV1_1 = RegisteredPoStProof(rawValue: 10)
    public static let stackedDrgWindow8MiBV1_1 = RegisteredPoStProof(rawValue: 11)
    public static let stackedDrgWindow512MiBV1_1 = RegisteredPoStProof(rawValue: 12)
    public static let stackedDrgWindow32GiBV1_1 = RegisteredPoStProof(rawValue: 13)
    public static let stackedDrgWindow64GiBV1_1 = RegisteredPoStProof(rawValue: 14)

    /// Whether this is a known winning PoSt proof.
    public var isWinning: Bool { (0...4).contains(rawValue) }

    /// Whether this is a known window PoSt proof (V1 or V1_1).
    public var isWindow: Bool { (5...14).contains(rawValue) }

    /// The size index 0...4 (2 KiB, 8 MiB, 512 MiB, 32 GiB, 64 GiB).
    private func sizeIndex() throws(ProofError) -> Int {
        guard (0...14).contains(rawValue) else { throw .unsupportedPoStProof(rawValue) }
        return Int(rawValue % 5)
    }

    /// The size of the sectors this proof covers, in bytes.
    public func sectorSize() throws(ProofError) -> UInt64 {
        try RegisteredSealProof(rawValue: Int64(sizeIndex())).sectorSize()
    }

    /// The sectors one window PoSt partition proves (specs-actors v2 `WindowPoStPartitionSectors`);
    /// for a winning PoSt proof, the one sector it challenges.
    public func partitionSectors() throws(ProofError) -> UInt64 {
        if isWinning { return 1 }
        return try RegisteredSealProof(rawValue: Int64(sizeIndex())).windowPoStPartitionSectors()
    }

    public var description: String {
        guard let index = try? sizeIndex() else { return "RegisteredPoStProof(\(rawValue))" }
        let size = ["2KiB", "8MiB", "512MiB", "32GiB", "64GiB"][index]
        if isWinning { return "StackedDrgWinning\(size)V1" }
        return "StackedDrgWindow\(size)V1\(rawValue >= 10 ? "_1" : "")"
    }
}

/// On chain a PoSt proof type is its number, a CBOR integer.
extension RegisteredPoStProof: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) { writer.writeInt(rawValue) }

    public init(from reader: inout CBORReader) throws { rawValue = try reader.readInt() }
}
