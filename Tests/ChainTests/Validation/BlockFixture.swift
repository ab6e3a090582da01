import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Proofs
import Testing
import VenusTesting

/// Builds a valid block the way a Lotus miner does, against a `FakeChain` that holds exactly the
/// facts it needs: real BLS keys, the ticket and election VRFs signed by the worker over
/// `Randomness.draw` with their tags, the mock beacon's entries, the mock winning PoSt over the
/// challenged sectors, real BLS and secp256k1 messages with their aggregate and the `MsgMeta` root,
/// and the block signature. A test changes one input (or one fact) and sees one rule break.
struct BlockFixture {
    static let keys: (worker: BLSPrivateKey, stranger: BLSPrivateKey, blsSender: BLSPrivateKey) = {
        var generator = SeededGenerator(seed: 0x5EED_B10C)
        return (
            BLSPrivateKey.generate(using: &generator), BLSPrivateKey.generate(using: &generator),
            BLSPrivateKey.generate(using: &generator)
        )
    }()
    static let secpSender: Secp256k1PrivateKey = {
        do { return try Secp256k1PrivateKey(bytes: [UInt8](repeating: 0x11, count: 32)) } catch { preconditionFailure("\(error)") }
    }()
    static let secpStranger: Secp256k1PrivateKey = {
        do { return try Secp256k1PrivateKey(bytes: [UInt8](repeating: 0x22, count: 32)) } catch { preconditionFailure("\(error)") }
    }()

    static func cid(_ name: String) -> CID { CID.filecoin(cbor: name.cborBytes) }
    static func id(_ number: UInt64) -> Address {
        do { return try Address.id(number) } catch { preconditionFailure("\(error)") }
    }

    // State roots: the parent tipset's parent state, the lookback state, the lookback tipset's parent
    // state, and the parent tipset's computed state (this block's ParentStateRoot) with its receipts.
    static let parentState = cid("parent state")
    static let lookbackState = cid("lookback state")
    static let lookbackParentState = cid("lookback tipset's parent state")
    static let computedState = cid("computed state")
    static let computedReceipts = cid("computed receipts")

    static var workerAddress: Address { bls(keys.worker) }
    static var blsSenderAddress: Address { bls(keys.blsSender) }
    static var secpSenderAddress: Address { Address.secp256k1(publicKey: secpSender.publicKey) }
    static let blsSenderID = id(101)
    static let secpSenderID = id(102)
    static let accountCode = ActorCodes.code("account", actorsVersion: 2)

    static func bls(_ key: BLSPrivateKey) -> Address {
        do { return try Address.bls(publicKey: key.publicKey.bytes) } catch { preconditionFailure("\(error)") }
    }

    var beacons = BeaconSchedule(MockBeacon())
    var networkVersion: UInt64 = 16
    var miner = BlockFixture.id(1000)
    var parentHeight: Int64 = 10
    var height: Int64 = 11
    var parentTimestamp: UInt64 = 1_700_000_000
    var parentBeaconEntries = [MockBeacon.entry(round: 110)]
    /// Nil: the entries `BeaconSchedule.entriesForBlock` gives.
    var beaconEntries: [BeaconEntry]?
    var minerPower = BigInt(1) << 40
    var totalPower = BigInt(1) << 40
    var provingSectors: [UInt64] = [1, 2, 3, 5, 8]
    var blsMessages: [Message] = [
        BlockFixture.message(from: BlockFixture.blsSenderID, nonce: 0),
        BlockFixture.message(from: BlockFixture.blsSenderID, nonce: 1, value: 2),
    ]
    var secpMessages: [Message] = [BlockFixture.message(from: BlockFixture.secpSenderAddress, nonce: 7)]
    var senderNonces: [Address: UInt64] = [BlockFixture.blsSenderID: 0, BlockFixture.secpSenderID: 7]

    static func message(from: Address, nonce: UInt64, value: Int = 1, gasLimit: Int64 = 1_000_000) -> Message {
        Message(
            to: id(200), from: from, nonce: nonce, value: TokenAmount(attoFIL: value), gasLimit: gasLimit,
            gasFeeCap: TokenAmount(attoFIL: 1000), gasPremium: TokenAmount(attoFIL: 100))
    }

    /// The block and the chain it is valid on.
    struct Built {
        var block: FullBlock
        var chain: FakeChain
        var beacons: BeaconSchedule
        var parent: TipSet

        func validator(verifier: any ProofVerifier = MockProofs()) -> BlockValidator {
            BlockValidator(context: chain, beacons: beacons, verifier: verifier)
        }

        /// The errors validation reports.
        func failures(verifier: any ProofVerifier = MockProofs()) async -> [BlockValidationError] {
            await validator(verifier: verifier).failures(of: block)
        }

        /// Applies `change` to the header and signs it again with the worker key, so that only the
        /// changed field can be wrong.
        mutating func changeHeader(_ change: (inout BlockHeader) -> Void) {
            change(&block.header)
            block.header = BlockFixture.signed(block.header, by: BlockFixture.keys.worker)
        }
    }

    static func signed(_ header: BlockHeader, by key: BLSPrivateKey) -> BlockHeader {
        var header = header
        header.blockSig = .bls(signing: header.signingBytes, with: key)
        return header
    }

    func build() async throws -> Built {
        let keys = Self.keys
        let parentTicket = Ticket(vrfProof: keys.stranger.sign(Array("parent ticket".utf8)).bytes)
        let parentHeader = BlockHeader(
            miner: Self.id(999), ticket: parentTicket, electionProof: ElectionProof(winCount: 1, vrfProof: [1]),
            beaconEntries: parentBeaconEntries, winPoStProof: [], parents: [Self.cid("grandparent")],
            parentWeight: 100, height: parentHeight, parentStateRoot: Self.parentState,
            parentMessageReceipts: Self.cid("grandparent receipts"), messages: Self.cid("parent messages"),
            blsAggregate: nil, timestamp: parentTimestamp, blockSig: nil, forkSignaling: 0,
            parentBaseFee: TokenAmount(attoFIL: 100))
        let parent = try TipSet(blocks: [parentHeader])
        let lookbackHeader = BlockHeader(
            miner: Self.id(998), ticket: parentTicket, electionProof: nil, beaconEntries: [], winPoStProof: [],
            parents: [Self.cid("lookback parent")], parentWeight: 50, height: max(0, parentHeight - 5),
            parentStateRoot: Self.lookbackParentState, parentMessageReceipts: Self.cid("r"), messages: Self.cid("m"),
            blsAggregate: nil, timestamp: 1, blockSig: nil, forkSignaling: 0, parentBaseFee: TokenAmount(attoFIL: 100))
        let lookbackTipSet = try TipSet(blocks: [lookbackHeader])

        // Beacon entries and the base every draw uses.
        let previous = parentBeaconEntries.last ?? BeaconEntry(round: 0, data: [UInt8](repeating: 0, count: 32))
        let entries: [BeaconEntry]
        if let beaconEntries {
            entries = beaconEntries
        } else {
            entries = try await beacons.entriesForBlock(
                networkVersion: networkVersion, epoch: height, parentEpoch: parentHeight, previous: previous)
        }
        let beaconBase = entries.last ?? previous
        let minerBytes = miner.cborBytes

        // Ticket: the worker's VRF over the ticket randomness of the epoch before, with the parent's ticket.
        let ticketBase = Randomness.draw(
            base: beaconBase.data, tag: .ticketProduction, round: height - 1, entropy: minerBytes + parentTicket.vrfProof)
        let ticket = Ticket(vrfProof: keys.worker.sign(ticketBase).bytes)

        // Election: the worker's VRF over the election randomness; wins by the lookback power.
        let electionBase = Randomness.draw(base: beaconBase.data, tag: .electionProofProduction, round: height, entropy: minerBytes)
        var election = ElectionProof(winCount: 0, vrfProof: keys.worker.sign(electionBase).bytes)
        election.winCount = election.computeWinCount(power: minerPower, totalPower: totalPower, blocksPerEpoch: 5)

        // Winning PoSt: the mock proof over the sector the challenge picks.
        let minerID = try #require(miner.idValue)
        let postRandomness = Randomness.draw(
            base: beaconBase.data, tag: .winningPoStChallengeSeed, round: height, entropy: minerBytes)
        let mock = MockProofs()
        let sectorInfos = Dictionary(
            uniqueKeysWithValues: provingSectors.map {
                ($0, SectorInfo(sealProof: .stackedDrg2KiBV1, sectorNumber: $0, sealedCID: Self.cid("commR \($0)")))
            })
        var challenged: [SectorInfo] = []
        if !provingSectors.isEmpty {
            let indices = try mock.generateWinningPoStSectorChallenge(
                proofType: .stackedDrgWinning2KiBV1, minerID: minerID, randomness: postRandomness,
                eligibleSectorCount: UInt64(provingSectors.count))
            challenged = try indices.map { try #require(sectorInfos[provingSectors[Int($0)]]) }
        }
        let winPoSt = try mock.winningPoSt(
            proofType: .stackedDrgWinning2KiBV1, minerID: minerID, randomness: postRandomness, sectors: challenged)

        // Messages: BLS ones signed by their sender and aggregated, secp ones signed.
        let blsSignatures = blsMessages.map { keys.blsSender.sign($0.cid.bytes) }
        let aggregate =
            blsSignatures.isEmpty
            ? Signature(kind: .bls, data: [0xC0] + [UInt8](repeating: 0, count: 95))
            : Signature(kind: .bls, data: try BLSSignature.aggregate(blsSignatures).bytes)
        let secp = try secpMessages.map { try $0.signed(with: Self.secpSender) }
        let messagesRoot = try MessageRoots.messagesCID(bls: blsMessages.map(\.cid), secpk: secp.map(\.cid))

        let header = BlockHeader(
            miner: miner, ticket: ticket, electionProof: election, beaconEntries: entries, winPoStProof: winPoSt,
            parents: parent.cids, parentWeight: 12345, height: height, parentStateRoot: Self.computedState,
            parentMessageReceipts: Self.computedReceipts, messages: messagesRoot, blsAggregate: aggregate,
            timestamp: parentTimestamp + 4 * UInt64(height - parentHeight), blockSig: nil, forkSignaling: 0,
            parentBaseFee: TokenAmount(attoFIL: 100))
        let block = FullBlock(header: Self.signed(header, by: keys.worker), blsMessages: blsMessages, secpkMessages: secp)

        var chain = FakeChain()
        chain.now = header.timestamp
        chain.networkVersions = [(0, networkVersion)]
        chain.tipSets[parent.key] = parent
        chain.lookbacks[parent.key] = LookbackState(tipSet: lookbackTipSet, stateRoot: Self.lookbackState)
        chain.weights[parent.key] = 12345
        chain.baseFees[parent.key] = TokenAmount(attoFIL: 100)
        chain.computed[parent.key] = ComputedTipSetState(stateRoot: Self.computedState, receiptsRoot: Self.computedReceipts)
        chain.workers[Self.lookbackState] = [miner: Self.workerAddress]
        let claim = PowerClaim(sealProofType: .stackedDrg2KiBV1, rawBytePower: minerPower, qualityAdjPower: minerPower)
        chain.claims[Self.parentState] = [miner: claim]
        chain.claims[Self.lookbackState] = [miner: claim]
        chain.totals[Self.lookbackState] = PowerClaim(sealProofType: nil, rawBytePower: totalPower, qualityAdjPower: totalPower)
        chain.meetingMinimum[Self.lookbackParentState] = [miner]
        chain.standings[Self.parentState] = [miner: MinerStanding(feeDebt: .zero, consensusFaultElapsed: -1)]
        chain.proving[Self.lookbackState] = [
            miner: ProvingSectorSet(sectorNumbers: provingSectors, windowPoStProofType: .stackedDrgWindow2KiBV1)
        ]
        chain.sectors[Self.lookbackState] = [miner: sectorInfos]
        let blsSender = SenderActor(
            id: Self.blsSenderID, code: Self.accountCode, nonce: senderNonces[Self.blsSenderID] ?? 0, balance: TokenAmount(wholeFIL: 10))
        let secpSender = SenderActor(
            id: Self.secpSenderID, code: Self.accountCode, nonce: senderNonces[Self.secpSenderID] ?? 0, balance: TokenAmount(wholeFIL: 10))
        chain.senders[Self.computedState] = [
            Self.blsSenderID: blsSender, Self.blsSenderAddress: blsSender,
            Self.secpSenderID: secpSender, Self.secpSenderAddress: secpSender,
        ]
        chain.keys = [Self.blsSenderID: Self.blsSenderAddress, Self.secpSenderID: Self.secpSenderAddress]
        return Built(block: block, chain: chain, beacons: beacons, parent: parent)
    }
}
