import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// The wallets connected to the gateway and the routing of signing requests to them.
///
/// Invariants: a connection is routable only after every address it claims has passed the
/// `verifyaddress` proof (unless verification is disabled) and has been registered in
/// sophon-auth as a signer of the wallet's account and support accounts; an address added
/// later is routable only after the same proof.
public actor WalletEventHub {
    struct Wallet {
        let connection: EventConnection
        var supportAccounts: [String]
        var addresses: [Address]
        let signBytes: Data

        func serves(_ accounts: [String]) -> Bool {
            accounts.contains(connection.account) || accounts.contains { supportAccounts.contains($0) }
        }
    }

    let authority: any GatewayAuthority
    let settings: GatewaySettings
    let logger: Logger
    let pending = PendingRequests()
    /// The gateway's half of the address challenge, fixed for the process as upstream's.
    nonisolated let randomBytes: [UInt8]
    private var wallets: [GatewayUUID: Wallet] = [:]
    private var rotation = 0

    public init(authority: any GatewayAuthority, settings: GatewaySettings, logger: Logger) {
        self.authority = authority
        self.settings = settings
        self.logger = logger
        var rng = SystemRandomNumberGenerator()
        randomBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    // MARK: Provider side

    /// `ListenWalletEvent`: checks the accounts, then proves and registers the wallet's
    /// addresses on the new channel before announcing `InitConnect`.
    func listen(account: String, ip: String, policy: WalletRegisterPolicy) async throws -> AsyncStream<RequestEvent> {
        try await authority.requireUser(account)
        for support in policy.supportAccounts { try await authority.requireUser(support) }
        let connection = EventConnection(account: account, ip: ip, queueLimit: settings.queueSize, pending: pending) {
            [weak self] id in
            guard let self else { return }
            Task { await self.remove(id) }
        }
        Task { await admit(connection, policy: policy) }
        return connection.events
    }

    private func admit(_ connection: EventConnection, policy: WalletRegisterPolicy) async {
        let account = connection.account
        do {
            let payload = try await EventDispatcher.send(
                GatewayEventMethod.walletList, payload: Data(), to: [connection], timeout: settings.timeout, logger: logger)
            let claimed = try EventDispatcher.decode([Address].self, payload, method: GatewayEventMethod.walletList)
            let addresses = try await prove(claimed, on: connection, signBytes: policy.signBytes)
            try await register(addresses, accounts: [account] + policy.supportAccounts)
            guard !connection.isClosed else { return }
            wallets[connection.id] = Wallet(
                connection: connection, supportAccounts: policy.supportAccounts, addresses: addresses,
                signBytes: policy.signBytes)
            logger.info("wallet \(account) connected on \(connection.id) with \(addresses.map(\.description))")
            connection.notify(
                RequestEvent(method: GatewayEventMethod.initConnect,
                             payload: try EventDispatcher.encode(ConnectedCompleted(channelID: connection.id))))
        } catch {
            logger.warning("wallet \(account) refused on \(connection.id): \(error)")
            if let payload = try? EventDispatcher.encode(ConnectRefused(reason: "\(error)")) {
                connection.notify(RequestEvent(method: GatewayEventMethod.connectRefused, payload: payload))
            }
            connection.close()
        }
    }

    /// The signing addresses of `claimed`, each proven on `connection`. Other kinds (f4, f0)
    /// cannot sign a challenge nor be sophon-auth signers, so they are left out.
    private func prove(_ claimed: [Address], on connection: EventConnection, signBytes: Data) async throws -> [Address] {
        var proven: [Address] = []
        for address in claimed where !proven.contains(address) {
            guard address.protocol == .secp256k1 || address.protocol == .bls else {
                logger.info("wallet \(connection.account): \(address) is not a signing address; not routed")
                continue
            }
            if settings.verifyAddresses {
                try await verify(address, on: connection, signBytes: signBytes)
            }
            proven.append(address)
        }
        return proven
    }

    /// The `verifyaddress` challenge: the wallet must sign sha256(gateway random ‖ its random)
    /// with the key of `address`.
    private func verify(_ address: Address, on connection: EventConnection, signBytes: Data) async throws {
        let challenge = Data(try Multihash.hashing(randomBytes + Array(signBytes), code: Multihash.sha2_256).digest)
        let request = WalletSignRequest(
            signer: address, toSign: challenge,
            meta: GatewayMsgMeta(type: GatewayMsgMeta.verifyAddressType, extra: Data(randomBytes)))
        let signature: Signature
        do {
            let payload = try await EventDispatcher.send(
                GatewayEventMethod.walletSign, payload: try EventDispatcher.encode(request), to: [connection],
                timeout: settings.timeout, logger: logger)
            signature = try EventDispatcher.decode(Signature.self, payload, method: GatewayEventMethod.walletSign)
        } catch {
            throw GatewayError.addressProofFailed(account: connection.account, address: address, reason: "signing: \(error)")
        }
        guard signature.verifies(challenge, signer: address) else {
            throw GatewayError.addressProofFailed(
                account: connection.account, address: address, reason: "the signature does not verify")
        }
    }

    private func register(_ addresses: [Address], accounts: [String]) async throws {
        for account in Set(accounts).sorted() {
            try await authority.registerSigners(addresses, user: account)
        }
    }

    private func remove(_ id: GatewayUUID) {
        if let wallet = wallets.removeValue(forKey: id) {
            logger.info("wallet \(wallet.connection.account) disconnected from \(id)")
        }
    }

    private func ownedWallet(_ channel: GatewayUUID, account: String) throws -> Wallet {
        guard let wallet = wallets[channel], wallet.connection.account == account else {
            throw GatewayError.unknownChannel(channel)
        }
        return wallet
    }

    /// `ResponseWalletEvent`.
    nonisolated func respond(_ response: ResponseEvent) throws {
        guard pending.resolve(response) else { throw GatewayError.unknownRequest(response.id) }
    }

    /// `SupportNewAccount`: every connection of the caller's account also serves `newAccount`.
    func supportNewAccount(account: String, channel: GatewayUUID, newAccount: String) async throws {
        _ = try ownedWallet(channel, account: account)
        try await authority.requireUser(newAccount)
        let addresses = Set(wallets.values.filter { $0.connection.account == account }.flatMap(\.addresses))
        try await authority.registerSigners(addresses.sorted { $0.description < $1.description }, user: newAccount)
        for (id, wallet) in wallets where wallet.connection.account == account && !wallet.supportAccounts.contains(newAccount) {
            wallets[id]?.supportAccounts.append(newAccount)
        }
    }

    /// `AddNewAddress`: proves each address on the channel, then routes and registers it.
    func addNewAddress(account: String, channel: GatewayUUID, addresses: [Address]) async throws {
        let wallet = try ownedWallet(channel, account: account)
        let proven = try await prove(addresses, on: wallet.connection, signBytes: wallet.signBytes)
        try await register(proven, accounts: [account] + wallet.supportAccounts)
        guard var current = wallets[channel] else { throw GatewayError.unknownChannel(channel) }
        for address in proven where !current.addresses.contains(address) { current.addresses.append(address) }
        wallets[channel] = current
        logger.info("wallet \(account) on \(channel) added \(proven.map(\.description))")
    }

    /// `RemoveAddress`: the channel no longer serves `addresses`.
    func removeAddress(account: String, channel: GatewayUUID, addresses: [Address]) throws {
        var wallet = try ownedWallet(channel, account: account)
        wallet.addresses.removeAll { addresses.contains($0) }
        wallets[channel] = wallet
        logger.info("wallet \(account) on \(channel) removed \(addresses.map(\.description))")
    }

    // MARK: Service side

    /// The connections serving `address` for any of `accounts`, oldest first, rotated per call
    /// so the load spreads over equal wallets.
    func connections(for address: Address, accounts: [String]) -> [EventConnection] {
        var found = wallets.values.filter { $0.serves(accounts) && $0.addresses.contains(address) && !$0.connection.isClosed }
            .map(\.connection)
        found.sort { $0.createdAt < $1.createdAt }
        guard found.count > 1 else { return found }
        rotation &+= 1
        let shift = rotation % found.count
        return Array(found[shift...] + found[..<shift])
    }

    /// The accounts to route `address` by: those given, else the users sophon-auth knows for it.
    private nonisolated func routingAccounts(_ address: Address, _ accounts: [String]) async throws -> [String] {
        if !accounts.isEmpty { return accounts }
        return try await authority.users(ofSigner: address)
    }

    /// `WalletHas`.
    public func has(_ address: Address, accounts: [String]) async throws -> Bool {
        let accounts = try await routingAccounts(address, accounts)
        return !connections(for: address, accounts: accounts).isEmpty
    }

    /// `WalletSign`: routed to a wallet serving the address for one of the accounts.
    public nonisolated func sign(_ address: Address, accounts: [String], toSign: Data, meta: GatewayMsgMeta) async throws
        -> Signature
    {
        let accounts = try await routingAccounts(address, accounts)
        let targets = await connections(for: address, accounts: accounts)
        guard !targets.isEmpty else { throw GatewayError.noWallet(address: address, accounts: accounts) }
        let payload = try EventDispatcher.encode(WalletSignRequest(signer: address, toSign: toSign, meta: meta))
        let answer = try await EventDispatcher.send(
            GatewayEventMethod.walletSign, payload: payload, to: targets, timeout: settings.timeout, logger: logger)
        return try EventDispatcher.decode(Signature.self, answer, method: GatewayEventMethod.walletSign)
    }

    /// `ListWalletInfo`: the connected wallets grouped by account.
    public func walletInfo() -> [WalletDetail] {
        let accounts = Set(wallets.values.map(\.connection.account)).sorted()
        return accounts.map { detail(of: $0) }
    }

    /// `ListWalletInfoByWallet`.
    public func walletInfo(account: String) -> WalletDetail {
        detail(of: account)
    }

    private func detail(of account: String) -> WalletDetail {
        let mine = wallets.values.filter { $0.connection.account == account }.sorted { $0.connection.createdAt < $1.connection.createdAt }
        var support: [String] = []
        for wallet in mine { for s in wallet.supportAccounts where !support.contains(s) { support.append(s) } }
        return WalletDetail(
            account: account, supportAccounts: support,
            connectStates: mine.map { $0.connection.connectState(addresses: $0.addresses) })
    }
}
