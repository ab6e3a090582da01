import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD

/// Synthetic chains for chain-store tests: parent states holding only what the weight reads (a
/// power actor with a chosen total quality-adjusted power), empty message lists, and headers
/// whose parent weight is the real weight of their parent, so every chain is consistent.
struct ChainStoreFixture {
    let store: any Blockstore
    let messageStore: BlockMessageStore
    let emptyMessages: CID
    let emptyReceipts: CID

    init(store: any Blockstore = MemoryBlockstore()) throws {
        self.store = store
        messageStore = BlockMessageStore(store: store)
        emptyMessages = try messageStore.write(bls: [], secp: [])
        var receipts = try AMT(store: store, format: .legacy)
        emptyReceipts = try receipts.flush()
    }

    /// A state whose power actor reports `power` as the total quality-adjusted power.
    func stateRoot(power: BigInt) throws -> CID {
        var builder = StateTreeBuilder(version: 1, store: store, networkName: "chain-store-test")
        let placeholder = try builder.putState([0x80])
        var powerState = PowerState(emptyMap: placeholder, emptyMultimap: placeholder, actorsVersion: 2)
        powerState.totalQualityAdjPower = power
        powerState.totalRawBytePower = power
        try builder.setActor(
            id: 4,
            ActorState(code: ActorCodes.code("storagepower", actorsVersion: 2), head: try builder.putState(powerState.cborBytes)))
        return try builder.build(initCode: ActorCodes.code("init", actorsVersion: 2))
    }

    func genesis(power: BigInt = 1 << 40) throws -> BlockHeader {
        BlockHeader(
            miner: Address.idAddress(0), ticket: Ticket(vrfProof: [UInt8](repeating: 0, count: 32)),
            electionProof: ElectionProof(winCount: 0, vrfProof: []), beaconEntries: [], winPoStProof: [], parents: [],
            parentWeight: 0, height: 0, parentStateRoot: try stateRoot(power: power), parentMessageReceipts: emptyReceipts,
            messages: emptyMessages, blsAggregate: nil, timestamp: 1_000, blockSig: nil, forkSignaling: 0,
            parentBaseFee: TokenAmount(attoFIL: 100))
    }

    /// A block on `parent` at `height` (the next epoch by default) by miner `f0<miner>`, with a
    /// ticket made of `ticket` bytes; its parent state has `power` and its parent weight is the
    /// parent's real weight.
    func block(
        on parent: TipSet, height: Int64? = nil, miner: UInt64 = 1000, ticket: UInt8 = 1, winCount: Int64 = 1,
        power: BigInt = 1 << 40, messages: CID? = nil
    ) throws -> BlockHeader {
        let epoch = height ?? parent.height + 1
        return BlockHeader(
            miner: Address.idAddress(miner), ticket: Ticket(vrfProof: [UInt8](repeating: ticket, count: 96)),
            electionProof: ElectionProof(winCount: winCount, vrfProof: [UInt8](repeating: ticket, count: 96)),
            beaconEntries: [], winPoStProof: [], parents: parent.cids,
            parentWeight: try ChainWeight.weight(of: parent, store: store), height: epoch,
            parentStateRoot: try stateRoot(power: power), parentMessageReceipts: emptyReceipts,
            messages: messages ?? emptyMessages, blsAggregate: nil, timestamp: 1_000 + UInt64(epoch) * 30, blockSig: nil,
            forkSignaling: 0, parentBaseFee: TokenAmount(attoFIL: 100))
    }

    func tipset(_ blocks: BlockHeader...) throws -> TipSet { try TipSet(blocks: blocks) }

    /// A chain of single-block tipsets on `base` at the given heights (gaps are null rounds).
    func chain(
        on base: TipSet, heights: [Int64], miner: UInt64 = 1000, ticket: UInt8 = 1, power: BigInt = 1 << 40
    ) throws -> [TipSet] {
        var tipsets: [TipSet] = []
        var parent = base
        for height in heights {
            let next = try TipSet(blocks: [try block(on: parent, height: height, miner: miner, ticket: ticket, power: power)])
            tipsets.append(next)
            parent = next
        }
        return tipsets
    }
}
