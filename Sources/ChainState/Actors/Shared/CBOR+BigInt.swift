import BigInt
import DagCBOR
import FilecoinTypes

extension CBORReader {
    /// A serialised big integer (`big.Int`: a byte string, sign byte then magnitude).
    public mutating func readBigInt() throws -> BigInt { try FilecoinBigInt.decode(from: &self) }

    /// A token amount (`abi.TokenAmount`).
    public mutating func readTokenAmount() throws -> TokenAmount { TokenAmount(attoFIL: try readBigInt()) }
}

extension CBORWriter {
    public mutating func writeBigInt(_ value: BigInt) { FilecoinBigInt.encode(value, to: &self) }

    public mutating func writeTokenAmount(_ value: TokenAmount) { FilecoinBigInt.encode(value.attoFIL, to: &self) }
}
