import ArgumentParser
import Foundation
import GoCompat
import JSONRPC
import SophonMessager
import VenusRuntime

/// Where the commands find the running messager: `--api` or the repo's `api` file (written by
/// `sophon-messager run`), and `--token` or the repo's `token` file (its admin token).
struct ClientOptions: ParsableArguments {
    @OptionGroup var repoOptions: RepoOptions

    @Option(name: .long, help: "A token of the messager API (default: the repo's token file).")
    var token: String?
    @Option(name: .long, help: "The messager's address, multiaddr or host:port (default: the repo's api file).")
    var api: String?

    /// A client of the messager; `timeout` bounds each call.
    func client(timeout: Duration = .seconds(60)) throws -> MessagerClient {
        let repo = try repoOptions.repo(environmentKey: MessagerConfig.environmentKey, defaultPath: MessagerConfig.defaultRepoPath)
        let address: String
        if let api {
            address = api
        } else {
            do { address = try repo.readAPI().trimmingCharacters(in: .whitespacesAndNewlines) } catch {
                throw MessagerCLIError.notRunning(repo: repo.path, missing: RepoDirectory.apiFileName)
            }
        }
        let bearer: String
        if let token {
            bearer = token
        } else {
            do { bearer = try repo.readToken().trimmingCharacters(in: .whitespacesAndNewlines) } catch {
                throw MessagerCLIError.notRunning(repo: repo.path, missing: RepoDirectory.tokenFileName)
            }
        }
        let url: String
        do { url = try Endpoint(parsing: address).withDefaultPath("/rpc/v0").httpURL() } catch {
            throw MessagerCLIError.badAPIAddress(address, "\(error)")
        }
        return MessagerClient(rpc: RPCHTTPClient(url: url, token: bearer, timeout: timeout), url: url)
    }
}
