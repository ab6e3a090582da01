import Chain
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Testing

/// The beacon entries a block carries: Lotus's `BeaconEntriesForBlock` and `ValidateBlockValues`,
/// through a whole block and on the schedule directly.
@Suite struct BeaconBlockValuesTests {
    /// An unchained variant of the mock beacon, so the round-by-round check can be exercised.
    struct UnchainedMockBeacon: RandomBeacon {
        func entry(round: UInt64) async throws(BeaconError) -> BeaconEntry { MockBeacon.entry(round: round) }
        func verify(_ entry: BeaconEntry, previous: BeaconEntry) throws(BeaconError) {
            try MockBeacon().verify(entry, previous: previous)
        }
        func maxRound(forEpoch epoch: Int64, networkVersion: UInt64) -> UInt64 { UInt64(clamping: epoch + 100) }
        var isChained: Bool { false }
    }

    static func header(height: Int64, entries: [BeaconEntry]) -> BlockHeader {
        BlockHeader(
            miner: BlockFixture.id(1000), ticket: nil, electionProof: nil, beaconEntries: entries, winPoStProof: [],
            parents: [], parentWeight: 0, height: height, parentStateRoot: BlockFixture.cid("s"),
            parentMessageReceipts: BlockFixture.cid("r"), messages: BlockFixture.cid("m"), blsAggregate: nil,
            timestamp: 0, blockSig: nil, forkSignaling: 0, parentBaseFee: .zero)
    }

    // MARK: Through a block (everything else drawn from the same entries)

    @Test func finalEntryMustBeTheBlocksRound() async throws {
        var fixture = BlockFixture()
        fixture.beaconEntries = [MockBeacon.entry(round: 111), MockBeacon.entry(round: 112)]
        let built = try await fixture.build()
        #expect(await built.failures() == [.beaconValues(.finalRoundMismatch(expected: 111, got: 112))])
    }

    @Test func entriesMustBeTheBeaconsData() async throws {
        var fixture = BlockFixture()
        var forged = MockBeacon.entry(round: 111)
        forged.data[0] ^= 1
        fixture.beaconEntries = [forged]
        let built = try await fixture.build()
        #expect(await built.failures() == [.beaconValues(.entryInvalid(index: 0, round: 111, .invalidEntry(round: 111)))])
    }

    @Test func entriesMustNotBeMissing() async throws {
        var fixture = BlockFixture()
        fixture.beaconEntries = []
        let built = try await fixture.build()
        #expect(await built.failures() == [.beaconValues(.missingEntries)])
    }

    @Test func noEntriesWhenTheParentHasTheNewestRound() async throws {
        var fixture = BlockFixture()
        fixture.parentBeaconEntries = [MockBeacon.entry(round: 111)]
        let built = try await fixture.build()
        #expect(built.block.header.beaconEntries == [])
        #expect(await built.failures() == [])

        fixture.beaconEntries = [MockBeacon.entry(round: 111)]
        let carrying = try await fixture.build()
        #expect(await carrying.failures() == [.beaconValues(.unexpectedEntries(count: 1))])
    }

    /// After genesis (whose entry is round 0, not the beacon's), a chained beacon's entries are not checked.
    @Test func chainedEntriesAfterGenesisAreNotChecked() throws {
        let schedule = BeaconSchedule(MockBeacon())
        let genesisEntry = BeaconEntry(round: 0, data: [UInt8](repeating: 0, count: 32))
        var forged = MockBeacon.entry(round: 101)
        forged.data = [1, 2, 3]
        try schedule.validateBlockValues(
            networkVersion: 16, header: Self.header(height: 1, entries: [forged]), parentEpoch: 0, previous: genesisEntry)
        #expect(throws: BeaconValidationError.missingEntries) {
            try schedule.validateBlockValues(
                networkVersion: 16, header: Self.header(height: 1, entries: []), parentEpoch: 0, previous: genesisEntry)
        }
    }

    // MARK: On the schedule

    @Test func entriesForBlockCoverEveryEpochSinceTheParent() async throws {
        let schedule = BeaconSchedule(MockBeacon())
        let entries = try await schedule.entriesForBlock(
            networkVersion: 16, epoch: 13, parentEpoch: 10, previous: MockBeacon.entry(round: 110))
        #expect(entries == [111, 112, 113].map { MockBeacon.entry(round: $0) })
        let none = try await schedule.entriesForBlock(
            networkVersion: 16, epoch: 13, parentEpoch: 10, previous: MockBeacon.entry(round: 113))
        #expect(none == [])
    }

    @Test func unchainedEntriesMustBeTheRoundsOfTheEpochsBetween() throws {
        let schedule = BeaconSchedule(UnchainedMockBeacon())
        let previous = MockBeacon.entry(round: 110)
        let good = [111, 112, 113].map { MockBeacon.entry(round: $0) }
        try schedule.validateBlockValues(
            networkVersion: 16, header: Self.header(height: 13, entries: good), parentEpoch: 10, previous: previous)
        let skipping = [111, 113].map { MockBeacon.entry(round: $0) }
        #expect(throws: BeaconValidationError.roundMismatch(index: 1, epoch: 12, expected: 112, got: 113)) {
            try schedule.validateBlockValues(
                networkVersion: 16, header: Self.header(height: 13, entries: skipping), parentEpoch: 10,
                previous: previous)
        }
        // A chained beacon holds its entries together by their signatures instead.
        try BeaconSchedule(MockBeacon()).validateBlockValues(
            networkVersion: 16, header: Self.header(height: 13, entries: skipping), parentEpoch: 10, previous: previous)
    }

    @Test func switchingToAChainedBeaconNeedsTwoEntries() async throws {
        let schedule = try #require(
            BeaconSchedule([.init(start: 0, beacon: UnchainedMockBeacon()), .init(start: 20, beacon: MockBeacon())]))
        let entries = try await schedule.entriesForBlock(
            networkVersion: 16, epoch: 20, parentEpoch: 19, previous: MockBeacon.entry(round: 119))
        #expect(entries == [MockBeacon.entry(round: 119), MockBeacon.entry(round: 120)])
        try schedule.validateBlockValues(
            networkVersion: 16, header: Self.header(height: 20, entries: entries), parentEpoch: 19,
            previous: MockBeacon.entry(round: 119))
        #expect(throws: BeaconValidationError.forkEntryCount(got: 1)) {
            try schedule.validateBlockValues(
                networkVersion: 16, header: Self.header(height: 20, entries: [MockBeacon.entry(round: 120)]),
                parentEpoch: 19, previous: MockBeacon.entry(round: 119))
        }
        var forged = MockBeacon.entry(round: 120)
        forged.data[31] ^= 0x80
        #expect(throws: BeaconValidationError.forkEntryInvalid(.invalidEntry(round: 120))) {
            try schedule.validateBlockValues(
                networkVersion: 16, header: Self.header(height: 20, entries: [entries[0], forged]), parentEpoch: 19,
                previous: MockBeacon.entry(round: 119))
        }
    }

    @Test func scheduleAnswersTheBeaconOfEachEpoch() throws {
        let schedule = try #require(
            BeaconSchedule([.init(start: 20, beacon: MockBeacon()), .init(start: 0, beacon: UnchainedMockBeacon())]))
        #expect(schedule.pointIndex(forEpoch: -5) == 0)
        #expect(schedule.pointIndex(forEpoch: 19) == 0)
        #expect(schedule.pointIndex(forEpoch: 20) == 1)
        #expect(!schedule.beacon(forEpoch: 3).isChained)
        #expect(schedule.beacon(forEpoch: 25).isChained)
        #expect(BeaconSchedule([]) == nil)
    }

    /// Lotus `GetLatestBeaconEntry`: the newest entry within the 20 tipsets ending at the base.
    @Test func latestBeaconEntryWalksBackThroughTipsetsWithout() async throws {
        var chain = FakeChain()
        var parentKey = TipSetKey([BlockFixture.cid("genesis parent")])
        var tipSets: [TipSet] = []
        for height in Int64(0)...25 {
            let entries = height == 2 ? [MockBeacon.entry(round: 102)] : []
            var header = Self.header(height: height, entries: entries)
            header.parents = parentKey.cids
            let tipSet = try TipSet(blocks: [header])
            chain.tipSets[tipSet.key] = tipSet
            tipSets.append(tipSet)
            parentKey = tipSet.key
        }
        #expect(try await chain.latestBeaconEntry(base: tipSets[21]) == MockBeacon.entry(round: 102))
        #expect(try await chain.latestBeaconEntry(base: tipSets[22]) == nil)  // 20 tipsets without one
        #expect(try await chain.latestBeaconEntry(base: tipSets[1]) == nil)  // back to genesis
    }
}
