import ArgumentParser
import Foundation

/// `venus-pool`: the local pool harness on the command line (the README's main job).
@main
struct VenusPoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venus-pool",
        abstract: "Start a Venus pool on loopback from the executables beside this one.",
        subcommands: [PoolDemoCommand.self],
        defaultSubcommand: PoolDemoCommand.self)
}

/// Writes a line to stdout unbuffered.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
