import DagCBOR
import FilecoinTypes
import Foundation
import VenusAPI

/// Everything sophon-messager keeps, behind one interface: SQLite in the repo today
/// (`SQLiteMessagerStore`), a shared server database for HA deployments later. Every method is
/// one transaction; `fill` in particular saves the filled messages and their address's next
/// nonce together, so a crash never leaves a nonce given twice or a gap.
public protocol MessagerStore: Sendable {
    // MARK: Messages

    /// Saves a new message; throws `duplicateID` when its id is taken.
    func insert(_ message: MessagerMessage, priority: Int) async throws
    func message(id: String) async throws -> MessagerMessage?
    func message(signedCid: CID) async throws -> MessagerMessage?
    func message(unsignedCid: CID) async throws -> MessagerMessage?
    /// The message `from` sent with `nonce`: the one on chain when there is one, else the latest.
    func message(from: Address, nonce: UInt64) async throws -> MessagerMessage?
    /// Messages matching `query`, limited to `senders` when given.
    func messages(matching query: MsgQueryParams, senders: Set<Address>?) async throws -> [MessagerMessage]
    /// `from`'s messages in `state`, oldest first or newest first, one page.
    func messages(from: Address, state: MessageState, ascending: Bool, offset: Int, limit: Int) async throws
        -> [MessagerMessage]
    /// Messages waiting for a nonce, WindowPoSt (priority) first, then oldest first.
    func unfilled(from: Address, limit: Int) async throws -> [MessagerMessage]
    /// Messages in `state` from any address.
    func messages(in state: MessageState) async throws -> [MessagerMessage]
    /// How many of `from`'s messages are signed and not yet on chain.
    func inFlightCount(from: Address) async throws -> Int
    /// The head height each filled message of `ids` was last signed at.
    func filledEpochs(ids: [String]) async throws -> [String: Int64]

    /// Saves the filled (or refused) messages and `address`'s next nonce in one transaction.
    func fill(_ messages: [MessagerMessage], address: MessagerAddress, epoch: Int64) async throws
    /// Saves `message` as it is now (state, receipt, error, ...).
    func update(_ message: MessagerMessage) async throws
    /// Saves a replacement: new fees, signature and CIDs, counted, at `epoch`.
    func replace(_ message: MessagerMessage, epoch: Int64) async throws
    /// Moves every message that landed in `tipSet` back to filled; returns them.
    func revert(tipSet: TipSetKey) async throws -> [MessagerMessage]

    /// Records a decision about a message, with its reason, at a head height.
    func record(event kind: String, messageID: String, height: Int64, reason: String) async throws
    /// A message's decisions, oldest first.
    func events(messageID: String) async throws -> [MessageEvent]

    // MARK: Addresses

    func address(_ address: Address) async throws -> MessagerAddress?
    func addresses() async throws -> [MessagerAddress]
    func save(_ address: MessagerAddress) async throws

    // MARK: Shared parameters, nodes, actor configs

    func sharedSpec() async throws -> SharedSpec?
    func save(_ spec: SharedSpec) async throws
    func nodes() async throws -> [MessagerNode]
    func node(name: String) async throws -> MessagerNode?
    func save(_ node: MessagerNode) async throws
    func deleteNode(name: String) async throws -> Bool
    func actorConfigs() async throws -> [ActorCfg]
    func actorConfig(id: GatewayUUID) async throws -> ActorCfg?
    func save(_ config: ActorCfg) async throws

    // MARK: Chain cursor

    /// The last tipset whose changes were applied to the messages.
    func cursor() async throws -> (height: Int64, tipSet: TipSetKey)?
    func setCursor(height: Int64, tipSet: TipSetKey) async throws
}
