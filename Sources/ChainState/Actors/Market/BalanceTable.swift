import DagCBOR
import FilecoinTypes

/// specs-actors' `adt.BalanceTable`: a HAMT of address (its bytes as the key) to a token amount;
/// an absent key holds zero. Every balance it stores is non-negative.
final class BalanceTable {
    let map: ActorHAMT

    init(loading root: CID, store: any ActorStore, sortsOnCollapse: Bool) throws(ActorError) {
        map = try ActorHAMT(loading: root, store: store, sortsOnCollapse: sortsOnCollapse)
    }

    func flush() throws(ActorError) -> CID { try map.flush() }

    /// The balance, zero when absent.
    func get(_ address: Address) throws(ActorError) -> TokenAmount {
        guard let raw = try map.get(address.bytes) else { return .zero }
        do { return try TokenAmount(cborBytes: raw) } catch {
            throw ActorError(.errIllegalState, "failed to decode balance of \(address): \(error)")
        }
    }

    /// Adds `amount` (possibly negative); a result below zero is refused, and a balance that
    /// falls to zero is deleted (a zero added to an absent key is stored as zero, as Go does).
    func add(_ address: Address, _ amount: TokenAmount) throws(ActorError) {
        let previous = try get(address)
        let sum = previous + amount
        if sum.isNegative {
            throw ActorError(.errIllegalState, "adding \(amount) to balance \(previous) would give negative: \(sum)")
        }
        if sum.isZero, !previous.isZero {
            guard try map.delete(address.bytes) else { throw ActorError(.errIllegalState, "balance of \(address) not found") }
            return
        }
        try map.set(address.bytes, sum.cborBytes)
    }

    /// Subtracts up to `request`, leaving at least `floor`; returns what was subtracted.
    func subtractWithMinimum(_ address: Address, _ request: TokenAmount, floor: TokenAmount) throws(ActorError) -> TokenAmount {
        let previous = try get(address)
        let available = max(.zero, previous - floor)
        let subtracted = min(available, request)
        if subtracted > .zero {
            try add(address, .zero - subtracted)
        }
        return subtracted
    }

    /// Subtracts exactly `amount`; more than the balance is an error.
    func mustSubtract(_ address: Address, _ amount: TokenAmount) throws(ActorError) {
        let previous = try get(address)
        guard amount <= previous else { throw ActorError(.errIllegalState, "couldn't subtract the requested amount") }
        try add(address, .zero - amount)
    }

    /// The sum of every balance.
    func total() throws(ActorError) -> TokenAmount {
        var total = TokenAmount.zero
        try map.forEach { (_, raw) throws(ActorError) in
            do { total += try TokenAmount(cborBytes: raw) } catch { throw ActorError(.errIllegalState, "failed to decode balance: \(error)") }
        }
        return total
    }
}
