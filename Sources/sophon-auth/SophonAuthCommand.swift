import SophonAuth

/// The `sophon-auth` executable: all commands live in the SophonAuth library so tests run them.
@main
enum SophonAuthMain {
    static func main() async {
        await SophonAuthCLI.main()
    }
}
