import BigInt
import ChainState
import FilecoinTypes
import Foundation

/// The node's gas estimation (Lotus `node/impl/gasutils`, venus `pkg/messagepool/gas.go`): the
/// gas a message will use, the premium recent blocks paid, the fee cap that survives base fee
/// growth, and the batch estimate of venus's `GasBatchEstimateMessageGas`.
///
/// Stateless over its ``GasEstimationSource``: every answer is computed from the chain and pool as
/// they are when asked. The premium's random noise comes from ``noise`` (tests fix it).
public struct GasEstimator: Sendable {
    /// Lotus `MinGasPremium` (100,000 attoFIL/gas): the least premium an estimate names.
    public static let minGasPremium = TokenAmount(attoFIL: 100_000)
    /// The fee cap a gas-limit estimate runs with (Lotus `MinimumBaseFee + 1`): the VM takes a
    /// fee cap under the base fee (the miner pays the penalty), so the sender's balance only needs
    /// to cover `BlockGasLimit × 101` for the gas while the gas used is the real one.
    public static let estimationFeeCap = TokenAmount(attoFIL: 101)
    /// The premium a gas-limit estimate runs with (Lotus: 1).
    public static let estimationPremium = TokenAmount(attoFIL: 1)
    /// Lotus adds back the 76,000 gas a payment channel's `Collect` gets refunded for deleting
    /// the actor, which a real execution with a tighter limit would need before the refund.
    public static let paymentChannelCollectRefund: Int64 = 76_000
    /// specs-actors `paych.Methods.Collect`.
    public static let paymentChannelCollectMethod: UInt64 = 4
    /// The blocks `GasEstimateMessageGas` asks the premium to be included within, and the blocks of
    /// base fee growth its fee cap survives (Lotus: 10 and 20).
    public static let messageGasPremiumBlocks: UInt64 = 10
    public static let messageGasFeeCapBlocks: Int64 = 20

    public var source: any GasEstimationSource
    public var config: GasEstimatorConfig
    public var noise: GasPremiumNoise

    public init(source: any GasEstimationSource, config: GasEstimatorConfig = GasEstimatorConfig(), noise: GasPremiumNoise = .system) {
        self.source = source
        self.config = config
        self.noise = noise
    }

    // MARK: GasEstimateGasLimit

    /// `GasEstimateGasLimit`: the gas `message` uses when applied after its sender's pending
    /// messages on the pool's tipset (Lotus `GasEstimateGasLimit`, without the overestimation).
    /// `key` is resolved (the head when empty) to resolve the sender, as Lotus does; the call
    /// itself runs on the tipset the pool's pending messages apply to.
    ///
    /// The pending messages applied first are all of the sender's, except that a message whose
    /// nonce is set and held by a pending message is estimated as that message's replacement,
    /// after the pending ones below it (current Lotus and venus). A zero nonce counts as unset, as
    /// Lotus's own `MpoolPushMessage` estimates before assigning the nonce.
    public func gasLimit(for message: Message, on key: TipSetKey = .empty) async throws(GasEstimationError) -> Int64 {
        let tipset = try await loadTipSet(key)
        let sender = try await resolveKey(message.from, at: tipset)
        let (pending, poolTipset) = try await pendingMessages(from: sender)
        let replaces = message.nonce != 0 && pending.contains { $0.message.nonce == message.nonce }
        let prior = replaces ? pending.filter { $0.message.nonce < message.nonce } : pending
        return try await gasUsed(by: message, after: prior.map(Self.chainMessage), on: poolTipset)
    }

    /// Lotus `evalMessageGasLimit`: the call with gas, retried on the parent of a tipset at a
    /// migration, and the payment-channel `Collect` correction.
    func gasUsed(by messageIn: Message, after prior: [ChainMessage], on start: TipSet) async throws(GasEstimationError) -> Int64 {
        var message = messageIn
        message.gasLimit = ImplicitMessages.blockGasLimit
        message.gasFeeCap = Self.estimationFeeCap
        message.gasPremium = Self.estimationPremium
        var tipset = start
        var result: CallResult
        while true {
            do {
                result = try await source.callWithGas(message, priorMessages: prior, on: tipset)
                break
            } catch {
                guard case .expensiveFork? = error as? StateManagerError else { throw .callFailed("\(error)") }
                do { tipset = try await source.tipSet(tipset.parents) } catch { throw .parentUnavailable("\(error)") }
            }
        }
        guard result.receipt.exitCode == 0 else {
            throw .executionFailed(exitCode: result.receipt.exitCode, reason: result.error ?? "")
        }
        var gasUsed = result.receipt.gasUsed
        // Errors only mean "not a payment channel" here, as in Lotus.
        if messageIn.method == Self.paymentChannelCollectMethod,
            let actor = try? await source.actor(messageIn.to, inParentStateOf: tipset),
            ActorCodes.describe(actor.code)?.name == "paymentchannel"
        {
            gasUsed &+= Self.paymentChannelCollectRefund
        }
        return gasUsed
    }

    // MARK: GasEstimateFeeCap

    /// `GasEstimateFeeCap`: the parent base fee of `key`'s tipset (the head when empty) grown by
    /// the most it can grow in `maxQueueBlocks` epochs, plus the message's premium.
    public func feeCap(for message: Message, maxQueueBlocks: Int64, on key: TipSetKey = .empty) async throws(GasEstimationError) -> TokenAmount {
        let tipset = try await loadTipSet(key)
        return Self.feeCap(parentBaseFee: tipset.blocks[0].parentBaseFee, maxQueueBlocks: maxQueueBlocks, premium: message.gasPremium)
    }

    /// Lotus's fee cap formula: `baseFee × ⌊1.125^maxQueueBlocks × 256⌋ / 256 + premium`, the
    /// growth factor computed in float64 as Lotus does and truncated to an integer number of
    /// 256ths. Where Go's float-to-uint64 conversion leaves the range (a factor of 2^56 and more,
    /// some 330 blocks) the multiplier saturates at `UInt64.max` instead of Go's
    /// platform-dependent value.
    public static func feeCap(parentBaseFee: TokenAmount, maxQueueBlocks: Int64, premium: TokenAmount) -> TokenAmount {
        let growth = pow(1 + 1 / Double(BaseFee.maxChangeDenominator), Double(maxQueueBlocks)) * 256
        let multiplier: BigInt = growth >= 18_446_744_073_709_551_616.0 ? BigInt(UInt64.max) : BigInt(UInt64(max(growth, 0)))
        let future = GoBig.div(parentBaseFee.attoFIL * multiplier, 256)
        return TokenAmount(attoFIL: future + premium.attoFIL)
    }

    // MARK: GasEstimateGasPremium

    /// `GasEstimateGasPremium`: the premium that got messages into the last `2 × blocksIncluded`
    /// tipsets before `key`'s (the head when empty), at least Lotus's minimum for that many blocks,
    /// times the noise. `sender` and `gasLimit` are part of the API and, as in Lotus, unused.
    public func gasPremium(blocksIncluded: UInt64, sender: Address? = nil, gasLimit: Int64 = 0, on key: TipSetKey = .empty)
        async throws(GasEstimationError) -> TokenAmount
    {
        let blocksIncluded = max(blocksIncluded, 1)
        var prices: [PremiumSample] = []
        var blocks = 0
        var tipset = try await loadTipSet(key)
        // Go's uint64 arithmetic: the bound wraps as Lotus's does.
        var walked: UInt64 = 0
        while walked < blocksIncluded &* 2 {
            if tipset.height == 0 { break }
            let parent: TipSet
            do { parent = try await source.tipSet(tipset.parents) } catch { throw .parentUnavailable("\(error)") }
            blocks += parent.blocks.count
            let messages: [Message]
            do { messages = try await source.messages(of: parent) } catch { throw .messagesUnavailable("\(error)") }
            prices.append(contentsOf: messages.map { PremiumSample(price: $0.gasPremium, limit: $0.gasLimit) })
            tipset = parent
            walked += 1
        }
        var premium = Self.medianGasPremium(prices, blocks: blocks)
        if premium < Self.minGasPremium {
            switch blocksIncluded {
            case 1: premium = TokenAmount(attoFIL: 200_000)
            case 2: premium = TokenAmount(attoFIL: 150_000)
            default: premium = Self.minGasPremium
            }
        }
        return Self.applyNoise(premium, sample: noise.standardNormal())
    }

    /// One message's premium and gas limit, as the premium walk weighs it (Lotus `GasMeta`).
    public struct PremiumSample: Hashable, Sendable {
        public var price: TokenAmount
        public var limit: Int64

        public init(price: TokenAmount, limit: Int64) {
            self.price = price
            self.limit = limit
        }
    }

    /// Lotus `medianGasPremium` (the 55th percentile, "to put negative pressure on gas price"):
    /// walks the premiums from the highest down, taking off each message's gas limit from
    /// `BlockGasTarget × blocks × (1/2 + 1/40)`, and stops at the message that crosses zero; the
    /// answer is the mean of that premium and the one before it (or that one alone when first).
    public static func medianGasPremium(_ samples: [PremiumSample], blocks: Int) -> TokenAmount {
        let sorted = samples.sorted { $0.price > $1.price }
        let target = BaseFee.blockGasTarget &* Int64(blocks)
        var remaining = target / 2 &+ target / 40
        var previous1 = TokenAmount.zero
        var previous2 = TokenAmount.zero
        for sample in sorted {
            previous2 = previous1
            previous1 = sample.price
            remaining &-= sample.limit
            if remaining < 0 { break }
        }
        if previous2.isZero { return previous1 }
        return TokenAmount(attoFIL: GoBig.div(previous1.attoFIL + previous2.attoFIL, 2))
    }

    /// Lotus's noise: `premium × (⌊(1 + sample × 0.005) × 2^32⌋ + 1) / 2^32`. A sample so far out
    /// that the factor leaves uint64 (Go's conversion is then platform-dependent) is clamped.
    public static func applyNoise(_ premium: TokenAmount, sample: Double) -> TokenAmount {
        let scale = 4_294_967_296.0
        let noise = (1 + sample * 0.005) * scale
        let factor: BigInt
        if noise.isNaN || noise <= 0 {
            factor = 0
        } else if noise >= 18_446_744_073_709_551_616.0 {
            factor = BigInt(UInt64.max)
        } else {
            factor = BigInt(UInt64(noise))
        }
        return TokenAmount(attoFIL: GoBig.div(premium.attoFIL * (factor + 1), BigInt(1) << 32))
    }

    // MARK: GasEstimateMessageGas

    /// `GasEstimateMessageGas`: fills the gas limit (estimated × the overestimation, at most the
    /// block gas limit), the premium and the fee cap where they are zero, then caps the fee at
    /// the spec's `MaxFee` (Lotus `CapGasFee`).
    public func messageGas(_ message: Message, spec: MessageSendSpec? = nil, on key: TipSetKey = .empty) async throws(GasEstimationError) -> Message {
        var message = message
        if message.gasLimit == 0 {
            let used: Int64
            do { used = try await gasLimit(for: message, on: key) } catch { throw .estimating(stage: "gas used", error) }
            message.gasLimit = Self.overestimated(used, factor: await overestimation(spec))
        }
        if message.gasPremium.isZero {
            let premium: TokenAmount
            do {
                premium = try await gasPremium(blocksIncluded: Self.messageGasPremiumBlocks, sender: message.from, gasLimit: message.gasLimit, on: key)
            } catch {
                throw .estimating(stage: "gas price", error)
            }
            message.gasPremium = Self.overPremium(premium, factor: spec?.gasOverPremium)
        }
        if message.gasFeeCap.isZero {
            do { message.gasFeeCap = try await feeCap(for: message, maxQueueBlocks: Self.messageGasFeeCapBlocks, on: key) } catch {
                throw .estimating(stage: "fee cap", error)
            }
        }
        Self.capGasFee(&message, spec: spec, defaultMaxFee: config.defaultMaxFee)
        return message
    }

    /// The overestimation factor: the spec's when above 0 (venus), else the pool's.
    private func overestimation(_ spec: MessageSendSpec?) async -> Double {
        if let factor = spec?.gasOverEstimation, factor > 0, factor.isFinite { return factor }
        return await source.gasLimitOverestimation()
    }

    /// `int64(float64(gasUsed) × factor)`, at most the block gas limit (Lotus caps there since the
    /// overestimate may pass it; a message above it could never be included).
    public static func overestimated(_ gasUsed: Int64, factor: Double) -> Int64 {
        let scaled = Double(gasUsed) * factor
        guard scaled.isFinite, scaled < Double(ImplicitMessages.blockGasLimit) else { return ImplicitMessages.blockGasLimit }
        return Int64(scaled)
    }

    /// Venus's `GasOverPremium`: the premium times the factor, truncated (computed exactly; venus
    /// goes through a 64-bit big.Float, which agrees for every premium below 2^53).
    public static func overPremium(_ premium: TokenAmount, factor: Double?) -> TokenAmount {
        guard let factor, factor > 0, factor.isFinite else { return premium }
        // A subnormal factor scales every premium this side of 2^1000 to nothing.
        guard factor.isNormal else { return .zero }
        // factor = significand × 2^exponent with an integer significand.
        let exponent = Int(factor.exponent) - Double.significandBitCount
        let significand = BigInt(factor.significandBitPattern | 1 << UInt64(Double.significandBitCount))
        let product = premium.attoFIL * significand
        let scaled = exponent >= 0 ? product << exponent : product >> -exponent
        return TokenAmount(attoFIL: scaled)
    }

    /// Lotus `CapGasFee`: with `MaxFee` zero the node's default applies; when the fee cap × gas
    /// limit passes it (or the spec asks to maximize the fee cap) the fee cap becomes
    /// `maxFee / gasLimit`; the premium never exceeds the fee cap. The gas limit is read as Go's
    /// `uint64(GasLimit)`; a zero gas limit leaves the fee cap alone, where Go would divide by zero.
    public static func capGasFee(_ message: inout Message, spec: MessageSendSpec?, defaultMaxFee: TokenAmount) {
        var maxFee = spec?.maxFee ?? .zero
        if maxFee.isZero { maxFee = defaultMaxFee }
        let limit = BigInt(UInt64(bitPattern: message.gasLimit))
        let total = message.gasFeeCap.attoFIL * limit
        if !limit.isZero, spec?.maximizeFeeCap == true || total > maxFee.attoFIL {
            message.gasFeeCap = TokenAmount(attoFIL: GoBig.div(maxFee.attoFIL, limit))
        }
        if message.gasFeeCap < message.gasPremium { message.gasPremium = message.gasFeeCap }
    }

    // MARK: GasBatchEstimateMessageGas

    /// Venus `GasBatchEstimateMessageGas`: estimates messages of one sender (the first message's)
    /// in order, the n-th successful one with nonce `fromNonce + n` and applied after the pending
    /// messages and the successful ones before it. A message whose estimate fails gets an error
    /// result (and nonce 0) and takes no nonce; the rest are still estimated.
    public func batchMessageGas(_ messages: [EstimateMessage], fromNonce: UInt64, on key: TipSetKey = .empty)
        async throws(GasEstimationError) -> [EstimateResult]
    {
        guard let first = messages.first else { throw .emptyBatch }
        let tipset = try await loadTipSet(key)
        let sender = try await resolveKey(first.message.from, at: tipset)
        let (pending, poolTipset) = try await pendingMessages(from: sender)
        var prior = pending.map(Self.chainMessage)
        var nonce = fromNonce
        var results: [EstimateResult] = []
        results.reserveCapacity(messages.count)
        for item in messages {
            var message = item.message
            message.nonce = nonce
            func failed(_ stage: String, _ error: GasEstimationError) -> EstimateResult {
                message.nonce = 0
                return EstimateResult(message: message, error: "estimating \(stage): \(error)")
            }
            if message.gasLimit == 0 {
                do {
                    let used = try await gasUsed(by: message, after: prior, on: poolTipset)
                    message.gasLimit = Self.overestimated(used, factor: await overestimation(item.spec))
                } catch {
                    results.append(failed("gas limit", error))
                    continue
                }
            }
            if message.gasPremium.isZero {
                do {
                    let premium = try await gasPremium(blocksIncluded: Self.messageGasPremiumBlocks, sender: message.from, gasLimit: message.gasLimit)
                    message.gasPremium = Self.overPremium(premium, factor: item.spec?.gasOverPremium)
                } catch {
                    results.append(failed("gas premium", error))
                    continue
                }
            }
            if message.gasFeeCap.isZero {
                do { message.gasFeeCap = try await feeCap(for: message, maxQueueBlocks: Self.messageGasFeeCapBlocks) } catch {
                    results.append(failed("fee cap", error))
                    continue
                }
            }
            Self.capGasFee(&message, spec: item.spec, defaultMaxFee: config.defaultMaxFee)
            results.append(EstimateResult(message: message))
            prior.append(.unsigned(message))
            nonce &+= 1
        }
        return results
    }

    // MARK: Reads

    private func loadTipSet(_ key: TipSetKey) async throws(GasEstimationError) -> TipSet {
        do { return try await source.tipSet(key) } catch { throw .tipSetUnavailable("\(error)") }
    }

    private func resolveKey(_ address: Address, at tipset: TipSet) async throws(GasEstimationError) -> Address {
        do { return try await source.resolveToKey(address, at: tipset) } catch { throw .keyAddressUnavailable("\(error)") }
    }

    private func pendingMessages(from sender: Address) async throws(GasEstimationError) -> (messages: [SignedMessage], tipset: TipSet) {
        do { return try await source.pending(from: sender) } catch { throw .pendingUnavailable("\(error)") }
    }

    /// A pooled message as a block carries it: BLS messages bare (their signature travels in
    /// the block's aggregate, so their on-chain size is the unsigned message's).
    static func chainMessage(_ signed: SignedMessage) -> ChainMessage {
        signed.signature.kind == .bls ? .unsigned(signed.message) : .signed(signed)
    }
}
