import DagCBOR
import FilecoinTypes

/// The cron actor (f03), specs-actors v0.9 and v2.3: at the end of every epoch the system
/// calls EpochTick, which calls each entry in order (power's OnEpochTickEnd, market's
/// CronTick), ignoring their failures. State: ``CronState``.
public struct CronActor: BuiltinActor {
    public let actorsVersion: Int

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch CronMethod(rawValue: method) {
        case .constructor:
            let constructor = try rt.decodeParams(CronState.self, params)
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            try rt.createState(constructor)
            return []
        case .epochTick:
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            let state = try rt.state(CronState.self)
            for entry in state.entries {
                // Failures and return values are ignored: one entry must not stop the others.
                _ = try rt.send(to: entry.receiver, method: entry.method, params: [], value: .zero)
            }
            return []
        case nil:
            throw invalidMethod(method)
        }
    }
}
