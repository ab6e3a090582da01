import BigInt
import GoCompat

/// A 20-byte Ethereum address as the FEVM sees Filecoin addresses.
public struct EthAddress: Hashable, Sendable, CustomStringConvertible {
    /// Invariant: exactly 20 bytes.
    public let bytes: [UInt8]

    /// The delegated-address namespace of the Ethereum Address Manager (f410 addresses).
    public static let eamNamespace: UInt64 = 10

    public init(bytes: some Collection<UInt8>) throws(EthConversionError) {
        guard bytes.count == 20 else { throw .invalidEthAddress(length: bytes.count) }
        self.bytes = Array(bytes)
    }

    /// Lotus's `EthAddressFromFilecoinAddress`: an ID address becomes the masked form
    /// `0xff` + 11 zero bytes + the ID (8 bytes, big-endian); an f410 address its 20-byte
    /// subaddress. Other addresses have no Ethereum form.
    public init(filecoin address: Address) throws(EthConversionError) {
        switch address.protocol {
        case .id:
            guard let id = address.idValue else { throw .noEthForm(address) }
            bytes = [0xff] + [UInt8](repeating: 0, count: 11) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: id >> (8 * UInt64($0))) }
        case .delegated:
            guard address.delegatedNamespace == Self.eamNamespace, let sub = address.delegatedSubaddress, sub.count == 20 else {
                throw .noEthForm(address)
            }
            bytes = sub
        case .secp256k1, .actor, .bls:
            throw .noEthForm(address)
        }
    }

    public var description: String { "0x" + Hex.encode(bytes) }
}

/// Why a Filecoin message or address has no Ethereum form.
public enum EthConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidEthAddress(length: Int)
    case noEthForm(Address)
    case unsupportedVersion(UInt64)
    case unsupportedMethod(UInt64)
    case invalidParams(String)
    case negativeAmount(String)

    public var description: String {
        switch self {
        case .invalidEthAddress(let length): "an Ethereum address is 20 bytes, not \(length)"
        case .noEthForm(let address): "\(address) has no Ethereum address (only ID and f410 addresses do)"
        case .unsupportedVersion(let version): "unsupported message version \(version)"
        case .unsupportedMethod(let method):
            "invalid method \(method): an Ethereum account may only call InvokeContract (\(EthTransaction1559.invokeContractMethod)) or the EAM's CreateExternal (\(EthTransaction1559.createExternalMethod))"
        case .invalidParams(let why): "params of an Ethereum transaction: \(why)"
        case .negativeAmount(let field): "\(field) is negative"
        }
    }
}
