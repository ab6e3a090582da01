import ArgumentParser

@main
struct VenusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venus",
        abstract: "Venus chain node (Swift): the daemon and its tools.",
        subcommands: [DaemonCommand.self, GenesisCommand.self, SeedCommand.self, SnapshotCommand.self, DemoCommand.self])
}
