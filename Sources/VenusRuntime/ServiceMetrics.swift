import CoreMetrics
import Prometheus
import Synchronization

/// One service's metrics, served at `/metrics` in Prometheus's text format.
///
/// Each service owns its registry (no process-wide bootstrap), so tests may run several services
/// in one process. `factory` is a swift-metrics factory over the same registry: libraries that
/// record through swift-metrics (the RPC server's per-method calls, errors and latency) are handed
/// it. Gauges whose value is cheaper to read than to keep current are refreshed by the
/// `onScrape` hooks just before each rendering.
public final class ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: any MetricsFactory
    private let scrapeHooks = Mutex<[@Sendable () async -> Void]>([])

    public init() {
        registry = PrometheusCollectorRegistry()
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// A gauge `name` (Prometheus naming: `snake_case`, a unit suffix) with its help text.
    public func gauge(_ name: String, help: String, labels: [(String, String)] = []) -> Prometheus.Gauge {
        registry.makeGauge(name: name, labels: labels, help: help)
    }

    /// A counter `name` with its help text.
    public func counter(_ name: String, help: String, labels: [(String, String)] = []) -> Prometheus.Counter {
        registry.makeCounter(name: name, labels: labels, help: help)
    }

    /// Runs `hook` before each scrape (to set gauges from the service's state).
    public func onScrape(_ hook: @escaping @Sendable () async -> Void) {
        scrapeHooks.withLock { $0.append(hook) }
    }

    /// The text exposition of every metric, after the scrape hooks ran.
    public func render() async -> [UInt8] {
        for hook in scrapeHooks.withLock({ $0 }) { await hook() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        registry.emit(into: &buffer)
        return buffer
    }
}
