import BigInt

extension Message {
    /// 2 billion FIL in attoFIL: no value can exceed the total supply.
    public static let totalFilecoinAttoFIL = BigInt(2_000_000_000) * TokenAmount.attoFILPerFIL
    /// The block gas limit (10 billion): no message may ask for more.
    public static let blockGasLimit: Int64 = 10_000_000_000

    /// Lotus's `ValidForBlockInclusion` syntax checks, in its order and with its wording; `minGas`
    /// is the gas the VM charges for the message's on-chain size.
    public func checkValidForBlockInclusion(minGas: Int64 = 0) throws(MessageValidationError) {
        guard version == 0 else { throw .init("'Version' unsupported") }
        guard to.protocol != .id || to.idValue != nil else { throw .init("'To' address cannot be empty") }
        guard !value.isNegative else { throw .init("'Value' field cannot be negative") }
        guard value.attoFIL <= Self.totalFilecoinAttoFIL else {
            throw .init("'Value' field cannot be greater than total filecoin supply")
        }
        guard !gasFeeCap.isNegative else { throw .init("'GasFeeCap' field cannot be negative") }
        guard !gasPremium.isNegative else { throw .init("'GasPremium' field cannot be negative") }
        guard gasPremium <= gasFeeCap else { throw .init("'GasFeeCap' less than 'GasPremium'") }
        guard gasLimit <= Self.blockGasLimit else {
            throw .init("'GasLimit' field cannot be greater than a block's gas limit")
        }
        guard gasLimit >= 0 else { throw .init("'GasLimit' field cannot be negative") }
        guard gasLimit >= minGas else {
            throw .init("'GasLimit' field cannot be less than the cost of storing a message on chain \(minGas)")
        }
    }
}

/// Why a message cannot be included in a block.
public struct MessageValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
