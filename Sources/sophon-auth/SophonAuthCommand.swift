import ArgumentParser

@main
struct SophonAuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sophon-auth", abstract: "The pool's token authority (Swift).", subcommands: [])
}
