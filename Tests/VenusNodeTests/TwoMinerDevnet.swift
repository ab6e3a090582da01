import Chain
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD

/// A devnet genesis with two presealed miners (t01000, t01001; two 2 KiB sectors each, equal
/// power), written as a CAR file, with the miners' owner/worker keys. Its timestamp lies an hour
/// in the past, so blocks for the first few hundred epochs are all due and tests need not wait
/// for the clock.
struct TwoMinerDevnet {
    let genesisFile: String
    let genesisCID: CID
    let miners: [Address]
    let keys: [GenesisKey]
    let timestamp: UInt64

    init(folder: String, blockDelaySeconds: UInt64 = 4) throws {
        let timestamp = UInt64(Date().timeIntervalSince1970) - 3_600
        var template = GenesisTemplate(networkName: "devnet-two", timestamp: timestamp)
        var keys: [GenesisKey] = []
        for index in 0..<2 {
            let preseal = try Preseal.make(
                miner: GenesisBuilder.minerAddress(index: index), sectorSize: 2048, sectorCount: 2,
                networkVersion: template.networkVersion)
            try template.addMiner(preseal.miner)
            keys.append(preseal.key)
        }
        let store = MemoryBlockstore()
        let parameters = DevnetParameters(blockDelaySeconds: blockDelaySeconds)
        let block = try GenesisBuilder(template: template, parameters: parameters).build(into: store)
        let car = try GenesisArchive.archive(root: block.header.cid, from: store)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        genesisFile = folder + "/genesis.car"
        try Data(car).write(to: URL(fileURLWithPath: genesisFile))
        genesisCID = block.header.cid
        miners = block.miners
        self.keys = keys
        self.timestamp = timestamp
    }
}
