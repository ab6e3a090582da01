import Chain
import ServiceLifecycle

/// Keeps the message pool following the chain's head changes for as long as the node runs; stops
/// at graceful shutdown.
struct MessagePoolService: Service {
    let pool: MessagePool

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await pool.run()
        }
    }
}
