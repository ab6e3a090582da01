import FilecoinTypes

extension StateTree {
    /// The actor at `address`: ID addresses directly, others through the init actor's map.
    public func actor(at address: Address) throws(StateTreeError) -> ActorState? {
        try actor(addressBytes: address.bytes)
    }

    /// The actor ID `address` resolves to, or nil when the init actor does not know it.
    public func resolve(_ address: Address) throws(StateTreeError) -> UInt64? {
        try resolve(addressBytes: address.bytes)
    }
}
