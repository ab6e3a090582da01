/// Tries several verifiers in order and returns the first success (e.g. the service's own Lotus
/// secret first, then sophon-auth). Throws `TokenError.rejected` with every reason when none accepts.
public struct FirstSuccessTokenVerifier: TokenVerifier {
    public let verifiers: [any TokenVerifier]

    public init(_ verifiers: [any TokenVerifier]) {
        self.verifiers = verifiers
    }

    public func verify(_ token: String) async throws -> VerifiedToken {
        var reasons: [String] = []
        for verifier in verifiers {
            do {
                return try await verifier.verify(token)
            } catch {
                reasons.append(String(describing: error))
            }
        }
        throw TokenError.rejected(reasons)
    }
}
