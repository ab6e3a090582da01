import FilecoinTypes
import Foundation
import Logging
import VenusAPI

@testable import SophonMessager

/// A `MessageService` over a real SQLite store in a temp folder, a `ScriptedChain` and a
/// `ScriptedSigner`, with the steps the tests repeat.
struct MessagerFixture: Sendable {
    let directory: URL
    let store: SQLiteMessagerStore
    let chain: ScriptedChain
    let signer: ScriptedSigner
    let service: MessageService
    /// A receiver with no actor of its own: sends to it are plain transfers.
    let receiver: Address

    static func with<T: Sendable>(
        settings: MessageService.Settings = .init(), height: Int64 = 10, _ body: (MessagerFixture) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("messager-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteMessagerStore(path: directory.appendingPathComponent("messager.db").path)
        let chain = ScriptedChain(height: height)
        let signer = ScriptedSigner()
        var logger = Logger(label: "messager-test")
        logger.logLevel = .critical
        let service = MessageService(store: store, chain: chain, signer: signer, settings: settings, logger: logger)
        let fixture = MessagerFixture(
            directory: directory, store: store, chain: chain, signer: signer, service: service,
            receiver: try Address.id(1234))
        return try await body(fixture)
    }

    /// Pushes a transfer of `value` attoFIL (distinct values tell messages apart).
    @discardableResult
    func push(
        from: Address, value: Int, to: Address? = nil, method: UInt64 = 0, params: [UInt8] = [], spec: SendSpec = SendSpec(),
        id: String? = nil, scope: AddressScope = .all
    ) async throws -> String {
        let message = Message(
            to: to ?? receiver, from: from, nonce: 0, value: TokenAmount(attoFIL: value), gasLimit: 0, gasFeeCap: .zero,
            gasPremium: .zero, method: method, params: params)
        return try await service.push(message, spec: spec, id: id, scope: scope)
    }

    /// A selection round on the chain's current head.
    @discardableResult
    func round() async throws -> MessageService.RoundReport {
        try await service.processHead(await chain.current)
    }

    /// A new head executing `messages`, applied to the messages as `ChainNotify` gives it, then
    /// a selection round on it.
    @discardableResult
    func step(executing messages: [SignedMessage] = []) async throws -> (TipSet, MessageService.RoundReport) {
        let head = await chain.advance(executing: messages)
        try await service.apply([FullNodeAPI.HeadChange(type: .apply, value: head)])
        return (head, try await service.processHead(head))
    }

    func message(_ id: String) async throws -> MessagerMessage {
        guard let message = try await store.message(id: id) else { throw ScriptError("no message \(id)") }
        return message
    }

    func filled(from: Address) async throws -> [MessagerMessage] {
        try await store.messages(from: from, state: .fillMsg, ascending: true, offset: 0, limit: 0)
            .sorted { $0.message.nonce < $1.message.nonce }
    }

    func nextNonce(of address: Address) async throws -> UInt64? {
        try await store.address(address)?.nonce
    }
}
