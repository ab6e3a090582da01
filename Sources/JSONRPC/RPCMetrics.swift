import CoreMetrics
import Synchronization

/// Per-method calls, errors and latency, and open WebSocket connections, recorded through a
/// swift-metrics factory (a service's Prometheus registry; see VenusRuntime's `ServiceMetrics`).
///
/// The instruments of every registered method are made once, when the server is made, so a
/// call costs a dictionary lookup, two clock reads and two atomic updates. Calls to methods the
/// registry does not have are counted together under `method="unknown"`, so a client cannot
/// grow the metric set by inventing names.
final class RPCMetrics: Sendable {
    struct Instruments: Sendable {
        let calls: Counter
        let errors: Counter
        let latency: CoreMetrics.Timer
    }

    private let byMethod: [String: Instruments]
    private let unknown: Instruments
    let webSocketConnections: Meter

    init(methods: some Sequence<String>, factory: any MetricsFactory) {
        func instruments(_ method: String) -> Instruments {
            let dimensions = [("method", method)]
            return Instruments(
                calls: Counter(label: "rpc_calls_total", dimensions: dimensions, factory: factory),
                errors: Counter(label: "rpc_errors_total", dimensions: dimensions, factory: factory),
                latency: CoreMetrics.Timer(label: "rpc_call_duration", dimensions: dimensions, factory: factory))
        }
        var byMethod: [String: Instruments] = [:]
        for method in methods { byMethod[method] = instruments(method) }
        self.byMethod = byMethod
        unknown = instruments("unknown")
        webSocketConnections = Meter(label: "rpc_websocket_connections", factory: factory)
    }

    /// Records one finished call of `method`.
    func record(method: String, failed: Bool, duration: Duration) {
        let instruments = byMethod[method] ?? unknown
        instruments.calls.increment()
        if failed { instruments.errors.increment() }
        let (seconds, attoseconds) = duration.components
        instruments.latency.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
