import ChainState
import FilecoinTypes

/// Lotus's message selection (`selection.go`) over one snapshot of the pool: chains of messages
/// per sender by gas performance, the greedy packer for good tickets, the optimal packer with
/// block probabilities otherwise, and Venus's selection of several disjoint blocks.
///
/// Works on values only (no chain access): the pool gathers the pending messages, the senders'
/// actors and the base fee first, then runs this synchronously.
struct MessageSelector {
    /// Lotus `BlockMessageLimit`.
    static let blockMessageLimit = 10_000
    /// cbor-gen's `MaxLength`: the most messages of one signature kind in a block.
    static let perKindMessageLimit = 8192
    /// Lotus `gasguess.MinGas`: below this much gas left, a block is considered full.
    static let minGas: Int64 = 1_298_450
    static let blockGasLimit = GasPerformance.blockGasLimit

    /// One sender's messages that can go on chain now, with their rewards and the chains they
    /// form; computed once per snapshot and copied into each block's selection.
    struct PreparedSender {
        let address: Address
        let messages: [PendingMessage]
        let rewards: [Int128]
        let chains: [MessageChain]
    }

    let baseFee: Int128
    /// The price list of the selection's epoch: the gas a message's on-chain size costs.
    let pricelist: Pricelist
    private(set) var prepared: [PreparedSender] = []
    private var index: [Address: Int] = [:]

    /// Prepares every sender of `pending` against its actor after the selection's tipset at
    /// `height` (Lotus `createMessageChains` for each sender).
    init(
        pending: [Address: [UInt64: PendingMessage]], actors: [Address: ActorState], baseFee: Int128, height: Int64
    ) {
        self.baseFee = baseFee
        self.pricelist = Pricelist.forEpoch(height)
        // Go iterates the map in random order; a fixed order keeps ties reproducible.
        let senders = pending.keys.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        for sender in senders {
            guard let set = pending[sender], let actor = actors[sender] else { continue }
            if let prepared = prepare(sender: sender, set: set, actor: actor) {
                index[sender] = self.prepared.count
                self.prepared.append(prepared)
            }
        }
    }

    /// Lotus `createMessageChains`' sanity pass and chain construction.
    private func prepare(sender: Address, set: [UInt64: PendingMessage], actor: ActorState) -> PreparedSender? {
        let nonces = set.keys.sorted()
        var nonce = actor.nonce
        var balance = Int128(exactly: actor.balance.attoFIL) ?? (actor.balance.isNegative ? 0 : Int128.max)
        var gasLimit: Int64 = 0
        var skip = 0
        var end = 0
        var rewards: [Int128] = []
        var messages: [PendingMessage] = []
        rewards.reserveCapacity(nonces.count)
        messages.reserveCapacity(nonces.count)
        while end < nonces.count {
            guard let entry = set[nonces[end]] else { break }
            if entry.nonce < nonce {
                skip += 1
                end += 1
                continue
            }
            if entry.nonce != nonce { break }
            nonce += 1
            guard let figures = entry.figures, figures.gasLimit >= pricelist.onChainMessage(size: entry.chainLength).total else { break }
            gasLimit += figures.gasLimit
            if gasLimit > Self.blockGasLimit { break }
            if balance < figures.required { break }
            balance -= figures.required
            balance -= figures.value
            rewards.append(GasPerformance.reward(figures, baseFee: baseFee))
            messages.append(entry)
            end += 1
        }
        guard end > skip else { return nil }
        if messages.count > Self.blockMessageLimit {
            messages.removeLast(messages.count - Self.blockMessageLimit)
            rewards.removeLast(rewards.count - Self.blockMessageLimit)
        }

        // Chains of non-decreasing performance, then merged until each beats the next.
        let rewardsGas = messages.map { $0.figures?.gasLimit ?? $0.message.gasLimit }
        let isBLS = messages[0].signed.signature.kind == .bls
        func newChain(_ i: Int) -> MessageChain {
            let limit = rewardsGas[i]
            return MessageChain(
                sender: 0, lower: i, upper: i + 1, gasReward: rewards[i], gasLimit: limit,
                gasPerf: GasPerformance.performance(reward: rewards[i], gasLimit: limit), isBLS: isBLS)
        }
        var chains: [MessageChain] = []
        var current = newChain(0)
        for i in 1..<messages.count {
            let reward = current.gasReward + rewards[i]
            let limit = current.gasLimit + rewardsGas[i]
            let perf = GasPerformance.performance(reward: reward, gasLimit: limit)
            if perf < current.gasPerf {
                chains.append(current)
                current = newChain(i)
            } else {
                current.upper = i + 1
                current.gasReward = reward
                current.gasLimit = limit
                current.gasPerf = perf
            }
        }
        chains.append(current)
        while true {
            var merged = 0
            var i = chains.count - 1
            while i > 0 {
                if chains[i].gasPerf >= chains[i - 1].gasPerf {
                    chains[i - 1].upper = chains[i].upper
                    chains[i - 1].gasReward += chains[i].gasReward
                    chains[i - 1].gasLimit += chains[i].gasLimit
                    chains[i - 1].gasPerf = GasPerformance.performance(
                        reward: chains[i - 1].gasReward, gasLimit: chains[i - 1].gasLimit)
                    chains[i].valid = false
                    merged += 1
                }
                i -= 1
            }
            if merged == 0 { break }
            chains.removeAll { !$0.valid }
        }
        return PreparedSender(address: sender, messages: messages, rewards: rewards, chains: chains)
    }

    // MARK: Selecting

    /// Venus `MultipleSelectMessages`: one block per ticket quality from the same snapshot. After
    /// each block, every sender with a message in it leaves the pending set, so no sender's
    /// nonces are split across blocks and the blocks are disjoint. Priority senders are
    /// considered for the first block only (Venus removes them from the shared pending set).
    func selectBlocks(
        ticketQualities: [Double], priority: [Address], using generator: inout some RandomNumberGenerator
    ) -> [[PendingMessage]] {
        var remaining = Set(prepared.indices)
        var blocks: [[PendingMessage]] = []
        for quality in ticketQualities {
            guard !remaining.isEmpty else {
                blocks.append([])
                continue
            }
            var block = BlockSelection(selector: self, senders: remaining)
            let result: Selected
            if quality > 0.84 {
                result = block.selectGreedy(priority: priority, remaining: &remaining)
            } else {
                result = block.selectOptimal(ticketQuality: quality, priority: priority, remaining: &remaining, using: &generator)
            }
            var messages = result.messages
            if messages.count > Self.blockMessageLimit { messages.removeLast(messages.count - Self.blockMessageLimit) }
            for entry in messages {
                if let sender = index[entry.from] { remaining.remove(sender) }
            }
            blocks.append(messages)
        }
        return blocks
    }

    /// The chains of every prepared sender, sorted best first (Lotus `Before`): what pruning keeps.
    func rankedChains() -> [[PendingMessage]] {
        var chains: [(chain: MessageChain, sender: Int)] = []
        for (sender, prepared) in prepared.enumerated() {
            for chain in prepared.chains { chains.append((chain, sender)) }
        }
        chains.sort { a, b in
            a.chain.gasPerf > b.chain.gasPerf || (a.chain.gasPerf == b.chain.gasPerf && a.chain.gasReward > b.chain.gasReward)
        }
        return chains.map { Array(prepared[$0.sender].messages[$0.chain.lower..<$0.chain.upper]) }
    }

    func senderIndex(_ address: Address) -> Int? { index[address] }
}

/// Lotus `selectedMessages`: what a block has taken and the room it has left.
struct Selected {
    var messages: [PendingMessage] = []
    var gasLimit: Int64 = MessageSelector.blockGasLimit
    var secpLimit = MessageSelector.perKindMessageLimit
    var blsLimit = MessageSelector.perKindMessageLimit
}
