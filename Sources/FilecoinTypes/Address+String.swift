import FilecoinCrypto

// The string form: <f|t><protocol digit><payload text>.
//   ID:         decimal ID
//   delegated:  decimal namespace, "f", base32(subaddress || checksum)
//   others:     base32(payload || checksum)
// checksum = BLAKE2b-32(protocol byte || payload); base32 = lowercase RFC 4648, no padding.

extension Address: CustomStringConvertible {
    /// The string with `Address.defaultNetwork`'s prefix.
    public var description: String { string(network: Address.defaultNetwork) }

    /// The string with `network`'s prefix (`f` mainnet, `t` testnet).
    public func string(network: Network) -> String {
        var output: [UInt8] = [network.prefixByte, UInt8(ascii: "0") + `protocol`.rawValue]
        output.reserveCapacity(2 + 20 + bytes.count * 8 / 5 + 8)
        switch `protocol` {
        case .id:
            output.append(contentsOf: (idValue ?? 0).description.utf8)
        case .delegated:
            let (namespace, length) = (try? AddressUvarint.decode(bytes.dropFirst())) ?? (0, 0)
            output.append(contentsOf: namespace.description.utf8)
            output.append(UInt8(ascii: "f"))
            AddressBase32.encode(Array(bytes.dropFirst(1 + length)) + checksum, into: &output)
        case .secp256k1, .actor, .bls:
            AddressBase32.encode(payload + checksum, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Parses an address string with either prefix, validating it the way go-address's
    /// `NewFromString` does, in the same order, so the same input fails with the same kind.
    ///
    /// Differences from go-address: the empty string and `<empty>` (go-address's undefined
    /// address) are errors here. Like go-address, an ID or namespace may have leading zeros
    /// (`f001` is `f01`).
    /// - Throws: `AddressError` naming the first problem found.
    public init(_ string: some StringProtocol) throws(AddressError) {
        let text = Array(string.utf8)
        guard text.count >= 3, text.count <= Address.maxStringLength else { throw .invalidLength }
        guard Network(prefixByte: text[0]) != nil else { throw .unknownNetwork }
        guard text[1] >= UInt8(ascii: "0"),
            let kind = AddressProtocol(rawValue: text[1] &- UInt8(ascii: "0"))
        else { throw .unknownProtocol }
        let raw = text[2...]

        switch kind {
        case .id:
            guard raw.count <= Address.maxIDStringLength else { throw .invalidLength }
            self = try Address.id(Address.parseDecimal(raw))
            return
        case .delegated:
            guard let separator = raw.firstIndex(of: UInt8(ascii: "f")) else { throw .invalidPayload }
            let namespaceText = raw[..<separator]
            guard namespaceText.count <= Address.maxIDStringLength else { throw .invalidLength }
            let namespace = try Address.parseDecimal(namespaceText)
            let decoded = try AddressBase32.decode(raw[(separator + 1)...])
            guard decoded.count >= Address.checksumLength else { throw .invalidLength }
            let subaddress = decoded.dropLast(Address.checksumLength)
            guard subaddress.count <= Address.maxSubaddressLength else { throw .invalidLength }
            let payload = AddressUvarint.encode(namespace) + subaddress
            try self.init(checking: kind, payload: payload[...], checksum: decoded.suffix(Address.checksumLength))
        case .secp256k1, .actor, .bls:
            let decoded = try AddressBase32.decode(raw)
            guard decoded.count >= Address.checksumLength else { throw .invalidLength }
            let payload = decoded.dropLast(Address.checksumLength)
            let expectedLength = kind == .bls ? Address.blsPublicKeyLength : Address.payloadHashLength
            guard payload.count == expectedLength else { throw .invalidLength }
            try self.init(checking: kind, payload: payload, checksum: decoded.suffix(Address.checksumLength))
        }
    }

    private init(checking kind: AddressProtocol, payload: ArraySlice<UInt8>, checksum: ArraySlice<UInt8>)
        throws(AddressError)
    {
        guard Blake2b.checksum4([kind.rawValue] + payload).elementsEqual(checksum) else { throw .invalidChecksum }
        try self.init(protocol: kind, payload: payload)
    }

    /// Decimal digits only, at most 2^63 - 1 (Go's `strconv.ParseUint(s, 10, 63)`).
    private static func parseDecimal(_ digits: ArraySlice<UInt8>) throws(AddressError) -> UInt64 {
        guard !digits.isEmpty else { throw .invalidPayload }
        var value: UInt64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { throw .invalidPayload }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2, sum <= maxID else { throw .invalidPayload }
            value = sum
        }
        return value
    }
}
