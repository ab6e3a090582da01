import BigInt
import Chain
import ChainState
import FilecoinTypes
import IPLD
import Testing

/// Gas estimation on a real devnet (the devnet's genesis and actors, executed by the state
/// manager): estimates are compared with what the VM charges when the message is mined.
@Suite struct GasEstimatorTests {
    // MARK: Gas limit

    /// The estimate is the gas the VM charges the message as it was estimated (gas limit = the
    /// block gas limit, fee cap 101, premium 1, as Lotus runs it) when mined in a block on the
    /// estimated state; the message with the filled fields is charged that plus the on-chain size
    /// difference of its encoding (1,000 gas a byte), which the 1.25 overestimation absorbs.
    @Test func gasLimitOfATransferIsTheGasTheVMCharges() async throws {
        let fixture = try await DevnetGasFixture()
        let estimator = fixture.estimator()
        let calls = try #require(estimator.source as? PendingSource).calls
        let transfer = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 3))
        let used = try await estimator.gasLimit(for: transfer)
        #expect(used > 0)
        let estimated = try #require(await calls.results.last).result.message
        #expect(estimated.gasLimit == ImplicitMessages.blockGasLimit && estimated.gasFeeCap == TokenAmount(attoFIL: 101))
        let filled = try await estimator.messageGas(transfer)
        #expect(filled.gasLimit == Int64(Double(used) * 1.25))
        #expect(filled.nonce == 0)

        let asEstimated = try await fixture.mine(on: fixture.genesis, bls: [estimated])
        #expect(try await fixture.state.receipts(of: asEstimated).map(\.gasUsed) == [used])
        let block = try await fixture.mine(on: fixture.genesis, bls: [filled])
        let receipts = try await fixture.state.receipts(of: block)
        #expect(receipts.map(\.exitCode) == [0])
        #expect(receipts.first?.gasUsed == used + DevnetGasFixture.sizeCharge(.unsigned(filled), over: .unsigned(estimated)))
        #expect(receipts.first.map { $0.gasUsed <= filled.gasLimit } == true)
        #expect(try await fixture.balance(fixture.secp, after: block) == DevnetGasFixture.secpBalance + TokenAmount(wholeFIL: 3))

        // A secp256k1 sender's message is charged for its signed size: the estimate follows.
        let secpTransfer = DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 1))
        let secpUsed = try await estimator.gasLimit(for: secpTransfer)
        let secpEstimated = try #require(await calls.results.last).result.message
        let secpFilled = try await estimator.messageGas(secpTransfer)
        let signature = Signature(kind: .secp256k1, data: [UInt8](repeating: 9, count: 65))
        let signedEstimate = SignedMessage(message: secpEstimated, signature: signature)
        let signed = SignedMessage(message: secpFilled, signature: signature)
        let exact = try await fixture.mine(on: block, secp: [signedEstimate])
        #expect(try await fixture.state.receipts(of: exact).map(\.gasUsed) == [secpUsed])
        let next = try await fixture.mine(on: block, secp: [signed])
        let secpReceipts = try await fixture.state.receipts(of: next)
        #expect(secpReceipts.map(\.exitCode) == [0])
        #expect(secpReceipts.first?.gasUsed == secpUsed + DevnetGasFixture.sizeCharge(.signed(signed), over: .signed(signedEstimate)))
        #expect(secpUsed > used)
    }

    /// The call runs on the head's computed state after the sender's pending messages: the
    /// nonce is the one past them, and what they spend is gone.
    @Test func gasLimitAppliesThePendingMessagesFirst() async throws {
        let fixture = try await DevnetGasFixture()
        let first = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 1), nonce: 0)
        var mined = try await fixture.estimator().messageGas(first)
        mined.nonce = 0
        let head = try await fixture.mine(on: fixture.genesis, bls: [mined])
        // The head's own message is executed into the state the estimate starts from.
        let balance = try await fixture.balance(fixture.funded, after: head)
        var spend = DevnetGasFixture.transfer(
            from: fixture.funded, to: fixture.secp, value: balance - TokenAmount(wholeFIL: 10), nonce: 1)
        spend.gasLimit = 10_000_000
        spend.gasFeeCap = TokenAmount(attoFIL: 200_000_000)
        spend.gasPremium = TokenAmount(attoFIL: 100_000)
        var small = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 1), nonce: 2)
        small.gasLimit = 10_000_000
        small.gasFeeCap = TokenAmount(attoFIL: 200_000_000)
        small.gasPremium = TokenAmount(attoFIL: 100_000)
        let pending = [DevnetGasFixture.pooled(spend), DevnetGasFixture.pooled(small)]
        let estimator = fixture.estimator(pending: pending)

        let transfer = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 5))
        _ = try await estimator.gasLimit(for: transfer)
        let calls = try #require(estimator.source as? PendingSource).calls
        let recorded = try #require(await calls.results.last)
        #expect(recorded.prior == 2)
        #expect(recorded.result.message.nonce == 3)

        // 20 FIL does not remain after the pending spend: the estimate fails as the message would.
        let tooMuch = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 20))
        await #expect(throws: GasEstimationError.self) { try await estimator.gasLimit(for: tooMuch) }
        // Without the pending messages it is affordable.
        #expect(try await fixture.estimator().gasLimit(for: tooMuch) > 0)

        // A set nonce held by a pending message estimates that message's replacement: only the
        // pending messages below it come first.
        var replacement = tooMuch
        replacement.nonce = 1
        _ = try await estimator.gasLimit(for: replacement)
        let replaced = try #require(await calls.results.last)
        #expect(replaced.prior == 0)
        #expect(replaced.result.message.nonce == 1)
    }

    /// A message that fails when applied is an error with Lotus's text, and changes nothing.
    @Test func aFailingMessageIsAnErrorWithLotussText() async throws {
        let fixture = try await DevnetGasFixture()
        let estimator = fixture.estimator()
        let broke = DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 2_000))
        do {
            _ = try await estimator.gasLimit(for: broke)
            Issue.record("a transfer beyond the balance was estimated")
        } catch {
            guard case .executionFailed(let code, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(code == ExitCode.sysErrInsufficientFunds.rawValue)
            #expect(error.description.hasPrefix("message execution failed: exit SysErrInsufficientFunds(6), reason: "))
        }
        do {
            _ = try await estimator.messageGas(broke)
            Issue.record("a transfer beyond the balance was estimated")
        } catch {
            #expect(error.description.hasPrefix("estimating gas used: message execution failed: exit SysErrInsufficientFunds(6)"))
        }
        #expect(try await fixture.balance(fixture.secp, after: fixture.genesis) == DevnetGasFixture.secpBalance)
        // An unknown sender has no key address to estimate for.
        let stranger = DevnetGasFixture.transfer(from: .idAddress(4_321), to: fixture.funded, value: TokenAmount(attoFIL: 1))
        await #expect(throws: GasEstimationError.self) { try await estimator.gasLimit(for: stranger) }
    }

    /// Lotus's `ErrExpensiveFork` loop: a call on a tipset at or right after a state migration
    /// is refused, and the estimate runs on the first ancestor clear of it.
    @Test func aTipsetAtAMigrationIsEstimatedOnItsParent() async throws {
        let version = DevnetParameters.defaultNetworkVersion
        let schedule = NetworkUpgradeSchedule(
            genesisVersion: version, upgrades: [.init(name: "test-migration", height: 1, networkVersion: version, migrates: true)])
        let fixture = try await DevnetGasFixture(schedule: schedule)
        #expect(fixture.devnet.template.networkVersion == version)
        var paid = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 1))
        paid.gasLimit = 10_000_000
        paid.gasFeeCap = TokenAmount(attoFIL: 200_000_000)
        paid.gasPremium = TokenAmount(attoFIL: 100_000)
        let first = try await fixture.mine(on: fixture.genesis, bls: [paid])
        let second = try await fixture.mine(on: first)
        let transfer = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 2))
        await #expect(throws: StateManagerError.expensiveFork(2)) { try await fixture.state.callWithGas(transfer, on: second) }
        await #expect(throws: StateManagerError.expensiveFork(1)) { try await fixture.state.callWithGas(transfer, on: first) }

        let estimator = fixture.estimator()
        #expect(try await estimator.gasLimit(for: transfer) > 0)
        // Run on the genesis state: the head's message (nonce 0) is not in it.
        let calls = try #require(estimator.source as? PendingSource).calls
        let recorded = try #require(await calls.results.last)
        #expect(recorded.result.message.nonce == 0)
        #expect(try await fixture.state.callWithGas(transfer, on: fixture.genesis).message.nonce == 0)
    }

    /// Lotus `ResolveToKeyAddress`: key addresses as they are, an account's ID address to its key,
    /// no key for actor addresses and non-account actors.
    @Test func senderKeysResolveAsLotusDoes() async throws {
        let fixture = try await DevnetGasFixture()
        let id = try #require(try StateTreeView(root: fixture.genesis.parentStateRoot, store: fixture.store).lookupID(fixture.funded))
        #expect(try await fixture.state.resolveToKey(.idAddress(id), at: fixture.genesis) == fixture.funded)
        #expect(try await fixture.state.resolveToKey(fixture.secp, at: fixture.genesis) == fixture.secp)
        await #expect(throws: StateManagerError.noKeyAddress(fixture.miner)) {
            try await fixture.state.resolveToKey(fixture.miner, at: fixture.genesis)
        }
        let actorAddress = Address.actor([UInt8](repeating: 1, count: 8))
        await #expect(throws: StateManagerError.noKeyAddress(actorAddress)) {
            try await fixture.state.resolveToKey(actorAddress, at: fixture.genesis)
        }
        await #expect(throws: StateManagerError.actorNotFound(.idAddress(9_999))) {
            try await fixture.state.resolveToKey(.idAddress(9_999), at: fixture.genesis)
        }
        // Estimating for the ID address is estimating for its key.
        let byID = DevnetGasFixture.transfer(from: .idAddress(id), to: fixture.secp, value: TokenAmount(wholeFIL: 1))
        let byKey = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(wholeFIL: 1))
        let estimator = fixture.estimator()
        #expect(try await estimator.gasLimit(for: byID) < (try await estimator.gasLimit(for: byKey)))
    }

    /// The node's source over a real message pool: the sender's pushed messages are applied
    /// before the estimate, and the pool's live `GasLimitOverestimation` scales the limit.
    @Test func theChainSourceReadsThePool() async throws {
        let fixture = try await DevnetGasFixture()
        let pool = try await MessagePool(provider: try await StateMessagePoolProvider(stateManager: fixture.state))
        var spend = DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 500))
        spend.gasLimit = 10_000_000
        spend.gasFeeCap = TokenAmount(attoFIL: 200_000_000)
        spend.gasPremium = TokenAmount(attoFIL: 100_000)
        _ = try await pool.push(try spend.signed(with: fixture.secpKey))
        #expect(await pool.pendingFor(fixture.secp).messages.count == 1)

        let source = ChainGasEstimationSource(chain: fixture.chain, state: fixture.state, pool: pool)
        let estimator = GasEstimator(source: source, noise: .fixed(0))
        let alone = fixture.estimator()
        let affordable = DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 400))
        let tooMuch = DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 600))
        let used = try await estimator.gasLimit(for: affordable)
        #expect(used == (try await alone.gasLimit(for: affordable)))
        #expect(try await alone.gasLimit(for: tooMuch) > 0)
        await #expect(throws: GasEstimationError.self) { try await estimator.gasLimit(for: tooMuch) }

        #expect(try await estimator.messageGas(affordable).gasLimit == Int64(Double(used) * 1.25))
        var config = await pool.config
        config.gasLimitOverestimation = 2
        try await pool.setConfig(config)
        #expect(try await estimator.messageGas(affordable).gasLimit == used * 2)
        // Nonces continue past the pending message.
        let batch = try await estimator.batchMessageGas([EstimateMessage(message: affordable)], fromNonce: 1)
        #expect(batch.map(\.message.nonce) == [1] && batch[0].succeeded)
    }

    // MARK: Fee cap and premium

    /// Lotus's fee cap, `baseFee × ⌊1.125^n × 256⌋ / 256 + premium`, against values worked out by
    /// hand from that formula (multipliers 256, 288, 831 and 2699 for n = 0, 1, 10, 20).
    @Test func feeCapFollowsLotussFormula() async throws {
        let cases: [(baseFee: Int, blocks: Int64, expected: Int)] = [
            (100, 0, 100), (100, 1, 112), (100, 10, 324), (100, 20, 1054),
            (100_000_000, 1, 112_500_000), (100_000_000, 10, 324_609_375), (100_000_000, 20, 1_054_296_875),
            (123_456_789, 1, 138_888_887), (123_456_789, 10, 400_752_311), (123_456_789, 20, 1_301_601_068),
        ]
        for item in cases {
            let cap = GasEstimator.feeCap(parentBaseFee: TokenAmount(attoFIL: item.baseFee), maxQueueBlocks: item.blocks, premium: .zero)
            #expect(cap == TokenAmount(attoFIL: item.expected), "base fee \(item.baseFee), \(item.blocks) blocks")
        }
        // Far beyond uint64 the multiplier saturates instead of trapping.
        let huge = GasEstimator.feeCap(parentBaseFee: TokenAmount(attoFIL: 256), maxQueueBlocks: 10_000, premium: .zero)
        #expect(huge == TokenAmount(attoFIL: BigInt(UInt64.max)))

        // Through the estimator: the head's parent base fee (the devnet genesis's, 10^8) plus the premium.
        let fixture = try await DevnetGasFixture()
        var message = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: .zero)
        message.gasPremium = TokenAmount(attoFIL: 12_345)
        #expect(try await fixture.estimator().feeCap(for: message, maxQueueBlocks: 20) == TokenAmount(attoFIL: 1_054_296_875 + 12_345))
    }

    /// No messages in the blocks walked: Lotus's minimum for the inclusion target (2×, 1.5×, 1×
    /// of 100,000), times the noise.
    @Test func premiumOnAnEmptyChainIsLotussMinimum() async throws {
        let fixture = try await DevnetGasFixture()
        let quiet = fixture.estimator(noise: 0)
        #expect(try await quiet.gasPremium(blocksIncluded: 0) == TokenAmount(attoFIL: 200_000))
        #expect(try await quiet.gasPremium(blocksIncluded: 1) == TokenAmount(attoFIL: 200_000))
        #expect(try await quiet.gasPremium(blocksIncluded: 2) == TokenAmount(attoFIL: 150_000))
        #expect(try await quiet.gasPremium(blocksIncluded: 10) == TokenAmount(attoFIL: 100_000))
        // An empty block on top changes nothing.
        try await fixture.mine(on: fixture.genesis)
        #expect(try await quiet.gasPremium(blocksIncluded: 10) == TokenAmount(attoFIL: 100_000))
        // The noise: factor ⌊(1 + s·0.005)·2^32⌋ + 1 over 2^32 (hand-computed for s = 1 and −2).
        #expect(try await fixture.estimator(noise: 1).gasPremium(blocksIncluded: 10) == TokenAmount(attoFIL: 100_500))
        #expect(try await fixture.estimator(noise: -2).gasPremium(blocksIncluded: 1) == TokenAmount(attoFIL: 198_000))
    }

    /// With messages in the blocks walked: the premiums from the highest down until the gas
    /// target's 55th percentile is passed, the mean of the last two.
    @Test func premiumWalksTheLastBlocksMessages() async throws {
        let fixture = try await DevnetGasFixture()
        var messages: [Message] = []
        for (nonce, premium) in [300_000, 500_000, 200_000].enumerated() {
            var message = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(attoFIL: 1), nonce: UInt64(nonce))
            message.gasLimit = 3_000_000
            message.gasFeeCap = TokenAmount(attoFIL: 1_000_000_000)
            message.gasPremium = TokenAmount(attoFIL: premium)
            messages.append(message)
        }
        let withMessages = try await fixture.mine(on: fixture.genesis, bls: messages)
        try await fixture.mine(on: withMessages)
        // Two blocks walked (target 5.25·10^9 gas), 9·10^6 used: the walk ends on the lowest
        // premium, averaged with the one above it.
        #expect(try await fixture.estimator().gasPremium(blocksIncluded: 1) == TokenAmount(attoFIL: 250_000))
        // The walk crossing the target: the premium where it crossed, with the one before.
        let heavy = [
            GasEstimator.PremiumSample(price: TokenAmount(attoFIL: 900), limit: 4_000_000_000),
            GasEstimator.PremiumSample(price: TokenAmount(attoFIL: 700), limit: 2_000_000_000),
            GasEstimator.PremiumSample(price: TokenAmount(attoFIL: 100), limit: 5_000_000_000),
        ]
        #expect(GasEstimator.medianGasPremium(heavy, blocks: 2) == TokenAmount(attoFIL: 800))
        #expect(GasEstimator.medianGasPremium(Array(heavy.prefix(1)), blocks: 1) == TokenAmount(attoFIL: 900))
        #expect(GasEstimator.medianGasPremium([], blocks: 4) == .zero)
    }

    // MARK: Message gas, caps and batches

    /// What is set is kept; what is zero is filled; MaxFee caps `GasFeeCap × GasLimit`.
    @Test func messageGasFillsOnlyWhatIsUnsetAndCapsTheFee() async throws {
        let fixture = try await DevnetGasFixture()
        let estimator = fixture.estimator()
        var preset = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(attoFIL: 5))
        preset.gasLimit = 1_234_567
        preset.gasPremium = TokenAmount(attoFIL: 777)
        let kept = try await estimator.messageGas(preset)
        #expect(kept.gasLimit == 1_234_567 && kept.gasPremium == TokenAmount(attoFIL: 777))
        #expect(kept.gasFeeCap == TokenAmount(attoFIL: 1_054_296_875 + 777))

        // A budget below the estimate: the fee cap is the budget over the gas limit, and the
        // premium no higher than the fee cap.
        let budget = TokenAmount(attoFIL: 100_000_000)
        let capped = try await estimator.messageGas(preset, spec: MessageSendSpec(maxFee: budget))
        #expect(capped.gasFeeCap == TokenAmount(attoFIL: 100_000_000 / 1_234_567))
        #expect(capped.gasPremium == TokenAmount(attoFIL: 81))
        #expect(capped.gasFeeCap.attoFIL * BigInt(capped.gasLimit) <= budget.attoFIL)

        // No MaxFee: the node's default budget applies (here one small enough to bite).
        let tight = fixture.estimator(config: GasEstimatorConfig(defaultMaxFee: TokenAmount(attoFIL: 1_234_567 * 1_000)))
        #expect(try await tight.messageGas(preset).gasFeeCap == TokenAmount(attoFIL: 1_000))
        // MaximizeFeeCap spends the whole budget even when the estimate is lower.
        let maximized = try await estimator.messageGas(preset, spec: MessageSendSpec(maxFee: TokenAmount(wholeFIL: 1), maximizeFeeCap: true))
        #expect(maximized.gasFeeCap == TokenAmount(attoFIL: TokenAmount(wholeFIL: 1).attoFIL / 1_234_567))

        // The premium never passes the fee cap, capped or not; a zero gas limit (where Go would
        // divide by zero) leaves the fee cap as it is.
        var overPaid = preset
        overPaid.gasFeeCap = TokenAmount(attoFIL: 500)
        overPaid.gasPremium = TokenAmount(attoFIL: 900)
        GasEstimator.capGasFee(&overPaid, spec: nil, defaultMaxFee: GasEstimatorConfig.lotusDefaultMaxFee)
        #expect(overPaid.gasFeeCap == TokenAmount(attoFIL: 500) && overPaid.gasPremium == TokenAmount(attoFIL: 500))
        var noLimit = overPaid
        noLimit.gasLimit = 0
        GasEstimator.capGasFee(&noLimit, spec: MessageSendSpec(maxFee: TokenAmount(attoFIL: 1), maximizeFeeCap: true), defaultMaxFee: .zero)
        #expect(noLimit.gasFeeCap == TokenAmount(attoFIL: 500))

        // Venus's spec factors: the gas limit over-estimated by the spec's factor, the premium scaled.
        let unset = DevnetGasFixture.transfer(from: fixture.funded, to: fixture.secp, value: TokenAmount(attoFIL: 5))
        let used = try await estimator.gasLimit(for: unset)
        let venus = try await estimator.messageGas(unset, spec: MessageSendSpec(gasOverEstimation: 2, gasOverPremium: 1.5))
        #expect(venus.gasLimit == used * 2)
        #expect(venus.gasPremium == TokenAmount(attoFIL: 150_000))
        #expect(GasEstimator.overPremium(TokenAmount(attoFIL: 100_001), factor: 1.1) == TokenAmount(attoFIL: 110_001))
        #expect(GasEstimator.overestimated(9_000_000_000, factor: 1.25) == ImplicitMessages.blockGasLimit)
        #expect(GasEstimator.overestimated(1_000, factor: .infinity) == ImplicitMessages.blockGasLimit)
    }

    /// Venus's batch: consecutive nonces from `fromNonce`, each applied after the ones before it;
    /// a failing message gets its error, nonce 0, and takes no nonce.
    @Test func batchEstimationGivesConsecutiveNonces() async throws {
        let fixture = try await DevnetGasFixture()
        let estimator = fixture.estimator()
        await #expect(throws: GasEstimationError.emptyBatch) { try await estimator.batchMessageGas([], fromNonce: 0) }
        let items = [
            EstimateMessage(message: DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 600))),
            EstimateMessage(message: DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 600))),
            EstimateMessage(message: DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 100))),
            EstimateMessage(
                message: DevnetGasFixture.transfer(from: fixture.secp, to: fixture.funded, value: TokenAmount(wholeFIL: 1)),
                spec: MessageSendSpec(maxFee: TokenAmount(attoFIL: 1_000_000))),
        ]
        let results = try await estimator.batchMessageGas(items, fromNonce: 0)
        #expect(results.count == 4)
        // 600 FIL, then 600 more of what is left after the first: the second cannot be paid.
        #expect(results[0].succeeded && results[0].message.nonce == 0)
        #expect(!results[1].succeeded && results[1].message.nonce == 0)
        #expect(results[1].error.hasPrefix("estimating gas limit: message execution failed: exit SysErrInsufficientFunds(6)"))
        #expect(results[2].succeeded && results[2].message.nonce == 1)
        #expect(results[3].succeeded && results[3].message.nonce == 2)
        #expect(results[3].message.gasFeeCap.attoFIL * BigInt(results[3].message.gasLimit) <= 1_000_000)
        for result in results where result.succeeded {
            #expect(result.message.gasLimit > 0 && !result.message.gasPremium.isZero && !result.message.gasFeeCap.isZero)
        }

        // The batch's messages mined in order are charged what was estimated for each.
        let signed = [results[0], results[2], results[3]].map {
            SignedMessage(message: $0.message, signature: Signature(kind: .secp256k1, data: [UInt8](repeating: 3, count: 65)))
        }
        let calls = try #require(estimator.source as? PendingSource).calls
        let estimates = await calls.results.map(\.result).filter { $0.receipt.exitCode == 0 }
        #expect(estimates.map(\.message.nonce) == [0, 1, 2])
        let expected = zip(estimates, signed).map { estimate, mined in
            let asEstimated = SignedMessage(message: estimate.message, signature: mined.signature)
            return estimate.receipt.gasUsed + DevnetGasFixture.sizeCharge(.signed(mined), over: .signed(asEstimated))
        }
        let block = try await fixture.mine(on: fixture.genesis, secp: signed)
        let receipts = try await fixture.state.receipts(of: block)
        #expect(receipts.map(\.exitCode) == [0, 0, 0])
        #expect(receipts.map(\.gasUsed) == expected)
    }
}
