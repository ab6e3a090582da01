import ArgumentParser

@main
struct VenusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venus",
        abstract: "Venus chain node (Swift). The node itself lands with the chain issue; these are its tools so far.",
        subcommands: [DemoCommand.self, SnapshotCommand.self, GenesisCommand.self, SeedCommand.self])
}
