import ArgumentParser

@main
struct VenusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venus",
        abstract: "Venus chain node (Swift).",
        subcommands: [])
}
