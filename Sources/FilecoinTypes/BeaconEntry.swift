/// One drand round as a block carries it: the round number and the beacon's signature.
public struct BeaconEntry: Hashable, Sendable {
    public var round: UInt64
    public var data: [UInt8]

    public init(round: UInt64, data: [UInt8]) {
        self.round = round
        self.data = data
    }
}
