import Foundation
import Logging
import VenusAPI

/// Sends one request to the providers able to serve it, as upstream's `SendRequest` does:
/// the first connection is tried; when it fails for a reason other than a timeout or the
/// provider's own answer (closed, queue full), every other connection is tried at once and the
/// first answer wins.
enum EventDispatcher {
    /// The answer's payload.
    /// - Throws: `GatewayError.provider` with the provider's error text, or the failure of the
    ///   last connection tried.
    static func send(
        _ method: String, payload: Data, to connections: [EventConnection], timeout: Duration, logger: Logger
    ) async throws -> Data {
        guard let first = connections.first else {
            throw GatewayError.invalidAnswer(method: method, reason: "no connection to send to")
        }
        let response: ResponseEvent
        do {
            response = try await first.request(method: method, payload: payload, timeout: timeout)
        } catch let error as GatewayError where error.triesOthers && connections.count > 1 {
            logger.warning("\(method) on \(first.id) failed (\(error)); trying \(connections.count - 1) other connection(s)")
            response = try await race(method, payload: payload, connections: Array(connections.dropFirst()), timeout: timeout)
        }
        guard response.error.isEmpty else { throw GatewayError.provider(response.error) }
        return response.payload
    }

    /// The first answer from any of `connections`; when all fail, the last failure.
    private static func race(
        _ method: String, payload: Data, connections: [EventConnection], timeout: Duration
    ) async throws -> ResponseEvent {
        try await withThrowingTaskGroup(of: Result<ResponseEvent, any Error>.self) { group in
            for connection in connections {
                group.addTask {
                    do {
                        return .success(try await connection.request(method: method, payload: payload, timeout: timeout))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var lastError: any Error = GatewayError.invalidAnswer(method: method, reason: "no connection answered")
            for try await result in group {
                switch result {
                case .success(let response):
                    group.cancelAll()
                    return response
                case .failure(let error):
                    lastError = error
                }
            }
            throw lastError
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ payload: Data, method: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: payload)
        } catch {
            throw GatewayError.invalidAnswer(method: method, reason: "\(error)")
        }
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
