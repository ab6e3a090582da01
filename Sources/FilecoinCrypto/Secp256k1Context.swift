import CSecp256k1

/// The one libsecp256k1 context the module uses, created and randomized once.
///
/// Thread safety: Swift runs a `static let` initializer exactly once (under `swift_once`), and
/// that is the only place the context is mutated (`secp256k1_context_randomize`). Every later
/// call passes it as `const secp256k1_context *`, and libsecp256k1 documents that functions taking
/// a const context are safe to call concurrently. The context is never destroyed (it lives for the
/// process), so no call can race with its release. That is why `@unchecked Sendable` is sound.
final class Secp256k1Context: @unchecked Sendable {
    static let shared = Secp256k1Context()

    let pointer: OpaquePointer

    private init() {
        // SECP256K1_CONTEXT_NONE: since libsecp256k1 0.2 all contexts can sign and verify.
        let flags = UInt32(SECP256K1_CONTEXT_NONE)
        guard let context = secp256k1_context_create(flags) else {
            // Unreachable, and no input reaches it: libsecp256k1 returns NULL only after its
            // allocation-failure or illegal-argument callback, whose default action is abort().
            fatalError("libsecp256k1 could not create a context")
        }
        // Blinds the generator multiplication against side channels, seeded by secure randomness.
        var seed = SecureRandom.bytes(32)
        _ = secp256k1_context_randomize(context, &seed)
        SecureRandom.wipe(&seed)
        pointer = context
    }
}
