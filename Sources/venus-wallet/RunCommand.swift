import ArgumentParser
import Foundation
import VenusRuntime
import VenusWallet

/// `venus-wallet run`: serves the wallet API on `[API] ListenAddress` at `/rpc/v0`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Serve the wallet API (JSON-RPC at /rpc/v0).")

    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .long, help: "Set the password of a new repo, or unlock an existing one, at start.")
    var password: String?

    @Option(name: .long, help: "Override [API] ListenAddress (multiaddr or host:port).")
    var listen: String?

    @Option(name: .customLong("gateway-api"), help: "A sophon-gateway to join (repeatable; replaces [APIRegisterHub] RegisterAPI).")
    var gatewayAPI: [String] = []

    @Option(name: .customLong("gateway-token"), help: "The sophon-auth token to join gateways with ([APIRegisterHub] Token).")
    var gatewayToken: String?

    @Option(name: .customLong("support-accounts"), help: "An extra account this wallet serves (repeatable; [APIRegisterHub] SupportAccounts).")
    var supportAccounts: [String] = []

    func run() async throws {
        // Once, at start: a peer or sign filter closing a pipe early must be an EPIPE error,
        // not a signal that ends the daemon.
        signal(SIGPIPE, SIG_IGN)
        VenusLogging.bootstrap(level: .info)
        var options = WalletService.Options()
        options.password = password
        options.listen = listen
        options.gatewayAPI = gatewayAPI
        options.gatewayToken = gatewayToken
        options.supportAccounts = supportAccounts
        try await WalletService(repo: WalletService.repo(path: repoOptions.repo), options: options).run()
    }
}
