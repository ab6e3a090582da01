import FilecoinTypes

/// One block's selection (Lotus `selectMessagesGreedy`, `selectMessagesOptimal`,
/// `selectPriorityMessages`) over fresh copies of the prepared chains. Chains link by index
/// into `chains`; `order` is the list Lotus sorts.
struct BlockSelection {
    private let selector: MessageSelector
    private let senders: Set<Int>
    private var chains: [MessageChain] = []
    private var result = Selected()
    /// Termination guard for the tail loops: each pass trims or invalidates a chain, so the
    /// bound is never reached by a correct run.
    private var tailBudget = 0
    /// Scratch marks for `stableResort`, one per chain.
    private var marks: [Bool] = []

    private static let minGas = MessageSelector.minGas
    private static let messageLimit = MessageSelector.blockMessageLimit

    init(selector: MessageSelector, senders: Set<Int>) {
        self.selector = selector
        self.senders = senders
    }

    // MARK: Chains

    /// Copies the prepared chains of `senders` (in sender order) into `chains`, linked.
    private mutating func instantiate(_ senderIndices: [Int]) -> [Int] {
        var created: [Int] = []
        for sender in senderIndices {
            let prepared = selector.prepared[sender]
            let base = chains.count
            for (offset, template) in prepared.chains.enumerated() {
                var chain = MessageChain(
                    sender: sender, lower: template.lower, upper: template.upper, gasReward: template.gasReward,
                    gasLimit: template.gasLimit, gasPerf: template.gasPerf, isBLS: template.isBLS)
                if offset > 0 { chain.prev = base + offset - 1 }
                if offset < prepared.chains.count - 1 { chain.next = base + offset + 1 }
                chains.append(chain)
                created.append(base + offset)
            }
        }
        tailBudget += 4 * created.count + 16
        return created
    }

    private func before(_ a: Int, _ b: Int) -> Bool {
        let x = chains[a], y = chains[b]
        return x.gasPerf > y.gasPerf || (x.gasPerf == y.gasPerf && x.gasReward > y.gasReward)
    }

    private func beforeEffective(_ a: Int, _ b: Int) -> Bool {
        let x = chains[a], y = chains[b]
        return (x.merged && !y.merged) || (x.gasPerf >= 0 && y.gasPerf < 0) || x.effPerf > y.effPerf
            || (x.effPerf == y.effPerf && x.gasPerf > y.gasPerf)
            || (x.effPerf == y.effPerf && x.gasPerf == y.gasPerf && x.gasReward > y.gasReward)
    }

    private mutating func setEffPerf(_ c: Int) {
        var effPerf = chains[c].gasPerf * chains[c].bp
        if effPerf > 0, let p = chains[c].prev {
            let limit = Double(chains[c].gasLimit), parentLimit = Double(chains[p].gasLimit)
            let withParent = (effPerf * limit + chains[p].effPerf * parentLimit) / Double(chains[c].gasLimit + chains[p].gasLimit)
            chains[c].parentOffset = effPerf - withParent
            effPerf = withParent
        }
        chains[c].effPerf = effPerf
    }

    private mutating func invalidate(_ c: Int) {
        var current: Int? = c
        while let x = current {
            chains[x].valid = false
            chains[x].upper = chains[x].lower
            current = chains[x].next
            chains[x].next = nil
        }
    }

    /// Lotus `msgChain.Trim`: drops messages from the end while the chain is over the limits or
    /// performs negatively; the chains after it can no longer be included.
    private mutating func trim(_ c: Int, gasLimit: Int64, messageLimit: Int) {
        let prepared = selector.prepared[chains[c].sender]
        var i = chains[c].count - 1
        while i >= 0 && (chains[c].gasLimit > gasLimit || chains[c].gasPerf < 0 || i >= messageLimit) {
            let position = chains[c].lower + i
            chains[c].gasReward -= prepared.rewards[position]
            chains[c].gasLimit -= prepared.messages[position].message.gasLimit
            if chains[c].gasLimit > 0 {
                chains[c].gasPerf = GasPerformance.performance(reward: chains[c].gasReward, gasLimit: chains[c].gasLimit)
                if chains[c].bp != 0 { setEffPerf(c) }
            } else {
                chains[c].gasPerf = 0
                chains[c].effPerf = 0
            }
            i -= 1
        }
        if i < 0 {
            chains[c].upper = chains[c].lower
            chains[c].valid = false
        } else {
            chains[c].upper = chains[c].lower + i + 1
        }
        if let n = chains[c].next {
            invalidate(n)
            chains[c].next = nil
        }
    }

    private mutating func append(_ c: Int) {
        let prepared = selector.prepared[chains[c].sender]
        result.messages.append(contentsOf: prepared.messages[chains[c].lower..<chains[c].upper])
    }

    // MARK: Adding to the block

    /// Lotus `tryToAdd`: the chain alone, if it fits.
    private mutating func tryToAdd(_ c: Int) -> Bool {
        let count = chains[c].count
        if Self.messageLimit < count + result.messages.count || result.gasLimit < chains[c].gasLimit { return false }
        if chains[c].isBLS {
            if result.blsLimit < count { return false }
            result.blsLimit -= count
        } else {
            if result.secpLimit < count { return false }
            result.secpLimit -= count
        }
        append(c)
        result.gasLimit -= chains[c].gasLimit
        return true
    }

    /// Lotus `tryToAddWithDeps`: the chain with every earlier chain of its sender not yet in the
    /// block. On failure the chain is trimmed to what could fit, or invalidated when even its
    /// dependencies cannot; returns the dependencies merged on success.
    private mutating func tryToAddWithDeps(_ c: Int) -> [Int]? {
        var chainGasLimit = chains[c].gasLimit
        var chainMessageCount = chains[c].count
        var depGasLimit: Int64 = 0
        var depMessageCount = 0
        var kindLimit = chains[c].isBLS ? result.blsLimit : result.secpLimit
        if kindLimit > Self.messageLimit - result.messages.count { kindLimit = Self.messageLimit - result.messages.count }

        var deps: [Int] = []
        var current = chains[c].prev
        while let p = current, !chains[p].merged {
            deps.append(p)
            chainGasLimit += chains[p].gasLimit
            chainMessageCount += chains[p].count
            depGasLimit += chains[p].gasLimit
            depMessageCount += chains[p].count
            current = chains[p].prev
        }

        if chainGasLimit > result.gasLimit || chainMessageCount > kindLimit {
            if depGasLimit > result.gasLimit || depMessageCount >= kindLimit {
                invalidate(c)
            } else {
                trim(c, gasLimit: result.gasLimit - depGasLimit, messageLimit: kindLimit - depMessageCount)
            }
            return nil
        }

        for d in deps.reversed() {
            chains[d].merged = true
            append(d)
        }
        chains[c].merged = true
        append(c)
        result.gasLimit -= chainGasLimit
        if chains[c].isBLS { result.blsLimit -= chainMessageCount } else { result.secpLimit -= chainMessageCount }
        return deps
    }

    /// Lotus `trimChain`: trims the chain to the block's remaining room, if it does not fit.
    private mutating func trimToRoom(_ c: Int) {
        var messageLimit = Self.messageLimit - result.messages.count
        let kindLimit = chains[c].isBLS ? result.blsLimit : result.secpLimit
        if messageLimit > kindLimit { messageLimit = kindLimit }
        if chains[c].gasLimit > result.gasLimit || chains[c].count > messageLimit {
            trim(c, gasLimit: result.gasLimit, messageLimit: messageLimit)
        }
    }

    // MARK: Packers

    /// Lotus `selectPriorityMessages`: the priority senders' chains first, greedily. Priority
    /// senders leave `remaining` whether or not they fit (as they leave Lotus's pending map).
    private mutating func selectPriority(_ priority: [Address], remaining: inout Set<Int>) {
        var senderIndices: [Int] = []
        for address in priority {
            guard let sender = selector.senderIndex(address), remaining.contains(sender), senders.contains(sender) else { continue }
            remaining.remove(sender)
            senderIndices.append(sender)
        }
        guard !senderIndices.isEmpty else { return }
        var order = instantiate(senderIndices)
        guard !order.isEmpty else { return }
        order.sort { before($0, $1) }
        if chains[order[0]].gasPerf < 0 { return }
        packGreedily(&order)
    }

    /// The merge and tail loops shared by the greedy packer and the priority selection.
    private mutating func packGreedily(_ order: inout [Int]) {
        var last = order.count
        for (i, c) in order.enumerated() {
            if chains[c].gasPerf < 0 { break }
            if tryToAdd(c) { continue }
            last = i
            break
        }

        tailLoop: while result.gasLimit >= Self.minGas && last < order.count && tailBudget > 0 {
            tailBudget -= 1
            trimToRoom(order[last])
            if chains[order[last]].valid {
                var k = last
                while k < order.count - 1 {
                    if before(order[k], order[k + 1]) { break }
                    order.swapAt(k, k + 1)
                    k += 1
                }
            }
            var i = last
            while i < order.count {
                let c = order[i]
                if !chains[c].valid {
                    i += 1
                    continue
                }
                if chains[c].gasPerf < 0 { break tailLoop }
                if tryToAdd(c) {
                    i += 1
                    continue
                }
                last = i
                continue tailLoop
            }
            break
        }
    }

    /// Lotus `selectMessagesGreedy` (ticket quality above 0.84: the first place is the likeliest,
    /// so the best chains simply go first).
    mutating func selectGreedy(priority: [Address], remaining: inout Set<Int>) -> Selected {
        selectPriority(priority, remaining: &remaining)
        if result.gasLimit < Self.minGas || result.messages.count >= Self.messageLimit { return result }
        var order = instantiate(senders.filter { remaining.contains($0) }.sorted())
        order.sort { before($0, $1) }
        if let first = order.first, chains[first].gasPerf < 0 { return result }
        packGreedily(&order)
        return result
    }

    /// Lotus `selectMessagesOptimal`: chains weighted by the probability that the block place
    /// their partition would fill is this block's, merged with their dependencies.
    mutating func selectOptimal(
        ticketQuality: Double, priority: [Address], remaining: inout Set<Int>,
        using generator: inout some RandomNumberGenerator
    ) -> Selected {
        selectPriority(priority, remaining: &remaining)
        if result.gasLimit < Self.minGas || result.messages.count >= Self.messageLimit { return result }
        var order = instantiate(senders.filter { remaining.contains($0) }.sorted())
        order.sort { before($0, $1) }
        if let first = order.first, chains[first].gasPerf < 0 { return result }

        // Partition into blocks by the full block limits (other winners fill their blocks too).
        var partitions = [[Int]](repeating: [], count: BlockProbabilities.maxBlocks)
        var nextChain = 0
        var place = 0
        while place < BlockProbabilities.maxBlocks && nextChain < order.count {
            var gasLimit = MessageSelector.blockGasLimit
            var messageLimit = Self.messageLimit
            while nextChain < order.count {
                let c = order[nextChain]
                nextChain += 1
                partitions[place].append(c)
                gasLimit -= chains[c].gasLimit
                messageLimit -= chains[c].count
                if gasLimit < Self.minGas || messageLimit <= 0 { break }
            }
            place += 1
        }
        let probabilities = BlockProbabilities.forTicketQuality(ticketQuality)
        var effective = 0
        for place in 0..<BlockProbabilities.maxBlocks {
            for c in partitions[place] {
                chains[c].bp = probabilities[place]
                setEffPerf(c)
            }
            effective += partitions[place].count
        }
        for c in order[effective...] {
            chains[c].effPerf = chains[c].gasPerf < 0 ? chains[c].gasPerf : 0
        }
        order.sort { beforeEffective($0, $1) }

        // Merge the head chains with their dependencies, re-sorting after each merge.
        var position = [Int](repeating: 0, count: chains.count)
        for (i, c) in order.enumerated() { position[c] = i }
        var last = order.count
        var i = 0
        while i < order.count {
            let c = order[i]
            if chains[c].gasPerf < 0 { break }
            if chains[c].merged {
                i += 1
                continue
            }
            if var changed = tryToAddWithDeps(c) {
                if let n = chains[c].next, chains[n].effPerf > 0 {
                    chains[n].effPerf += chains[n].parentOffset
                    changed.append(n)
                    var following = chains[n].next
                    while let f = following, chains[f].effPerf > 0 {
                        setEffPerf(f)
                        changed.append(f)
                        following = chains[f].next
                    }
                }
                stableResort(&order, position: &position, from: i + 1, changed: changed)
                i += 1
                continue
            }
            last = i
            break
        }

        // Trim the chain at the edge and push it down, then take what still fits, repeatedly.
        tailLoop: while result.gasLimit >= Self.minGas && last < order.count && tailBudget > 0 {
            tailBudget -= 1
            if !chains[order[last]].valid {
                last += 1
                continue tailLoop
            }
            trimToRoom(order[last])
            if chains[order[last]].valid {
                var k = last
                while k < order.count - 1 {
                    if beforeEffective(order[k], order[k + 1]) { break }
                    order.swapAt(k, k + 1)
                    k += 1
                }
            }
            for c in order[last...] {
                if !chains[c].valid || chains[c].merged { continue }
                if chains[c].gasPerf < 0 { break tailLoop }
                if tryToAddWithDeps(c) != nil { continue }
                continue tailLoop
            }
            break
        }

        // Room to spare: random non-negative chains, so that block producers differ.
        if result.gasLimit >= Self.minGas && result.messages.count <= Self.messageLimit {
            for k in order.indices {
                let j = Int.random(in: 0...k, using: &generator)
                order.swapAt(k, j)
            }
            for c in order {
                if result.gasLimit < Self.minGas || result.messages.count >= Self.messageLimit { break }
                if chains[c].merged || !chains[c].valid || chains[c].gasPerf < 0 { continue }
                if tryToAddWithDeps(c) != nil { continue }
                if chains[c].valid { _ = tryToAddWithDeps(c) }
            }
        }
        return result
    }

    /// What Go's `sort.SliceStable(chains[from:], BeforeEffective)` yields when only `changed`
    /// chains moved since the suffix was last sorted: the unchanged ones keep their sorted order,
    /// so the changed ones are merged back in, ties going to the earlier position. Linear in the
    /// suffix instead of a full sort per merged chain.
    private mutating func stableResort(_ order: inout [Int], position: inout [Int], from start: Int, changed: [Int]) {
        guard start < order.count else { return }
        if marks.count < chains.count { marks = [Bool](repeating: false, count: chains.count) }
        var moved: [Int] = []
        for c in changed where position[c] >= start && !marks[c] {
            marks[c] = true
            moved.append(c)
        }
        guard !moved.isEmpty else { return }
        defer { for c in moved { marks[c] = false } }
        func earlier(_ a: Int, _ b: Int) -> Bool {
            if beforeEffective(a, b) { return true }
            if beforeEffective(b, a) { return false }
            return position[a] < position[b]
        }
        let sortedMoved = moved.sorted(by: earlier)
        var merged: [Int] = []
        merged.reserveCapacity(order.count - start)
        var m = 0
        for k in start..<order.count {
            let u = order[k]
            if marks[u] { continue }
            while m < sortedMoved.count && earlier(sortedMoved[m], u) {
                merged.append(sortedMoved[m])
                m += 1
            }
            merged.append(u)
        }
        while m < sortedMoved.count {
            merged.append(sortedMoved[m])
            m += 1
        }
        for (offset, c) in merged.enumerated() {
            order[start + offset] = c
            position[c] = start + offset
        }
    }
}
