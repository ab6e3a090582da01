import Chain
import DevnetWorkloads
import FilecoinTypes
import Foundation
import Proofs
import Testing

/// How long producing and validating a devnet block takes, phase by phase (base info; ticket,
/// election and winning PoSt; assembly, which executes the parent tipset; validation), over 20
/// tipsets of the one-miner devnet. Opt in with `MINING_TIMING=1`; every block is still checked.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MINING_TIMING"] == "1"))
struct BlockProductionTimingTests {
    @Test func produceAndValidateTwentyTipsets() async throws {
        let fixture = try await MiningFixture()
        let signer = MiningSigner.local([fixture.workerKey])
        let assembler = BlockAssembler(chain: fixture.chain, context: fixture.context)
        var phases: [String: [Duration]] = [:]
        func timed<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
            let start = ContinuousClock.now
            let value = try await body()
            phases[name, default: []].append(ContinuousClock.now - start)
            return value
        }
        var base = fixture.genesis
        var produced = 0
        var round = base.height + 1
        while produced < 20 {
            guard let info = try await timed("base info", { try await fixture.mining.info(miner: fixture.miner, round: round, base: base) })
            else { Issue.record("no base info at \(round)"); return }
            let election = try await timed("election VRF") {
                try await Election.electionProof(
                    miner: fixture.miner, round: round, beaconBase: info.beaconBase, worker: info.workerKey,
                    minerPower: info.minerPower, networkPower: info.networkPower, blocksPerEpoch: 5, signer: signer)
            }
            guard let proof = election else {
                round += 1
                continue
            }
            let (ticket, post) = try await timed("ticket + winning PoSt") {
                (
                    try await Election.ticket(
                        miner: fixture.miner, round: round, base: base, beaconBase: info.beaconBase, worker: info.workerKey,
                        signer: signer, parameters: fixture.context.parameters),
                    try Election.winningPoSt(miner: fixture.miner, round: round, baseInfo: info, prover: MockProofs())
                )
            }
            let template = BlockTemplate(
                miner: fixture.miner, parents: base.key, ticket: ticket, electionProof: proof, beaconValues: info.beaconEntries,
                messages: [], epoch: round, timestamp: base.minTimestamp + 4 * UInt64(round - base.height), winningPoStProof: post)
            let block = try await timed("assembly (parent executed)") { try await assembler.createBlock(template, signer: signer) }
            let failures = await timed("validation") { await fixture.validator.failures(of: block) }
            #expect(failures == [])
            base = try TipSet(blocks: [block.header])
            try await fixture.chain.putTipSet(base)
            produced += 1
            round = base.height + 1
        }
        for (name, samples) in phases.sorted(by: { $0.key < $1.key }) {
            let sorted = samples.sorted()
            print("MINING_TIMING \(name): p50 \(sorted[sorted.count / 2]) max \(sorted[sorted.count - 1]) (\(sorted.count) samples)")
        }
    }
}
