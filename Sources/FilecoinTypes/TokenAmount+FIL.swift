import BigInt

/// FIL text as the Lotus CLI prints and parses it (`lotus send`, `lotus wallet balance`).
extension TokenAmount: CustomStringConvertible {
    /// `1.5 FIL`, `0 FIL`, `0.000000000000000001 FIL`: Lotus's `types.FIL.String()`.
    public var description: String { unitless + " FIL" }

    /// The amount in FIL without a unit: trailing zeros and a bare point are trimmed.
    public var unitless: String {
        if attoFIL.isZero { return "0" }
        let magnitude = attoFIL.magnitude
        let (whole, fraction) = magnitude.quotientAndRemainder(dividingBy: BigUInt(Self.attoFILPerFIL.magnitude))
        var text = (attoFIL.sign == .minus ? "-" : "") + String(whole)
        if !fraction.isZero {
            var fractionDigits = String(fraction)
            fractionDigits = String(repeating: "0", count: 18 - fractionDigits.count) + fractionDigits
            while fractionDigits.last == "0" { fractionDigits.removeLast() }
            text += "." + fractionDigits
        }
        return text
    }

    /// The amount in the largest unit that keeps it at least 1, as Lotus's `types.FIL.Short()`:
    /// `1.5 FIL`, `250 mFIL`, `100 aFIL`.
    public var short: String {
        let units = ["FIL", "mFIL", "μFIL", "nFIL", "pFIL", "fFIL", "aFIL"]
        let magnitude = attoFIL.magnitude
        if magnitude.isZero { return "0 FIL" }
        var unitIndex = 0
        var scale = BigUInt(Self.attoFILPerFIL.magnitude)
        while unitIndex < units.count - 1, magnitude < scale {
            unitIndex += 1
            scale /= 1000
        }
        let (whole, fraction) = magnitude.quotientAndRemainder(dividingBy: scale)
        var text = (attoFIL.sign == .minus ? "-" : "") + String(whole)
        if !fraction.isZero {
            let width = String(scale).count - 1
            var fractionDigits = String(fraction)
            fractionDigits = String(repeating: "0", count: width - fractionDigits.count) + fractionDigits
            while fractionDigits.last == "0" { fractionDigits.removeLast() }
            text += "." + fractionDigits
        }
        return text + " " + units[unitIndex]
    }

    /// Parses FIL text as `lotus send` does (`types.ParseFIL`): a decimal number with an optional
    /// unit `FIL` (the default) or `attoFIL`/`aFIL`, case-insensitive; amounts finer than one
    /// attoFIL are refused.
    public init(parsing text: String) throws(FilecoinTypesError) {
        let numberCharacters = Set("-.0123456789")
        let number = String(text.prefix(while: { numberCharacters.contains($0) }))
        let suffix = text.dropFirst(number.count).trimmingSpaces().lowercased()
        let isAtto: Bool
        switch suffix {
        case "", "fil": isAtto = false
        case "attofil", "afil": isAtto = true
        default: throw .invalidTokenAmount("unrecognized suffix: \"\(text.dropFirst(number.count))\"")
        }
        guard number.count <= 50 else {
            throw .invalidTokenAmount("string length too large: \(number.count)")
        }
        guard let decimal = Self.parseDecimal(number) else {
            throw .invalidTokenAmount("failed to parse \"\(number)\" as a decimal number")
        }
        let scaleDigits = isAtto ? 0 : 18
        guard decimal.fractionDigits.count <= scaleDigits
            || decimal.fractionDigits.dropFirst(scaleDigits).allSatisfy({ $0 == "0" })
        else {
            throw .invalidTokenAmount("invalid \(isAtto ? "atto" : "")FIL value: \"\(number)\"")
        }
        var fraction = String(decimal.fractionDigits.prefix(scaleDigits))
        fraction += String(repeating: "0", count: scaleDigits - fraction.count)
        let digits = (decimal.wholeDigits + fraction).drop(while: { $0 == "0" })
        let magnitude = digits.isEmpty ? BigUInt(0) : BigUInt(Substring(digits), radix: 10) ?? 0
        self.init(attoFIL: BigInt(sign: decimal.negative ? .minus : .plus, magnitude: magnitude))
    }

    private static func parseDecimal(_ text: String) -> (negative: Bool, wholeDigits: String, fractionDigits: String)? {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let whole = String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard !(whole.isEmpty && fraction.isEmpty),
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return (negative, whole, fraction)
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> Substring {
        let trimmedFront = drop(while: { $0 == " " || $0 == "\t" })
        var result = Substring(trimmedFront)
        while result.last == " " || result.last == "\t" { result.removeLast() }
        return result
    }
}
