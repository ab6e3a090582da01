import Chain
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import IPLD

/// A devnet genesis for tests, written as a CAR file a node (in-process or `venus daemon
/// --genesis`) starts from: presealed 2 KiB miners t01000, t01001, … with their owner/worker keys
/// held here (as a storage provider's wallet holds them), accounts funded at genesis, and on
/// request fresh secp256k1/BLS test accounts with their keys.
///
/// Its timestamp lies in the past (an hour by default), so blocks for the first few hundred
/// epochs are all due and tests need not wait for the clock; past that, a block producer waits
/// for each round's time as a real miner does.
///
/// Usage:
/// ```swift
/// let devnet = try DevnetTestGenesis(folder: root, sectorCounts: [1, 2, 5], testAccounts: [.secp256k1, .bls])
/// let node = try await pool.startVenus(genesis: devnet.genesisFile, blockDelaySeconds: devnet.blockDelaySeconds)
/// let producer = DevnetBlockProducer(url: node.url, token: node.adminToken, devnet: devnet)
/// ```
///
/// (Named apart from `Chain.DevnetGenesis`, the genesis a daemon makes for itself, so that tests
/// importing both modules need not qualify either.)
public struct DevnetTestGenesis: Sendable {
    /// What a test account gets at genesis unless told otherwise: 1 million FIL.
    public static let defaultTestAccountBalance = TokenAmount(wholeFIL: 1_000_000)
    /// An hour back: 900 epochs at the default 4 s block delay are due from the start.
    public static let defaultTimestampOffset: Int64 = -3_600

    /// The CAR file holding the genesis block and state.
    public let genesisFile: String
    public let genesisCID: CID
    public let networkName: String
    /// The genesis block's timestamp (Unix seconds).
    public let timestamp: UInt64
    /// The devnet's block delay: a node serving this genesis must be configured with the same.
    public let blockDelaySeconds: UInt64
    /// The miners' ID addresses, t01000 first, in the order of `sectorCounts`.
    public let miners: [Address]
    /// `keys[i]` is the owner and worker key of `miners[i]` (a BLS key; its account holds 50
    /// million FIL at genesis).
    public let keys: [GenesisKey]
    /// The presealed sector count of each miner (its share of the power).
    public let sectorCounts: [Int]
    /// The funded test accounts asked for, in the order of their types.
    public let testKeys: [GenesisKey]

    /// Builds the genesis and writes it to `<folder>/genesis.car` (the folder is created).
    /// - Parameters:
    ///   - sectorCounts: one presealed miner per entry with that many sectors (at least one, so
    ///     it can win blocks): `[1, 2, 5]` gives powers 1:2:5.
    ///   - accounts: addresses (f1/f3 key addresses) funded at genesis with the given balances.
    ///   - testAccounts: a new key of each listed type, funded with `testAccountBalance`.
    ///   - blockDelaySeconds: seconds between epochs (the node must be given the same).
    ///   - timestampOffset: the genesis timestamp relative to now, in seconds.
    ///   - networkName: the state's network name; a unique one by default.
    public init(
        folder: String, sectorCounts: [Int] = [2, 2], accounts: [(Address, TokenAmount)] = [],
        testAccounts: [GenesisKey.KeyType] = [], testAccountBalance: TokenAmount = defaultTestAccountBalance,
        blockDelaySeconds: UInt64 = 4, timestampOffset: Int64 = defaultTimestampOffset, networkName: String? = nil
    ) throws {
        guard !sectorCounts.isEmpty, sectorCounts.allSatisfy({ $0 >= 1 }) else {
            throw GenesisError.malformedTemplate("a test devnet needs miners with at least one sector each: \(sectorCounts)")
        }
        let now = Int64(Date().timeIntervalSince1970)
        guard now + timestampOffset > 0 else {
            throw GenesisError.malformedTemplate("a genesis timestamp offset of \(timestampOffset) s lies before 1970")
        }
        let timestamp = UInt64(now + timestampOffset)
        let name = networkName ?? "devnet-test-\(UUID().uuidString.prefix(8).lowercased())"
        var template = GenesisTemplate(networkName: name, timestamp: timestamp)
        var keys: [GenesisKey] = []
        for (index, count) in sectorCounts.enumerated() {
            let preseal = try Preseal.make(
                miner: GenesisBuilder.minerAddress(index: index), sectorSize: 2048, sectorCount: count,
                networkVersion: template.networkVersion)
            try template.addMiner(preseal.miner)
            keys.append(preseal.key)
        }
        let testKeys = try testAccounts.map { try Self.newKey($0) }
        for (address, balance) in accounts + testKeys.map({ ($0.address, testAccountBalance) }) {
            template.accounts.append(.account(address, balance: balance))
        }

        let parameters = DevnetParameters(blockDelaySeconds: blockDelaySeconds)
        try parameters.validate()
        let store = MemoryBlockstore()
        let block = try GenesisBuilder(template: template, parameters: parameters).build(into: store)
        let car = try GenesisArchive.archive(root: block.header.cid, from: store)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        genesisFile = folder + "/genesis.car"
        try Data(car).write(to: URL(fileURLWithPath: genesisFile))
        genesisCID = block.header.cid
        self.networkName = name
        self.timestamp = timestamp
        self.blockDelaySeconds = blockDelaySeconds
        miners = block.miners
        self.keys = keys
        self.sectorCounts = sectorCounts
        self.testKeys = testKeys
    }

    /// The first test account of `type`, if one was asked for.
    public func testKey(_ type: GenesisKey.KeyType) -> GenesisKey? {
        testKeys.first { $0.type == type }
    }

    /// Every key this devnet knows: the miners' and the test accounts'.
    public var allKeys: [GenesisKey] { keys + testKeys }

    /// The epoch whose time has come at `date` (blocks up to it are due).
    public func currentEpoch(at date: Date = Date()) -> Int64 {
        let elapsed = Int64(date.timeIntervalSince1970) - Int64(timestamp)
        return blockDelaySeconds == 0 ? 0 : max(0, elapsed) / Int64(blockDelaySeconds)
    }

    private static func newKey(_ type: GenesisKey.KeyType) throws -> GenesisKey {
        switch type {
        case .bls: return GenesisKey.generateBLS()
        case .secp256k1: return try GenesisKey(type: .secp256k1, privateKey: Secp256k1PrivateKey.generate().bytes)
        }
    }
}
