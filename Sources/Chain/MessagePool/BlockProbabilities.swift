import Foundation

/// The probability that a block of given ticket quality lands at each place of its tipset (Lotus
/// `block_proba.go`): the optimal packer weighs each chain's gas performance by the probability
/// that the partition it falls into is still unclaimed by better-placed blocks.
///
/// The number of other winners is Poisson with mean 5 conditioned on at least one block; a block
/// with ticket quality `tq` beats each other winner with probability `tq`, so its place is
/// binomial in the number of other winners with `p = 1 - tq`.
enum BlockProbabilities {
    /// Lotus `MaxBlocks`: places considered.
    static let maxBlocks = 15

    /// Poisson(5) at 1...15, divided by 1 - e^-5 (the chance of at least one winner).
    static let winnersAssumingAtLeastOne: [Double] = {
        let condition = log(-1 + exp(5.0))
        return (0..<maxBlocks).map { i in
            let x = Double(i + 1)
            return exp(log(5.0) * x - lgamma(x + 1) - condition)
        }
    }()

    /// Poisson(5) at 0...14 (Lotus `noWinnersProb`).
    static let winners: [Double] = (0..<maxBlocks).map { i in
        let x = Double(i)
        return exp(log(5.0) * x - lgamma(x + 1) - 5)
    }

    static func binomialCoefficient(_ n: Double, _ k: Double) -> Double {
        if k > n { return .nan }
        var r = 1.0
        var n = n
        var d = 1.0
        while d <= k {
            r *= n
            r /= d
            n -= 1
            d += 1
        }
        return r
    }

    /// The probability of each of the 15 places for a block of ticket quality `ticketQuality`.
    static func forTicketQuality(_ ticketQuality: Double) -> [Double] {
        let p = 1 - ticketQuality
        func binomial(_ x: Double, _ trials: Double) -> Double {
            if x > trials { return 0 }
            if p == 0 { return x == 0 ? 1 : 0 }
            if p == 1 { return x == trials ? 1 : 0 }
            let coefficient = binomialCoefficient(trials, x)
            let power = pow(p, x) * pow(1 - p, trials - x)
            if coefficient.isInfinite { return 0 }
            return coefficient * power
        }
        return (0..<maxBlocks).map { place in
            var probability = 0.0
            for (otherWinners, pCase) in winnersAssumingAtLeastOne.enumerated() {
                probability += pCase * binomial(Double(place), Double(otherWinners))
            }
            return probability
        }
    }
}
