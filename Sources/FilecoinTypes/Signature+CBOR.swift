import DagCBOR

/// A signature is one CBOR byte string: the type byte followed by the signature bytes.
extension Signature: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        var raw: [UInt8] = [kind.rawValue]
        raw.append(contentsOf: data)
        writer.writeBytes(raw)
    }

    public init(from reader: inout CBORReader) throws {
        let raw = try reader.readBytes()
        guard let typeByte = raw.first else {
            throw FilecoinTypesError.invalidSignature("empty signature bytes")
        }
        guard let kind = Kind(rawValue: typeByte) else {
            throw FilecoinTypesError.invalidSignature("unknown signature type \(typeByte)")
        }
        self.init(kind: kind, data: Array(raw.dropFirst()))
    }
}
