import FilecoinTypes
import Foundation
import GoCompat

/// A sending address as sophon-messager keeps it (venus-shared `messager.Address`): `{"id",
/// "addr", "nonce", "weight", "state", "selMsgNum", <FeeSpec members>, "isDeleted", "createAt",
/// "updateAt"}`.
public struct MessagerAddress: Hashable, Sendable {
    public var id: GatewayUUID
    public var addr: Address
    /// The next nonce the messager assigns from this address.
    public var nonce: UInt64
    public var weight: Int64
    public var state: MessagerAddressState
    /// Messages selected per round from this address (0: the shared setting).
    public var selMsgNum: UInt64
    public var feeSpec: FeeSpec
    /// Upstream's soft-delete flag: 1 deleted, -1 not.
    public var isDeleted: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// Upstream's values for `isDeleted`.
    public static let deleted = 1
    public static let notDeleted = -1

    public init(
        id: GatewayUUID = GatewayUUID(), addr: Address, nonce: UInt64 = 0, weight: Int64 = 0,
        state: MessagerAddressState = .alive, selMsgNum: UInt64 = 0, feeSpec: FeeSpec = .zero,
        isDeleted: Int = MessagerAddress.notDeleted, createdAt: Date = Date(), updatedAt: Date? = nil
    ) {
        self.id = id
        self.addr = addr
        self.nonce = nonce
        self.weight = weight
        self.state = state
        self.selMsgNum = selMsgNum
        self.feeSpec = feeSpec
        self.isDeleted = isDeleted
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

extension MessagerAddress: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, addr, nonce, weight, state, selMsgNum, isDeleted
        case createdAt = "createAt", updatedAt = "updateAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(GatewayUUID.self, forKey: .id), addr: try c.decode(Address.self, forKey: .addr),
            nonce: try c.decodeIfPresent(UInt64.self, forKey: .nonce) ?? 0,
            weight: try c.decodeIfPresent(Int64.self, forKey: .weight) ?? 0,
            state: try c.decodeIfPresent(MessagerAddressState.self, forKey: .state) ?? MessagerAddressState(rawValue: 0),
            selMsgNum: try c.decodeIfPresent(UInt64.self, forKey: .selMsgNum) ?? 0,
            feeSpec: try FeeSpec(from: decoder),
            isDeleted: try c.decodeIfPresent(Int.self, forKey: .isDeleted) ?? 0,
            createdAt: (try c.decodeIfPresent(GoTime.self, forKey: .createdAt) ?? .zero).date,
            updatedAt: (try c.decodeIfPresent(GoTime.self, forKey: .updatedAt) ?? .zero).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(addr, forKey: .addr)
        try c.encode(nonce, forKey: .nonce)
        try c.encode(weight, forKey: .weight)
        try c.encode(state, forKey: .state)
        try c.encode(selMsgNum, forKey: .selMsgNum)
        try feeSpec.encode(to: encoder)
        try c.encode(isDeleted, forKey: .isDeleted)
        try c.encode(GoTime(createdAt), forKey: .createdAt)
        try c.encode(GoTime(updatedAt), forKey: .updatedAt)
    }
}
