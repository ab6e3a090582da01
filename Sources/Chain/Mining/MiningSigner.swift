import FilecoinTypes

/// Signs for a block producer: VRFs (ticket, election proof) and the block signature, by the
/// miner's worker key. The keys stay outside: a local key set for tests and self-mining devnets,
/// a remote wallet (venus-wallet through the gateway) for a pool.
public struct MiningSigner: Sendable {
    /// Signs `data` with the key of `address` (a key address).
    public let sign: @Sendable (_ address: Address, _ data: [UInt8]) async throws -> Signature
    /// Whether this signer has the key of an address (a remote wallet is asked and says so by
    /// failing; a local key set knows): a block assembler leaves a block unsigned for a worker it
    /// does not hold, for the producer's own wallet to sign.
    public let holds: @Sendable (_ address: Address) -> Bool

    public init(
        holds: @escaping @Sendable (_ address: Address) -> Bool = { _ in true },
        _ sign: @escaping @Sendable (_ address: Address, _ data: [UInt8]) async throws -> Signature
    ) {
        self.holds = holds
        self.sign = sign
    }

    /// Signs `data` by `address`; any failure is `MiningError.signing`.
    public func sign(_ data: [UInt8], by address: Address) async throws(MiningError) -> Signature {
        do {
            return try await sign(address, data)
        } catch let error as MiningError {
            throw error
        } catch {
            throw .signing(address, "\(error)")
        }
    }

    /// A signer holding `keys` in memory; an address it has no key for is `MiningError.noKey`.
    public static func local(_ keys: [GenesisKey]) -> MiningSigner {
        let byAddress = Dictionary(keys.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        return MiningSigner(holds: { byAddress[$0] != nil }) { address, data in
            guard let key = byAddress[address] else { throw MiningError.noKey(address) }
            return try key.sign(data)
        }
    }
}
