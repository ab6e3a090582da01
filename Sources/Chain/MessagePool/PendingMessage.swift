import BigInt
import DagCBOR
import FilecoinCrypto
import FilecoinTypes

/// A pending message with the figures the pool needs again and again, computed once when it is
/// added: its CID, its on-chain length and its fees as 128-bit integers for selection.
struct PendingMessage: Sendable {
    let signed: SignedMessage
    /// The CID the pool reports (Lotus `SignedMessage.Cid`: the unsigned CID for BLS).
    let cid: CID
    /// The size of the signed form (the 64 KiB rule).
    let size: Int
    /// The bytes the message occupies on chain (Lotus `ChainLength`): the unsigned form for BLS,
    /// whose signature travels aggregated.
    let chainLength: Int
    /// Fee cap × gas limit: what the sender must hold for the gas (Lotus `RequiredFunds`).
    let requiredFunds: BigInt
    /// The fees as 128-bit integers; nil when one does not fit, which no sender's balance could pay.
    let figures: SelectionFigures?

    var message: Message { signed.message }
    var nonce: UInt64 { signed.message.nonce }
    var from: Address { signed.message.from }

    init(_ signed: SignedMessage) {
        self.signed = signed
        let signedBytes = signed.cborBytes
        self.size = signedBytes.count
        if signed.signature.kind == .bls {
            let unsigned = signed.message.cborBytes
            self.chainLength = unsigned.count
            self.cid = CID.filecoin(cbor: unsigned)
        } else {
            self.chainLength = signedBytes.count
            self.cid = CID.filecoin(cbor: signedBytes)
        }
        let message = signed.message
        self.requiredFunds = message.gasFeeCap.attoFIL * BigInt(message.gasLimit)
        self.figures = SelectionFigures(message, requiredFunds: requiredFunds)
    }
}

/// A message's fees in 128-bit integers. Every message a sender can pay for fits: its fee cap ×
/// gas limit and its value are at most the sender's balance, itself at most the 2·10^27 attoFIL
/// of the total supply (about 2^91).
struct SelectionFigures: Sendable {
    let gasLimit: Int64
    let feeCap: Int128
    let premium: Int128
    let value: Int128
    let required: Int128

    init?(_ message: Message, requiredFunds: BigInt) {
        guard message.gasLimit > 0,
            let feeCap = Int128(exactly: message.gasFeeCap.attoFIL),
            let premium = Int128(exactly: message.gasPremium.attoFIL),
            let value = Int128(exactly: message.value.attoFIL),
            let required = Int128(exactly: requiredFunds),
            feeCap >= 0, premium >= 0, value >= 0
        else { return nil }
        self.gasLimit = message.gasLimit
        self.feeCap = feeCap
        self.premium = premium
        self.value = value
        self.required = required
    }
}

/// One sender's pending messages by nonce (Lotus `msgSet`).
///
/// `nextNonce` is the nonce after the sender's contiguous run of pending messages starting from
/// its state nonce; `requiredFunds` the sum of the pending messages' `RequiredFunds`.
struct PendingMessageSet: Sendable {
    var messages: [UInt64: PendingMessage] = [:]
    var nextNonce: UInt64
    var requiredFunds: BigInt = 0

    init(nextNonce: UInt64) { self.nextNonce = nextNonce }

    /// How strictly an add is judged (Lotus's `strict` and `untrusted` flags).
    struct Rules {
        var strict: Bool
        var maxNonceGap: UInt64
        var maxPending: Int
        var replaceByFeeRatio: UInt64
    }

    /// The least premium that replaces a message paying `premium` (Lotus `ComputeRBF`).
    static func minimumReplacementPremium(_ premium: TokenAmount, ratio: UInt64) -> TokenAmount {
        TokenAmount(attoFIL: premium.attoFIL * BigInt(ratio) / 100 + 1)
    }

    /// Lotus `msgSet.add`: the nonce-gap, replace-by-fee and per-sender rules. Returns whether the
    /// pool grew (false for a replacement). Throws without changing anything.
    mutating func add(_ entry: PendingMessage, rules: Rules) throws(MessagePoolError) -> Bool {
        let nonce = entry.nonce
        var next = nextNonce
        var nonceGap = false
        if nonce == next {
            next += 1
            while messages[next] != nil { next += 1 }
        } else if rules.strict, nonce > next, nonce - next > rules.maxNonceGap {
            throw .nonceGapTooBig(nonce: nonce, nextNonce: next, maximumGap: rules.maxNonceGap)
        } else if nonce > next {
            nonceGap = true
        }

        let existing = messages[nonce]
        if let existing {
            if rules.strict && nonceGap { throw .replaceBehindNonceGap(nonce: nonce, nextNonce: next) }
            guard existing.cid != entry.cid else { throw .alreadyPending(nonce: nonce) }
            let minimum = Self.minimumReplacementPremium(existing.message.gasPremium, ratio: rules.replaceByFeeRatio)
            guard entry.message.gasPremium >= minimum else {
                throw .replaceFeeTooLow(nonce: nonce, premium: entry.message.gasPremium, minimum: minimum)
            }
        } else if messages.count >= rules.maxPending {
            throw .tooManyPending(sender: entry.from, limit: rules.maxPending)
        }

        if let existing { requiredFunds -= existing.requiredFunds }
        nextNonce = next
        messages[nonce] = entry
        requiredFunds += entry.requiredFunds
        return existing == nil
    }

    /// Lotus `msgSet.rm`: `applied` when the nonce was used on chain (the next nonce moves past
    /// it), otherwise a prune (the next nonce moves back to the hole it leaves).
    mutating func remove(nonce: UInt64, applied: Bool) {
        guard let entry = messages.removeValue(forKey: nonce) else {
            if applied && nonce >= nextNonce {
                nextNonce = nonce + 1
                while messages[nextNonce] != nil { nextNonce += 1 }
            }
            return
        }
        requiredFunds -= entry.requiredFunds
        if applied {
            if nonce >= nextNonce { nextNonce = nonce + 1 }
            return
        }
        if nonce < nextNonce { nextNonce = nonce }
    }

    /// The pending messages' required funds without the one at `nonce` (it is being replaced).
    func requiredFunds(excluding nonce: UInt64) -> BigInt {
        guard let entry = messages[nonce] else { return requiredFunds }
        return requiredFunds - entry.requiredFunds
    }

    /// The messages in nonce order.
    var sorted: [PendingMessage] { messages.values.sorted { $0.nonce < $1.nonce } }
}
