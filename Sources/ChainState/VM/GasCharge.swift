/// One gas charge: a name (for traces), compute and storage gas. Its cost is their sum.
public struct GasCharge: Hashable, Sendable {
    public var name: String
    public var computeGas: Int64
    public var storageGas: Int64

    public init(_ name: String, compute: Int64, storage: Int64) {
        self.name = name
        self.computeGas = compute
        self.storageGas = storage
    }

    public var total: Int64 { computeGas &+ storageGas }
}
