import ArgumentParser
import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import VenusAPI

/// The CLI's readings of text arguments, each refusing bad input with a message that names the
/// value and what would have been accepted (ArgumentParser prints it with the usage, exit 64).
enum CLIInput {
    static func address(_ text: String) throws -> Address {
        do { return try Address(text) } catch {
            throw ValidationError("\"\(text)\" is not a Filecoin address: \(error)")
        }
    }

    /// The state names the CLI accepts, each with upstream's name for it.
    static let stateNames: [(names: [String], state: MessageState)] = [
        (["unfill", "unfillmsg"], .unFillMsg),
        (["fill", "filled", "fillmsg"], .fillMsg),
        (["onchain", "onchainmsg"], .onChainMsg),
        (["failed", "fail", "failedmsg"], .failedMsg),
        (["nonceconflict", "nonceconflictmsg"], .nonceConflictMsg),
    ]

    /// A message state by name (`unfill`, `FillMsg`, `on-chain`, ...; case, `-` and `_` ignored)
    /// or by upstream's number (1-5).
    static func state(_ text: String) throws -> MessageState {
        if let number = Int(text), let state = MessageState.allKnown.first(where: { $0.rawValue == number }), number != 0 {
            return state
        }
        let key = text.lowercased().filter { $0 != "-" && $0 != "_" }
        if let entry = stateNames.first(where: { $0.names.contains(key) }) { return entry.state }
        let accepted = stateNames.map { $0.names[0] }.joined(separator: ", ")
        throw ValidationError("unknown message state \"\(text)\": use one of \(accepted), or its number 1-5")
    }

    /// An amount as upstream's flags take it, an integer of attoFIL, or with an explicit unit as
    /// the Lotus CLI writes it (`0.01FIL`, `100attoFIL`). A bare decimal is refused, because
    /// Lotus reads it as FIL and upstream's messager as attoFIL.
    static func amount(_ text: String) throws -> TokenAmount {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = !trimmed.isEmpty && trimmed.allSatisfy { $0.isASCII && $0.isNumber }
        let hasUnit = trimmed.contains { $0.isLetter }
        guard digits || hasUnit else {
            throw ValidationError("amount \"\(text)\": give an integer of attoFIL, or a unit (0.01FIL, 100attoFIL)")
        }
        let amount: TokenAmount
        do { amount = try TokenAmount(parsing: digits ? trimmed + " attoFIL" : trimmed) } catch {
            throw ValidationError("amount \"\(text)\": \(error)")
        }
        guard !amount.isNegative else { throw ValidationError("amount \"\(text)\" is negative") }
        return amount
    }

    static func uuid(_ text: String) throws -> GatewayUUID {
        guard let id = GatewayUUID(string: text) else { throw ValidationError("\"\(text)\" is not a UUID") }
        return id
    }

    static func cid(_ text: String) throws -> CID {
        do { return try CID(string: text) } catch { throw ValidationError("\"\(text)\" is not a CID: \(error)") }
    }

    /// A Go duration (`90s`, `3h`, `1h30m`), not negative.
    static func duration(_ text: String) throws -> GoDuration {
        let duration: GoDuration
        do { duration = try GoDuration(parsing: text) } catch {
            throw ValidationError("duration \"\(text)\": \(error) (e.g. 30s, 3m, 3h)")
        }
        guard duration.nanoseconds >= 0 else { throw ValidationError("duration \"\(text)\" is negative") }
        return duration
    }

    /// An amount as `SetFeeParams`' strings carry it to this messager: with its unit, because
    /// this messager reads a bare number there as FIL where upstream reads attoFIL.
    static func feeText(_ amount: TokenAmount?) -> String {
        amount.map(\.description) ?? ""
    }
}
