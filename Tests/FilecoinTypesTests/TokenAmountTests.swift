import BigInt
import DagCBOR
import FilecoinTypes
import Foundation
import Testing

struct TokenAmountTests {
    /// Lotus's `types.FIL.String()` and `ParseFIL` on the amounts its own tests and CLI show.
    @Test(arguments: [
        ("1", "1 FIL", "1000000000000000000"),
        ("1.5", "1.5 FIL", "1500000000000000000"),
        ("0", "0 FIL", "0"),
        ("0.000000000000000001", "0.000000000000000001 FIL", "1"),
        ("-2.25 FIL", "-2.25 FIL", "-2250000000000000000"),
        ("100 attoFIL", "0.0000000000000001 FIL", "100"),
        ("100 aFIL", "0.0000000000000001 FIL", "100"),
        ("12345.678 fil", "12345.678 FIL", "12345678000000000000000"),
        (".5", "0.5 FIL", "500000000000000000"),
        ("5.", "5 FIL", "5000000000000000000"),
    ])
    func parsesAndPrintsAsLotus(input: String, printed: String, atto: String) throws {
        let amount = try TokenAmount(parsing: input)
        #expect(amount.attoFIL.description == atto)
        #expect(amount.description == printed)
        #expect(try TokenAmount(parsing: amount.description) == amount)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1e18", "0.0000000000000000001", "1.5 attoFIL", "1 FILX", "--1", "-", ".",
                      String(repeating: "9", count: 51)])
    func refusesMalformedText(input: String) {
        #expect(throws: FilecoinTypesError.self) { try TokenAmount(parsing: input) }
    }

    @Test func shortUsesTheLargestUnit() throws {
        #expect(try TokenAmount(parsing: "1.5").short == "1.5 FIL")
        #expect(try TokenAmount(parsing: "0.25").short == "250 mFIL")
        #expect(try TokenAmount(parsing: "100 attoFIL").short == "100 aFIL")
        #expect(try TokenAmount(parsing: "0.0012").short == "1.2 mFIL")
    }

    /// Big-integer bytes as go-state-types writes them: empty for zero, sign byte + magnitude.
    @Test func bigIntBytesMatchFilecoin() throws {
        func randomBig() -> BigInt {
            let words = (0..<Int.random(in: 0...4)).map { _ in UInt64.random(in: 0...UInt64.max) }
            let magnitude = BigUInt(words: words.map { UInt($0) })
            return BigInt(sign: Bool.random() ? .minus : .plus, magnitude: magnitude)
        }
        for _ in 0..<500 {
            let value = randomBig()
            let bytes = FilecoinBigInt.bytes(of: value)
            // Independent construction of the expected bytes from the decimal text.
            var expected: [UInt8] = []
            if !value.isZero {
                expected.append(value.sign == .minus ? 1 : 0)
                var digits: [UInt8] = []
                var remaining = value.magnitude
                while !remaining.isZero {
                    digits.append(UInt8(remaining & 0xff))
                    remaining >>= 8
                }
                expected.append(contentsOf: digits.reversed())
            }
            #expect(bytes == expected)
            #expect(try FilecoinBigInt.value(from: bytes) == value)
            let amount = TokenAmount(attoFIL: value)
            #expect(try TokenAmount(cborBytes: amount.cborBytes) == amount)
            let json = try JSONEncoder().encode(amount)
            #expect(String(decoding: json, as: UTF8.self) == "\"\(value.description)\"")
            #expect(try JSONDecoder().decode(TokenAmount.self, from: json) == amount)
        }
        #expect(throws: FilecoinBigIntError.invalidSignByte(2)) { try FilecoinBigInt.value(from: [2, 1]) }
        #expect(throws: FilecoinBigIntError.tooLong(129)) { try FilecoinBigInt.value(from: [0] + [UInt8](repeating: 1, count: 128)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TokenAmount.self, from: Data("\"12a\"".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TokenAmount.self, from: Data("12".utf8)) }
    }
}
