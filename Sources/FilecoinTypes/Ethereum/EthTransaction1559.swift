import BigInt
import DagCBOR

/// The EIP-1559 transaction a message from an f410 (Ethereum) account stands for, as Lotus's
/// `Eth1559TxArgsFromUnsignedFilecoinMessage` builds it. Such a message is signed over
/// `unsignedRLP` (keccak-256 then secp256k1), not over its CID.
public struct EthTransaction1559: Hashable, Sendable {
    /// FEVM's `InvokeContract` method number (FRC-42 hash of the name).
    public static let invokeContractMethod: UInt64 = 3_844_450_837
    /// The Ethereum Address Manager's `CreateExternal` method.
    public static let createExternalMethod: UInt64 = 4
    /// The Ethereum Address Manager actor, f010.
    public static let eamActorID: UInt64 = 10
    /// EIP-155 chain ids Lotus builds for: mainnet, calibnet, and the 2k devnet (ours).
    public static let mainnetChainID: UInt64 = 314
    public static let calibnetChainID: UInt64 = 314_159
    public static let devnetChainID: UInt64 = 31_415_926

    public var chainID: UInt64
    public var nonce: UInt64
    /// nil for a contract creation through the EAM.
    public var to: EthAddress?
    public var value: BigInt
    public var maxFeePerGas: BigInt
    public var maxPriorityFeePerGas: BigInt
    public var gasLimit: UInt64
    public var input: [UInt8]

    /// The transaction of `message` on chain `chainID`.
    /// - Throws: when the message could not have come from an Ethereum account (a method other
    ///   than InvokeContract / CreateExternal, params that are not one CBOR byte string, a
    ///   recipient without an Ethereum address, negative amounts).
    public init(message: Message, chainID: UInt64) throws(EthConversionError) {
        guard message.version == 0 else { throw .unsupportedVersion(message.version) }
        var input: [UInt8] = []
        if !message.params.isEmpty {
            do {
                var reader = CBORReader(bytes: message.params)
                input = try reader.readBytes()
                try reader.finish()
            } catch {
                throw .invalidParams("not a single CBOR byte string: \(error)")
            }
            guard !input.isEmpty else { throw .invalidParams("non-empty params encode an empty byte string") }
        }
        if message.to.idValue == Self.eamActorID {
            guard message.method == Self.createExternalMethod else { throw .unsupportedMethod(message.method) }
            to = nil
        } else if message.method == Self.invokeContractMethod {
            to = try EthAddress(filecoin: message.to)
        } else {
            throw .unsupportedMethod(message.method)
        }
        guard message.gasLimit >= 0 else { throw .negativeAmount("gas limit") }
        for (name, amount) in [("value", message.value), ("gas fee cap", message.gasFeeCap), ("gas premium", message.gasPremium)] {
            if amount.isNegative { throw .negativeAmount(name) }
        }
        self.chainID = chainID
        self.nonce = message.nonce
        self.value = message.value.attoFIL
        self.maxFeePerGas = message.gasFeeCap.attoFIL
        self.maxPriorityFeePerGas = message.gasPremium.attoFIL
        self.gasLimit = UInt64(message.gasLimit)
        self.input = input
    }

    /// `0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value,
    /// input, accessList=[]])`: the bytes an Ethereum account signs.
    public var unsignedRLP: [UInt8] {
        let fields: [RLP] = [
            .unsigned(chainID), .unsigned(nonce), Self.amount(maxPriorityFeePerGas), Self.amount(maxFeePerGas),
            .unsigned(gasLimit), .bytes(to?.bytes ?? []), Self.amount(value), .bytes(input), .list([]),
        ]
        return [0x02] + RLP.list(fields).encoded
    }

    /// A non-negative big integer as minimal big-endian bytes.
    private static func amount(_ value: BigInt) -> RLP {
        let data = value.magnitude.serialize()
        return .bytes(Array(data.drop { $0 == 0 }))
    }
}
