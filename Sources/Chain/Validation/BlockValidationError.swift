import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// Why a block is refused: one case per rule Lotus checks (`FilecoinEC.ValidateBlock`,
/// `checkBlockMessages`, the gossip checks), each carrying what differed.
public enum BlockValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which of a block's two message lists a message is in.
    public enum MessageList: String, Hashable, Sendable {
        case bls
        case secpk
    }

    /// Why a miner may not mine at the block's epoch (Lotus `MinerEligibleToMine`).
    public enum Ineligibility: Hashable, Sendable {
        /// Its power at the lookback is below the consensus minimum.
        case belowConsensusMinimum
        /// It is not a miner actor at the parent state.
        case notAMiner
        /// It has no claim, or a zero one, at the parent state.
        case noPower
        /// It owes fees.
        case feeDebt(TokenAmount)
        /// Its consensus-fault penalty runs through `elapsed`, at or past the parent's height.
        case consensusFault(elapsed: Int64)
    }

    // MARK: Decoding and gossip

    /// The bytes are not a block (or block message): the CBOR error says where.
    case malformed(String)
    /// A gossiped block listing more messages than a block may carry.
    case tooManyMessages(count: Int, limit: Int)
    /// The messages do not hash to the header's `Messages` root.
    case messagesRootMismatch(header: CID, computed: CID)

    // MARK: Sanity (the header alone)

    case missingElectionProof
    case missingTicket
    case missingBlockSignature
    case missingBLSAggregate
    /// A block's miner must be an ID address.
    case minerNotIDAddress(Address)

    // MARK: Parents and time

    /// The parent tipset is not known (the block cannot be judged yet).
    case parentTipSetUnknown(TipSetKey)
    /// No beacon entry in the 20 tipsets before the block.
    case noPriorBeaconEntry
    case heightNotAboveParent(height: Int64, parentHeight: Int64)
    /// The timestamp is not the parent's plus one block delay per epoch (null rounds included).
    case wrongTimestamp(got: UInt64, expected: UInt64)
    /// The timestamp is past the local clock plus the allowed drift (temporary: not a bad block).
    case timestampInFuture(timestamp: UInt64, now: UInt64)
    case parentWeightMismatch(header: BigInt, computed: BigInt)
    case parentBaseFeeMismatch(header: TokenAmount, computed: TokenAmount)
    case parentStateRootMismatch(header: CID, computed: CID)
    case parentReceiptsRootMismatch(header: CID, computed: CID)

    // MARK: Miner and election

    /// The miner has no claim in the power actor at the parent state (Lotus `minerIsValid`).
    case minerHasNoClaim(Address)
    /// The miner has no worker at the lookback state: it is not a miner actor there.
    case minerWorkerUnknown(Address)
    case notClaimingToWin(winCount: Int64)
    case minerIneligible(Address, Ineligibility)
    /// The election proof is not the worker's BLS signature of the election randomness.
    case electionVRFInvalid
    /// The miner's claim is gone at the parent state (Lotus's "slashed or invalid miner").
    case minerSlashed(Address)
    case winCountMismatch(claimed: Int64, computed: Int64)
    /// The parent tipset has no ticket to draw the block's ticket from.
    case parentTicketMissing
    /// The ticket is not the worker's BLS signature of the ticket randomness.
    case ticketVRFInvalid
    /// The block signature is not the worker's over the header without it.
    case blockSignatureInvalid
    case beaconValues(BeaconValidationError)

    // MARK: Winning PoSt

    /// The winning PoSt's challenged sectors could not be chosen.
    case winningPoStSectorsUnavailable(String)
    /// The verifier could not judge the proof (an unknown proof type).
    case winningPoStUnverifiable(ProofError)
    case winningPoStInvalid

    // MARK: Messages

    /// A BLS message's sender has no BLS key to check the aggregate with.
    case blsSenderKeyUnavailable(index: Int, from: Address)
    case blsAggregateInvalid
    /// A secpk-list message signed with a type the network version does not allow there.
    case secpkSignatureTypeInvalid(index: Int, Signature.Kind)
    /// A message failing Lotus's `ValidForBlockInclusion`.
    case messageInvalid(MessageList, index: Int, cid: CID, reason: String)
    case blockGasLimitExceeded(total: Int64, limit: Int64)
    case senderNotFound(MessageList, index: Int, from: Address)
    /// Only account actors may send (before network version 18).
    case senderNotAccount(MessageList, index: Int, from: Address)
    case wrongNonce(MessageList, index: Int, expected: UInt64, got: UInt64)
    /// A secpk message's sender has no key address to check the signature with.
    case secpkSenderKeyUnavailable(index: Int, from: Address)
    case secpkSignatureInvalid(index: Int, cid: CID)

    // MARK: Chain facts and the bad-block cache

    /// A chain fact could not be read; the block is unjudged rather than bad.
    case chainFactUnavailable(fact: String, reason: String)
    /// The block was refused before (Lotus's bad-block cache).
    case markedBad(CID, reason: String)

    /// Whether the refusal is about the block itself, so that it is remembered as bad (Lotus
    /// `isPermanent`). A block from the future may become valid; an unknown parent or an
    /// unreadable fact says nothing about the block.
    public var isPermanent: Bool {
        switch self {
        case .timestampInFuture, .parentTipSetUnknown, .chainFactUnavailable: false
        default: true
        }
    }

    public var description: String {
        switch self {
        case .malformed(let why): "malformed block: \(why)"
        case .tooManyMessages(let count, let limit): "block contains too many messages (\(count) > \(limit))"
        case .messagesRootMismatch(let header, let computed):
            "messages didn't match message root in header (\(header) != \(computed))"
        case .missingElectionProof: "block cannot have nil election proof"
        case .missingTicket: "block cannot have nil ticket"
        case .missingBlockSignature: "block had nil signature"
        case .missingBLSAggregate: "block had nil bls aggregate signature"
        case .minerNotIDAddress(let miner): "block had non-ID miner address \(miner)"
        case .parentTipSetUnknown(let key): "load parent tipset failed (\(key))"
        case .noPriorBeaconEntry: "found NO beacon entries in the 20 latest tipsets"
        case .heightNotAboveParent(let height, let parent):
            "block height not greater than parent height: \(height) != \(parent)"
        case .wrongTimestamp(let got, let expected): "block has wrong timestamp: \(got) != \(expected)"
        case .timestampInFuture(let timestamp, let now): "block was from the future (now=\(now), blk=\(timestamp))"
        case .parentWeightMismatch(let header, let computed):
            "parent weight different: \(header) (header) != \(computed) (computed)"
        case .parentBaseFeeMismatch(let header, let computed):
            "base fee doesn't match: \(header.attoFIL) (header) != \(computed.attoFIL) (computed)"
        case .parentStateRootMismatch(let header, let computed):
            "parent state root did not match computed state (\(header) != \(computed))"
        case .parentReceiptsRootMismatch(let header, let computed):
            "parent receipts root did not match computed value (\(computed) != \(header))"
        case .minerHasNoClaim(let miner): "miner \(miner) isn't valid: no power claim"
        case .minerWorkerUnknown(let miner): "no worker key for miner \(miner) at the lookback"
        case .notClaimingToWin(let count): "block is not claiming to be a winner (win count \(count))"
        case .minerIneligible(let miner, let why): "block's miner \(miner) is ineligible to mine: \(why)"
        case .electionVRFInvalid: "validating block election proof failed: vrf was invalid"
        case .minerSlashed(let miner): "received block was from slashed or invalid miner \(miner)"
        case .winCountMismatch(let claimed, let computed):
            "miner claims wrong number of wins: miner: \(claimed), computed: \(computed)"
        case .parentTicketMissing: "parent tipset has no ticket"
        case .ticketVRFInvalid: "validating block tickets failed: vrf was invalid"
        case .blockSignatureInvalid: "check block signature failed"
        case .beaconValues(let error): "failed to validate blocks random beacon values: \(error)"
        case .winningPoStSectorsUnavailable(let why): "getting winning post sector set: \(why)"
        case .winningPoStUnverifiable(let error): "failed to verify election post: \(error)"
        case .winningPoStInvalid: "winning post was invalid"
        case .blsSenderKeyUnavailable(let index, let from):
            "failed to load bls public key of message \(index) sender \(from)"
        case .blsAggregateInvalid: "bls aggregate signature failed to verify"
        case .secpkSignatureTypeInvalid(let index, let kind):
            "block had invalid signed message at index \(index): signature type \(kind)"
        case .messageInvalid(let list, let index, let cid, let reason):
            "block had invalid \(list.rawValue) message at index \(index): msg \(cid) invalid for block inclusion: \(reason)"
        case .blockGasLimitExceeded(let total, let limit): "block gas limit exceeded (\(total) > \(limit))"
        case .senderNotFound(let list, let index, let from):
            "block had invalid \(list.rawValue) message at index \(index): sender \(from) not found"
        case .senderNotAccount(let list, let index, let from):
            "block had invalid \(list.rawValue) message at index \(index): sender \(from) must be an account actor"
        case .wrongNonce(let list, let index, let expected, let got):
            "block had invalid \(list.rawValue) message at index \(index): wrong nonce (exp: \(expected), got: \(got))"
        case .secpkSenderKeyUnavailable(let index, let from):
            "failed to resolve key addr of secpk message \(index) sender \(from)"
        case .secpkSignatureInvalid(let index, let cid): "secpk message \(index) (\(cid)) has invalid signature"
        case .chainFactUnavailable(let fact, let reason): "could not read \(fact): \(reason)"
        case .markedBad(let cid, let reason): "block \(cid) was marked bad: \(reason)"
        }
    }
}

/// A refused block: every rule it broke, in the order Lotus reports them (its sequential checks
/// stop at the first; its concurrent checks all report).
public struct BlockValidationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public let block: CID
    public let errors: [BlockValidationError]

    public init(block: CID, errors: [BlockValidationError]) {
        self.block = block
        self.errors = errors
    }

    /// Whether the block is bad for good. As in Lotus (`errors.Is(err, ErrTemporal)` over the
    /// multierror), one temporary error makes the whole refusal temporary.
    public var isPermanent: Bool { !errors.isEmpty && errors.allSatisfy(\.isPermanent) }

    public var description: String {
        if errors.count == 1 { return "block \(block): \(errors[0])" }
        return "block \(block): \(errors.count) errors occurred:\n" + errors.map { "\t* \($0)" }.joined(separator: "\n")
    }
}
