import FilecoinTypes

/// The environment one VM instance runs in.
public struct VMConfig: Sendable {
    public var epoch: Int64
    public var networkVersion: UInt64
    public var baseFee: TokenAmount
    public var circulatingSupply: TokenAmount
    /// Records every gas charge of a message (for diagnostics; costs time).
    public var traceGas: Bool
    /// When set, actors' circulating supply is computed from the VM's current state at each
    /// request, as Lotus's legacy VM does before network version 15 (`GetCircSupply`);
    /// `circulatingSupply` is then only the fallback if that computation fails.
    public var supplySource: (any CirculatingSupplySource)?

    public init(
        epoch: Int64, networkVersion: UInt64, baseFee: TokenAmount = TokenAmount(attoFIL: 100),
        circulatingSupply: TokenAmount, traceGas: Bool = false, supplySource: (any CirculatingSupplySource)? = nil
    ) {
        self.epoch = epoch
        self.networkVersion = networkVersion
        self.baseFee = baseFee
        self.circulatingSupply = circulatingSupply
        self.traceGas = traceGas
        self.supplySource = supplySource
    }

    /// The specs-actors generation a network version runs: v0 up to version 3, v2 for 4...9.
    public static func actorsVersion(networkVersion: UInt64) -> Int {
        switch networkVersion {
        case 0...3: 0
        case 4...9: 2
        case 10...11: 3
        default: 4
        }
    }
}

/// The circulating supply at `epoch` over a state (the chain node's formula over the VM's
/// current, possibly unflushed, state tree).
public protocol CirculatingSupplySource: Sendable {
    func circulatingSupply(epoch: Int64, state: any StateTreeReader) throws -> TokenAmount
}

/// Randomness for actors: replayed from a recording, or drawn from a chain.
public protocol RandomnessSource: Sendable {
    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8]
}

/// Judges consensus-fault evidence (Lotus `VerifyConsensusFault`): it needs the chain (headers'
/// signatures by the worker key at their epoch), so the chain node provides it.
public protocol ConsensusFaultVerifier: Sendable {
    /// The fault the headers prove, nil when they prove none; errors only for what cannot be judged.
    func verifyConsensusFault(h1: [UInt8], h2: [UInt8], extra: [UInt8], epoch: Int64) throws(ActorError) -> ConsensusFault?
}
