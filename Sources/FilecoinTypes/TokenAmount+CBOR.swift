import DagCBOR

extension TokenAmount: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        FilecoinBigInt.encode(attoFIL, to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        self.init(attoFIL: try FilecoinBigInt.decode(from: &reader))
    }
}
