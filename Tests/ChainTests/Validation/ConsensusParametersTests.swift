import Chain
import Testing

@Suite struct ConsensusParametersTests {
    /// Lotus `IsEpochInConsensusRange`'s clock bound: the clock's epoch since genesis plus `MaxHeightDrift`.
    @Test func epochsPastTheClockByMoreThanTheDriftAreRefused() {
        let parameters = ConsensusParameters.devnet2k
        let genesis: UInt64 = 1_000
        // 40 seconds after genesis is epoch 10 at 4 seconds an epoch; 5 epochs of drift allowed.
        #expect(parameters.isEpochWithinClock(15, genesisTimestamp: genesis, now: genesis + 40))
        #expect(!parameters.isEpochWithinClock(16, genesisTimestamp: genesis, now: genesis + 40))
        #expect(parameters.isEpochWithinClock(15, genesisTimestamp: genesis, now: genesis + 43))
        #expect(parameters.isEpochWithinClock(16, genesisTimestamp: genesis, now: genesis + 44))
        // A clock before genesis allows only the drift.
        #expect(parameters.isEpochWithinClock(5, genesisTimestamp: genesis, now: 0))
        #expect(!parameters.isEpochWithinClock(6, genesisTimestamp: genesis, now: 0))
    }

    @Test func devnetParametersAreLotuss2kBuild() {
        let parameters = ConsensusParameters.devnet2k
        #expect(parameters.blockDelaySeconds == 4)
        #expect(parameters.allowableClockDriftSeconds == 1)
        #expect(parameters.ticketRandomnessLookback == 1)
        #expect(parameters.upgradeSmokeHeight == -1)
        #expect(parameters.blocksPerEpoch == 5)
        #expect(parameters.blockGasLimit == 10_000_000_000)
        #expect(parameters.blockMessageLimit == 10_000)
    }
}
