import Logging
import ServiceLifecycle

/// Runs a service's long-lived parts (HTTP servers, background loops) until one ends or the
/// process gets SIGINT or SIGTERM, then shuts them all down gracefully in reverse order.
public enum ServiceRunner {
    public static func run(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
