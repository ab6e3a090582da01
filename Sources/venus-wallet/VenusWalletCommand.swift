import ArgumentParser

@main
struct VenusWalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venus-wallet", abstract: "The storage provider's wallet (Swift).", subcommands: [])
}
