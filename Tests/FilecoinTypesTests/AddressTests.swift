import GoCompat
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// Helpers kept in one namespace so they cannot clash with other suites in this target.
enum AddressFixtures {
    static func vectors() throws -> [String: Any] {
        try #require(try TestVectors.json("address/go-address-vectors.json") as? [String: Any])
    }

    static func section(_ name: String) throws -> [[String: Any]] {
        let section = try #require(try vectors()[name] as? [String: Any])
        let cases = try #require(section["cases"] as? [[String: Any]])
        try #require(!cases.isEmpty)
        return cases
    }

    /// The Swift error for a go-address error kind named in the vectors; nil for "error (any)".
    static func error(forKind kind: String) throws -> AddressError? {
        switch kind {
        case "ErrUnknownNetwork": return .unknownNetwork
        case "ErrUnknownProtocol": return .unknownProtocol
        case "ErrInvalidPayload": return .invalidPayload
        case "ErrInvalidLength": return .invalidLength
        case "ErrInvalidChecksum": return .invalidChecksum
        case "ErrInvalidEncoding": return .invalidEncoding
        case "error (any)": return nil
        default:
            let prefix = "base32.CorruptInputError("
            try #require(kind.hasPrefix(prefix) && kind.hasSuffix(")"), "unknown error kind \(kind)")
            let offset = try #require(Int(kind.dropFirst(prefix.count).dropLast()))
            return .invalidBase32(offset: offset)
        }
    }

    static let oracleEnabled =
        ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: ["coincurve"])

    static func oracle(_ input: [String: Any]) throws -> [[String: Any]] {
        try #require(try PythonOracle.call("address_oracle.py", input: input) as? [[String: Any]])
    }

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

private typealias F = AddressFixtures

@Suite("Address")
struct AddressTests {
    static let vectorsEnabled = TestVectors.available
    static let vectorsComment = Comment(rawValue: TestVectors.missingMessage)
    static let oracleComment = Comment(rawValue: PythonOracle.missingMessage(["coincurve"]))

    /// Checks an address against a vector: its string, and parsing and byte round trips.
    func check(_ address: Address, _ entry: [String: Any], strings: [(Network, String)]) throws {
        let payload = try Hex.decode(try #require(entry["payload_hex"] as? String))
        let addressBytes = try Hex.decode(try #require(entry["address_bytes_hex"] as? String))
        #expect(address.payload == payload)
        #expect(address.bytes == addressBytes)
        #expect(try Address(bytes: addressBytes) == address)
        for (network, string) in strings {
            #expect(address.string(network: network) == string)
            let parsed = try Address(string)
            #expect(parsed == address)
            #expect(parsed.protocol == address.protocol)
            #expect(parsed.payload == payload)
        }
    }

    @Test("go-address ID vectors", .enabled(if: vectorsEnabled, vectorsComment))
    func idVectors() throws {
        for entry in try F.section("id") {
            let id = try #require((entry["input"] as? NSNumber)?.uint64Value)
            let address = try Address.id(id)
            #expect(address.protocol == .id)
            #expect(address.idValue == id)
            let expected = try #require(entry["expected"] as? String)
            try check(address, entry, strings: [(.testnet, expected), (.mainnet, "f" + expected.dropFirst())])
        }
    }

    @Test("go-address secp256k1, actor and BLS vectors", .enabled(if: vectorsEnabled, vectorsComment))
    func hashedVectors() throws {
        for name in ["secp256k1", "actor", "bls"] {
            for entry in try F.section(name) {
                let input = try Hex.decode(try #require(entry["input_hex"] as? String))
                let address: Address =
                    switch name {
                    case "secp256k1": Address.secp256k1(publicKey: try Secp256k1PublicKey(bytes: input))
                    case "actor": Address.actor(input)
                    default: try Address.bls(publicKey: input)
                    }
                #expect(address.protocol.rawValue == ["secp256k1": 1, "actor": 2, "bls": 3][name])
                #expect(address.idValue == nil)
                try check(address, entry, strings: [
                    (.testnet, try #require(entry["expected_testnet"] as? String)),
                    (.mainnet, try #require(entry["expected_mainnet"] as? String)),
                ])
            }
        }
    }

    @Test("go-address delegated vectors", .enabled(if: vectorsEnabled, vectorsComment))
    func delegatedVectors() throws {
        for entry in try F.section("delegated") {
            let namespace = try #require((entry["namespace"] as? NSNumber)?.uint64Value)
            let subaddress = try Hex.decode(try #require(entry["subaddress_hex"] as? String))
            let address = try Address.delegated(namespace: namespace, subaddress: subaddress)
            #expect(address.delegatedNamespace == namespace)
            #expect(address.delegatedSubaddress == subaddress)
            let expected = try #require(entry["expected"] as? String)
            try check(address, entry, strings: [(.mainnet, expected), (.testnet, "t" + expected.dropFirst())])
        }
    }

    @Test("go-address invalid strings fail with go-address's error kind", .enabled(if: vectorsEnabled, vectorsComment))
    func invalidStrings() throws {
        for entry in try F.section("invalid_strings") {
            let input = try #require(entry["input"] as? String)
            let kind = try #require(entry["expected_error"] as? String)
            let expected = try #require(try F.error(forKind: kind))
            #expect(throws: expected, "\(input)") { try Address(input) }
        }
    }

    @Test("go-address invalid bytes fail with go-address's error kind", .enabled(if: vectorsEnabled, vectorsComment))
    func invalidBytes() throws {
        for entry in try F.section("invalid_bytes") {
            let input = try Hex.decode(try #require(entry["input_hex"] as? String))
            if let expected = try F.error(forKind: try #require(entry["expected_error"] as? String)) {
                #expect(throws: expected, "\(entry["input_hex"] ?? "")") { try Address(bytes: input) }
            } else {
                #expect(throws: AddressError.self) { try Address(bytes: input) }
            }
        }
    }

    @Test("non-canonical trailing base32 bits, checksum, CBOR bytes", .enabled(if: vectorsEnabled, vectorsComment))
    func trailingBitsChecksumAndBytes() throws {
        let vectors = try F.vectors()
        let trailing = try #require(vectors["trailing_bits"] as? [String: String])
        let valid = try #require(trailing["valid"])
        #expect(try Address(valid).string(network: .mainnet) == valid)
        #expect(throws: AddressError.invalidEncoding) { try Address(try #require(trailing["invalid"])) }

        let checksum = try #require(vectors["checksum"] as? [String: String])
        let data = Array(try #require(checksum["data_ascii"]).utf8)
        #expect(Hex.encode(Blake2b.checksum4(data)) == checksum["checksum_hex_derived"])
        #expect(Blake2b.checksum4(data) != Blake2b.checksum4(Array(try #require(checksum["other_data_ascii"]).utf8)))

        // The CBOR form is a byte string of exactly `bytes`: its content must equal them.
        let cbor = try #require(vectors["cbor_roundtrip"] as? [String: Any])
        let cases = try #require(cbor["cases"] as? [[String: String]])
        try #require(!cases.isEmpty)
        for entry in cases {
            let address = try Address(try #require(entry["address"]))
            #expect(Hex.encode(address.bytes) == entry["address_bytes_hex"])
            let cborHex = try #require(entry["cbor_hex"])
            #expect(cborHex.hasSuffix(Hex.encode(address.bytes)))
        }
    }

    @Test("ID and namespace limits")
    func limits() throws {
        let max = UInt64(Int64.max)
        #expect(try Address.id(max).idValue == max)
        #expect(throws: AddressError.invalidPayload) { try Address.id(max + 1) }
        #expect(throws: AddressError.invalidPayload) { try Address.id(.max) }
        #expect(throws: AddressError.invalidPayload) { try Address("t09223372036854775808") }
        #expect(throws: AddressError.invalidPayload) { try Address("t09999999999999999999") }
        #expect(throws: AddressError.invalidLength) { try Address("t018446744073709551615") }
        #expect(throws: AddressError.invalidLength) { try Address("t0000000000000000000001") }
        #expect(throws: AddressError.invalidPayload) { try Address.delegated(namespace: max + 1, subaddress: []) }
        #expect(throws: AddressError.invalidLength) {
            try Address.delegated(namespace: 10, subaddress: [UInt8](repeating: 1, count: 55))
        }
        #expect(throws: AddressError.invalidLength) { try Address.bls(publicKey: [UInt8](repeating: 1, count: 47)) }
        // Leading zeros parse, as in go-address, to the canonical address.
        #expect(try Address("f0001") == (try Address.id(1)))
        // Malformed pieces: sign, empty, missing separator, bad namespace, uppercase prefix.
        for (input, error) in [
            ("f0-1", AddressError.invalidPayload), ("f0+1", .invalidPayload), ("", .invalidLength),
            ("<empty>", .unknownNetwork), ("f410", .invalidPayload), ("f4x1fabc", .invalidPayload),
            ("f4fabcdefgh", .invalidPayload), ("F01", .unknownNetwork), ("f/1", .unknownProtocol),
            ("f91", .unknownProtocol), ("f1a", .invalidEncoding), ("f1aaa", .invalidEncoding),
            ("f1aaaaaa", .invalidEncoding), ("f410fa", .invalidEncoding), ("f410faaaa", .invalidLength),
            ("f1aaaa\naaaa", .invalidEncoding), ("f0é", .invalidPayload), ("f1é", .invalidBase32(offset: 0)),
        ] {
            #expect(throws: error, "\(input)") { try Address(input) }
        }
        // Byte forms: ID with trailing bytes, non-minimal varints.
        #expect(throws: AddressError.invalidLength) { try Address(bytes: [0, 1, 0]) }
        #expect(throws: AddressError.invalidPayload) { try Address(bytes: [0, 0x80, 0x00]) }
        #expect(throws: AddressError.invalidPayload) { try Address(bytes: [4, 0x81, 0x00, 1]) }
        #expect(throws: AddressError.invalidLength) { try Address(bytes: [1]) }
        #expect(throws: AddressError.invalidLength) { try Address(bytes: [UInt8]()) }
    }

    @Test("a Zondax wallet key gives its f1 address", .enabled(if: vectorsEnabled, vectorsComment))
    func zondaxKey() throws {
        let file = try #require(
            try TestVectors.json("zondax/test_vectors/verify_signature.json") as? [String: [String: Any]])
        let entry = try #require(file["verify_invalid_signature"])
        let base64 = try #require(entry["private_key"] as? String)
        let privateKey = try #require(Data(base64Encoded: base64))
        let from = try #require((entry["message"] as? [String: Any])?["From"] as? String)
        let key = try Secp256k1PrivateKey(bytes: privateKey)
        let address = Address.secp256k1(publicKey: key.publicKey)
        #expect(address.string(network: .testnet) == from)

        // Lotus's signature check: recover the key, derive the address, compare.
        let data = Array(from.utf8)
        let signature = try key.sign(data)
        #expect(address.isSecp256k1Signature(signature, of: data))
        #expect(!address.isSecp256k1Signature(signature, of: data + [0]))
        #expect(!address.isSecp256k1Signature(signature.dropLast(), of: data))
        #expect(!Address.actor(data).isSecp256k1Signature(signature, of: data))
        let other = Address.secp256k1(publicKey: Secp256k1PrivateKey.generate().publicKey)
        #expect(!other.isSecp256k1Signature(signature, of: data))
    }

    @Test("Lotus JSON is the string, printed with the default network")
    func lotusJSON() throws {
        #expect(Address.defaultNetwork == .mainnet)
        let address = try Address("t01024")
        let encoded = try JSONEncoder().encode([address])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["f01024"]"#)
        #expect(try JSONDecoder().decode([Address].self, from: Data(#"["t01024","f01024"]"#.utf8)) == [address, address])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Address].self, from: Data(#"["t01024x"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Address].self, from: Data("[1024]".utf8)) }
        // Only this test touches the process-wide setting, and restores it.
        Address.defaultNetwork = .testnet
        defer { Address.defaultNetwork = .mainnet }
        #expect(address.description == "t01024")
        #expect(String(decoding: try JSONEncoder().encode(address), as: UTF8.self) == #""t01024""#)
    }

    @Test("random addresses of every protocol agree with the Python oracle, both directions",
          .enabled(if: F.oracleEnabled, oracleComment))
    func oracleRoundTrip() throws {
        let seed = Int.random(in: 0..<Int(Int32.max))
        let cases = try F.oracle(["op": "cases", "count": 500, "seed": seed])
        try #require(cases.count == 500)
        var formatted: [String] = []
        var expectedBytes: [String] = []
        for (index, entry) in cases.enumerated() {
            let note = Comment(rawValue: "seed \(seed) case \(index)")
            let kind = try #require(entry["protocol"] as? Int)
            let input = try Hex.decode(entry["input"] as? String ?? "")
            let number = UInt64(entry["id"] as? String ?? "")
            let address: Address =
                switch kind {
                case 0: try Address.id(try #require(number))
                case 1: Address.secp256k1(publicKey: try Secp256k1PrivateKey(bytes: input).publicKey)
                case 2: Address.actor(input)
                case 3: try Address.bls(publicKey: input)
                default: try Address.delegated(namespace: try #require(number), subaddress: input)
                }
            if kind == 1 {
                let public_ = try Hex.decode(try #require(entry["public"] as? String))
                #expect(Address.secp256k1(publicKey: try Secp256k1PublicKey(bytes: public_)) == address, note)
            }
            let mainnet = try #require(entry["mainnet"] as? String)
            let testnet = try #require(entry["testnet"] as? String)
            #expect(Hex.encode(address.bytes) == entry["bytes"] as? String, note)
            #expect(address.string(network: .mainnet) == mainnet, note)
            #expect(address.string(network: .testnet) == testnet, note)
            #expect(try Address(mainnet) == address, note)
            #expect(try Address(testnet) == address, note)
            #expect(try Address(bytes: address.bytes) == address, note)
            formatted.append(address.string(network: index.isMultiple(of: 2) ? .mainnet : .testnet))
            expectedBytes.append(Hex.encode(address.bytes))
        }
        // Our strings, decoded by the oracle, give our bytes.
        let decoded = try F.oracle(["op": "decode", "items": formatted])
        try #require(decoded.count == formatted.count)
        for (index, result) in decoded.enumerated() {
            #expect(result["bytes"] as? String == expectedBytes[index], "\(formatted[index]): \(result)")
        }
    }

    @Test("mutated address strings: never a crash, and accepted exactly when the oracle accepts",
          .enabled(if: F.oracleEnabled, oracleComment))
    func mutationsMatchOracle() throws {
        let seed = UInt64.random(in: .min ... .max)
        var rng = F.Generator(state: seed)
        let cases = try F.oracle(["op": "cases", "count": 100, "seed": Int(seed % 1_000_000)])
        let valid = cases.flatMap { [$0["mainnet"] as? String ?? "", $0["testnet"] as? String ?? ""] }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567ft0123456789AZ=\n-".utf8)
        var mutated: [String] = []
        for _ in 0..<1500 {
            var text = Array((valid.randomElement(using: &rng) ?? "f01").utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let position = Int.random(in: 0...text.count, using: &rng)
                let character = alphabet.randomElement(using: &rng) ?? 0x61
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where position < text.count: text[position] = character
                case 1 where position < text.count: text.remove(at: position)
                case 2: text.insert(character, at: position)
                case 3: text.removeLast(min(text.count, Int.random(in: 1...4, using: &rng)))
                default:
                    // Flip the low bits of a base32 character: checksum and trailing-bit cases.
                    if position < text.count, let index = alphabet.prefix(32).firstIndex(of: text[position]) {
                        text[position] = alphabet[index ^ Int.random(in: 1...3, using: &rng)]
                    }
                }
            }
            mutated.append(String(decoding: text, as: UTF8.self))
        }
        let verdicts = try F.oracle(["op": "decode", "items": mutated])
        try #require(verdicts.count == mutated.count)
        var accepted = 0
        for (text, verdict) in zip(mutated, verdicts) {
            let ours = try? Address(text)
            #expect(ours.map { Hex.encode($0.bytes) } == verdict["bytes"] as? String, "seed \(seed): \(text.debugDescription)")
            if let ours {
                accepted += 1
                #expect(try Address(ours.string(network: .mainnet)) == ours)
                #expect(try Address(bytes: ours.bytes) == ours)
            }
        }
        // The mutations must exercise both outcomes.
        #expect(accepted > 0 && accepted < mutated.count)
    }

    @Test("random bytes and arbitrary strings never crash the parsers")
    func fuzzNoCrash() throws {
        var rng = F.Generator(state: UInt64.random(in: .min ... .max))
        for _ in 0..<5000 {
            let count = Int.random(in: 0...70, using: &rng)
            var input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !input.isEmpty { input[0] = UInt8.random(in: 0...5, using: &rng) }
            if let address = try? Address(bytes: input) {
                #expect(address.bytes == input)
                #expect(try Address(address.string(network: .testnet)) == address)
            }
            let text = String(decoding: input.map { $0 & 0x7f == 0 ? 0x66 : $0 }, as: UTF8.self)
            if let address = try? Address(text) {
                #expect(try Address(bytes: address.bytes) == address)
            }
            for prefix in ["f0", "f1", "f2", "f3", "f4", "t410f"] {
                if let address = try? Address(prefix + text) {
                    #expect(try Address(bytes: address.bytes) == address)
                }
            }
        }
        let long = String(repeating: "f", count: 10_000)
        #expect(throws: AddressError.invalidLength) { try Address(long) }
    }
}
