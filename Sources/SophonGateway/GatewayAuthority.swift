import FilecoinTypes
import VenusAPI

/// What the gateway asks sophon-auth. A protocol so the hubs are independent of the transport.
public protocol GatewayAuthority: Sendable {
    /// Throws `GatewayError.unknownUser` unless `name` is a live, enabled user.
    func requireUser(_ name: String) async throws
    /// Registers `signers` as signers of `user`.
    func registerSigners(_ signers: [Address], user: String) async throws
    /// Whether `miner` is bound to `user`.
    func isMiner(_ miner: Address, boundTo user: String) async throws -> Bool
    /// The users holding `signer`.
    func users(ofSigner signer: Address) async throws -> [String]
}

/// `GatewayAuthority` over sophon-auth's REST API, with an admin token.
public struct SophonAuthAuthority: GatewayAuthority {
    public let client: SophonAuthClient

    public init(client: SophonAuthClient) { self.client = client }

    public func requireUser(_ name: String) async throws {
        let user: SophonUser
        do {
            user = try await client.getUser(name: name)
        } catch {
            throw GatewayError.unknownUser(name, reason: "\(error)")
        }
        guard user.state == .enabled else { throw GatewayError.unknownUser(name, reason: "the user is disabled") }
    }

    public func registerSigners(_ signers: [Address], user: String) async throws {
        guard !signers.isEmpty else { return }
        do {
            try await client.registerSigners(user: user, signers: signers)
        } catch {
            throw GatewayError.authority("register signers \(signers.map(\.description)) for \(user): \(error)")
        }
    }

    public func isMiner(_ miner: Address, boundTo user: String) async throws -> Bool {
        do {
            return try await client.minerExistInUser(user: user, miner: miner)
        } catch {
            throw GatewayError.authority("check miner \(miner) of \(user): \(error)")
        }
    }

    public func users(ofSigner signer: Address) async throws -> [String] {
        do {
            return try await client.getUsersBySigner(signer).map(\.name)
        } catch {
            throw GatewayError.authority("users of signer \(signer): \(error)")
        }
    }
}
