import Chain
import FilecoinTypes
import JSONRPC
import VenusAPI

extension FullNodeRPC {
    /// `MinerGetBaseInfo` and `MinerCreateBlock`: what a block producer asks of the node. The node
    /// signs a block only with a worker key it holds (a devnet's own miner); otherwise `BlockSig`
    /// stays empty for the producer's wallet to fill.
    static func registerMining(_ node: ChainNode, on registry: inout RPCRegistry) {
        let base = MiningBase(context: node.validationContext, beacons: node.beacons, verifier: node.sync.validator.verifier)
        let assembler = BlockAssembler(chain: node.chain, context: node.validationContext)
        let signer = node.localSigner
        registry.register(FullNodeAPI.minerGetBaseInfo) { _, p in
            // An empty key is the head, as everywhere in the API.
            let key = p.p2.cids.isEmpty ? (await node.chain.head?.key ?? p.p2) : p.p2
            guard let info = try await base.info(miner: p.p0, round: p.p1, base: key) else { return nil }
            return FullNodeAPI.MiningBaseInfo(
                minerPower: LotusBigInt(info.minerPower), networkPower: LotusBigInt(info.networkPower),
                sectors: info.sectors.map {
                    ExtendedSectorInfo(sealProof: $0.sealProof.rawValue, sectorNumber: $0.sectorNumber, sectorKey: nil, sealedCID: $0.sealedCID)
                },
                workerKey: info.workerKey, sectorSize: info.sectorSize, prevBeaconEntry: info.prevBeaconEntry,
                beaconEntries: info.beaconEntries, eligibleForMining: info.eligibleForMining)
        }
        registry.register(FullNodeAPI.minerCreateBlock) { _, p in
            let t = p.p0
            let template = Chain.BlockTemplate(
                miner: t.miner, parents: t.parents, ticket: t.ticket, electionProof: t.eproof, beaconValues: t.beaconValues,
                messages: t.messages, epoch: t.epoch, timestamp: t.timestamp, winningPoStProof: t.winningPoStProof)
            let block = try await assembler.createBlock(template, signer: signer).blockMsg
            return FullNodeAPI.BlockMsg(header: block.header, blsMessages: block.blsMessages, secpkMessages: block.secpkMessages)
        }
    }
}
