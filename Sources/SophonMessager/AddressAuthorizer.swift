import DagCBOR
import FilecoinTypes
import JSONRPC
import VenusAPI

/// The addresses a caller may see and send from.
public enum AddressScope: Sendable, Hashable {
    /// The pool operator: the messager's own token, or any token with admin permission.
    case all
    /// A user, acting for the signers sophon-auth binds to them.
    case user(String, signers: Set<Address>)

    public func allows(_ address: Address) -> Bool {
        switch self {
        case .all: true
        case .user(_, let signers): signers.contains(address)
        }
    }

    /// The user's name (the `FromUser` of the messages they push), empty for the operator.
    public var userName: String {
        switch self {
        case .all: ""
        case .user(let name, _): name
        }
    }
}

/// Decides each caller's `AddressScope` from its verified token and sophon-auth's signer
/// bindings. Bindings are cached briefly; an address missing from a user's cached set is asked
/// for again at once, so a signer bound a moment ago works without waiting.
public actor AddressAuthorizer {
    let client: SophonAuthClient?
    let ttl: Duration
    private var cache: [String: (signers: Set<Address>, fetched: ContinuousClock.Instant)] = [:]

    /// - Parameter client: sophon-auth; nil when only the messager's own token is accepted.
    public init(client: SophonAuthClient?, ttl: Duration = .seconds(10)) {
        self.client = client
        self.ttl = ttl
    }

    public func scope(of token: VerifiedToken?) async throws -> AddressScope {
        guard let token else { throw MessagerError.permissionDenied("a token is needed") }
        if token.name == LotusLocalToken.name || token.allows(.admin) { return .all }
        return .user(token.name, signers: try await signers(of: token.name, refresh: false))
    }

    /// Throws `permissionDenied` unless the caller may act for `address`.
    public func authorize(_ token: VerifiedToken?, for address: Address) async throws -> AddressScope {
        let scope = try await scope(of: token)
        if scope.allows(address) { return scope }
        let refreshed = AddressScope.user(scope.userName, signers: try await signers(of: scope.userName, refresh: true))
        guard refreshed.allows(address) else {
            throw MessagerError.permissionDenied("\(address) is not a signer of user \(scope.userName)")
        }
        return refreshed
    }

    private func signers(of user: String, refresh: Bool) async throws -> Set<Address> {
        if !refresh, let entry = cache[user], ContinuousClock.now - entry.fetched < ttl { return entry.signers }
        guard let client else { return [] }
        let signers = Set(try await client.listSigners(user: user).map(\.signer))
        cache[user] = (signers, ContinuousClock.now)
        return signers
    }
}
