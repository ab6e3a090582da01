import FilecoinTypes

/// Why a genesis template, preseal or genesis archive was refused, or the genesis state could not
/// be written. Each case names what was wrong; nothing is written to the caller's files on error.
public enum GenesisError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A template or preseal file is not the JSON expected (the decoder's message, with its path).
    case malformedTemplate(String)
    /// A private key's bytes or type are not valid.
    case invalidKey(String)
    /// More accounts than the IDs between 100 and 999 hold (Lotus `MaxAccounts`).
    case tooManyAccounts(Int)
    /// The same key address is declared twice where Lotus refuses it.
    case duplicateAddress(Address, String)
    /// Account balances (with the reward actor's) exceed the 2 billion FIL that exist.
    case overallocated(TokenAmount)
    /// A multisig with no signers, a threshold outside 1...signers, or negative vesting.
    case invalidMultisig(String)
    /// A miner's ID is not the one genesis gives the `index`-th miner (t01000 + index).
    case minerIDMismatch(index: Int, expected: Address, found: Address)
    /// A miner's owner or worker is not an account of the template, so it cannot pay or sign.
    case minerKeyNotAnAccount(miner: Address, role: String, address: Address)
    /// No 2 KiB-style seal proof exists for a miner's sector size, or the policy refuses it.
    case unsupportedSectorSize(miner: Address, UInt64)
    /// A presealed sector is inconsistent with its miner (provider, size, proof type, key).
    case invalidPreseal(miner: Address, sector: UInt64, String)
    /// Two presealed sectors of one miner share a number.
    case duplicateSector(miner: Address, sector: UInt64)
    /// The devnet parameters are out of range.
    case invalidParameters(String)
    /// An actor method genesis calls failed: what it was doing, the exit code and the actor's message.
    case actorCallFailed(String, exitCode: Int64, String)
    /// The power actor's totals after the sectors were proven differ from the sum of their powers.
    case powerMismatch(String)
    /// The VM, state tree or block store failed (the node's fault, not the template's).
    case state(String)
    /// A genesis archive is not a CAR whose single root is a genesis block header.
    case invalidArchive(String)

    public var description: String {
        switch self {
        case .malformedTemplate(let why): "malformed genesis template: \(why)"
        case .invalidKey(let why): "invalid key: \(why)"
        case .tooManyAccounts(let count): "too many initial accounts: \(count) (at most 900, IDs 100...999)"
        case .duplicateAddress(let address, let why): "\(Self.text(address)) is declared twice: \(why)"
        case .overallocated(let amount): "genesis allocates more than 2 billion FIL (\(amount.attoFIL) attoFIL)"
        case .invalidMultisig(let why): "invalid multisig: \(why)"
        case .minerIDMismatch(let index, let expected, let found):
            "genesis miner \(index) must be \(Self.text(expected)) (miners are numbered from t01000 in template order), found \(Self.text(found))"
        case .minerKeyNotAnAccount(let miner, let role, let address):
            "miner \(Self.text(miner)): its \(role) \(Self.text(address)) is not an account of the template (add it with a balance)"
        case .unsupportedSectorSize(let miner, let size): "miner \(Self.text(miner)): unsupported sector size \(size) (a devnet seals 2 KiB sectors)"
        case .invalidPreseal(let miner, let sector, let why): "miner \(Self.text(miner)) sector \(sector): \(why)"
        case .duplicateSector(let miner, let sector): "miner \(Self.text(miner)): sector \(sector) is presealed twice"
        case .invalidParameters(let why): "invalid devnet parameters: \(why)"
        case .actorCallFailed(let what, let code, let why): "\(what) failed (exit \(code)): \(why)"
        case .powerMismatch(let why): "network power after genesis does not add up: \(why)"
        case .state(let why): "genesis state: \(why)"
        case .invalidArchive(let why): "invalid genesis archive: \(why)"
        }
    }

    /// Addresses as a devnet writes them (`t…`).
    static func text(_ address: Address) -> String { address.string(network: .testnet) }
}
