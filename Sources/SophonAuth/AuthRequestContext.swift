import Hummingbird

/// sophon-auth's request context: the request's named values, parsed once by
/// `RequestFieldsMiddleware`, and on protected routes the caller `TokenAuthenticator` verified.
///
/// Invariant: a handler on a protected group always sees a caller (the authenticator refuses
/// the request before the handler otherwise).
public struct AuthRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var fields = RequestFields()
    var caller: AuthCaller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
