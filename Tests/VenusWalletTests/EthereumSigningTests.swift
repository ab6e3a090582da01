import GoCompat
import VenusAPI
import BigInt
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusRuntime
import VenusTesting

@testable import VenusWallet

/// Messages from f410 (Ethereum) accounts are signed as Lotus signs them: over the unsigned
/// EIP-1559 transaction, checked against eth-account (its RLP, hash and signature).
@Suite struct EthereumSigningTests {
    static let modules = ["eth_account", "eth_utils"]
    static var oracleAvailable: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: modules)
    }

    private struct Case {
        var key: [UInt8]
        var message: Message
        var to: EthAddress?
    }

    private func randomAmount(_ generator: inout some RandomNumberGenerator) -> TokenAmount {
        // Up to ~2^100 attoFIL, with zeros and small values mixed in.
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return .zero
        case 1: return TokenAmount(attoFIL: Int.random(in: 1..<200, using: &generator))
        default:
            let high = BigInt(UInt64.random(in: 0..<(1 << 36), using: &generator))
            return TokenAmount(attoFIL: high << 64 + BigInt(UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
    }

    @Test(.enabled(if: oracleAvailable, Comment(rawValue: PythonOracle.missingMessage(modules))))
    func f410MessagesAreSignedOverTheirEIP1559TransactionLikeEthAccount() async throws {
        let (wallet, _) = try await Fixture.unlockedWallet()
        var generator = SystemRandomNumberGenerator()
        var cases: [Case] = []
        for n in 0..<40 {
            let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let sender = try await wallet.importKey(KeyInfo(type: .delegated, privateKey: key))
            let to: Address, method: UInt64
            switch n % 3 {
            case 0:
                to = try Address.id(UInt64.random(in: 0..<(1 << 40), using: &generator))
                method = EthTransaction1559.invokeContractMethod
            case 1:
                to = try Address.delegated(namespace: 10, subaddress: (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
                method = EthTransaction1559.invokeContractMethod
            default:
                to = try Address.id(EthTransaction1559.eamActorID)
                method = EthTransaction1559.createExternalMethod
            }
            var params: [UInt8] = []
            if n % 4 != 0 {
                // Lengths on both sides of RLP's 55-byte short form.
                let input = (0..<Int.random(in: 1...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                params = CBORValue.bytes(input).cborBytes
            }
            let message = Message(
                to: to, from: sender, nonce: UInt64.random(in: 0..<(1 << 40), using: &generator),
                value: randomAmount(&generator), gasLimit: Int64.random(in: 0..<10_000_000_000, using: &generator),
                gasFeeCap: randomAmount(&generator), gasPremium: randomAmount(&generator), method: method, params: params)
            cases.append(Case(key: key, message: message, to: method == EthTransaction1559.createExternalMethod ? nil : try EthAddress(filecoin: to)))
        }
        let input: [[String: Any]] = try cases.map { item in
            let transaction = try EthTransaction1559(message: item.message, chainID: EthTransaction1559.devnetChainID)
            return [
                "chainId": String(EthTransaction1559.devnetChainID), "nonce": String(item.message.nonce),
                "maxPriorityFeePerGas": item.message.gasPremium.attoFIL.description,
                "maxFeePerGas": item.message.gasFeeCap.attoFIL.description, "gas": String(item.message.gasLimit),
                "to": item.to.map { Hex.encode($0.bytes) } ?? NSNull(), "value": item.message.value.attoFIL.description,
                "data": Hex.encode(transaction.input), "key": Hex.encode(item.key),
            ]
        }
        let oracle = try #require(try PythonOracle.call("eth_tx_oracle.py", input: ["cases": input]) as? [[String: Any]])
        #expect(oracle.count == cases.count)
        for (item, expected) in zip(cases, oracle) {
            let transaction = try EthTransaction1559(message: item.message, chainID: EthTransaction1559.devnetChainID)
            let rlp = transaction.unsignedRLP
            #expect(Hex.encode(Keccak256.hash(rlp)) == expected["hash"] as? String)
            #expect(Hex.encode(item.message.from.delegatedSubaddress ?? []) == expected["address"] as? String)
            let signature = try await wallet.sign(
                signer: item.message.from, data: rlp, meta: WalletMsgMeta(type: .message, extra: item.message.cborBytes))
            #expect(signature.kind == .delegated)
            let r = try Hex.decode(try #require(expected["r"] as? String))
            let s = try Hex.decode(try #require(expected["s"] as? String))
            let v = try #require(expected["v"] as? Int)
            #expect(signature.data == r + s + [UInt8(v)])

            // The CID bytes, which a non-Ethereum sender signs, are refused for an f410 sender.
            await #expect(throws: WalletError.self) {
                try await wallet.sign(
                    signer: item.message.from, data: item.message.cid.bytes,
                    meta: WalletMsgMeta(type: .message, extra: item.message.cborBytes))
            }
        }
    }

    @Test func messagesAnEthereumAccountCannotSendAreRefused() async throws {
        let (wallet, _) = try await Fixture.unlockedWallet()
        let sender = try await wallet.new(.delegated)
        let base = Message(
            to: try Address.id(1234), from: sender, nonce: 1, value: 10, gasLimit: 100_000, gasFeeCap: 100, gasPremium: 10,
            method: EthTransaction1559.invokeContractMethod)
        var plainSend = base
        plainSend.method = 0
        var badParams = base
        badParams.params = CBORValue.unsigned(5).cborBytes
        var emptyBytes = base
        emptyBytes.params = CBORValue.bytes([]).cborBytes
        var toSecp = base
        toSecp.to = try Address("f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za")
        var eamOtherMethod = base
        eamOtherMethod.to = try Address.id(EthTransaction1559.eamActorID)
        eamOtherMethod.method = 2
        for message in [plainSend, badParams, emptyBytes, toSecp, eamOtherMethod] {
            #expect(throws: EthConversionError.self) { try EthTransaction1559(message: message, chainID: 314) }
            await #expect(throws: WalletError.self) {
                try await wallet.sign(
                    signer: sender, data: message.cid.bytes, meta: WalletMsgMeta(type: .message, extra: message.cborBytes))
            }
        }
        // Another chain's transaction is not this wallet's.
        let mainnet = try EthTransaction1559(message: base, chainID: EthTransaction1559.mainnetChainID).unsignedRLP
        await #expect(throws: WalletError.self) {
            try await wallet.sign(signer: sender, data: mainnet, meta: WalletMsgMeta(type: .message, extra: base.cborBytes))
        }
        #expect(try EthAddress(filecoin: Address.id(0x0102)).bytes == [0xff] + [UInt8](repeating: 0, count: 17) + [1, 2])
    }

    /// `[Eth] ChainID` in config.toml picks the chain the wallet's f410 keys sign for; the default
    /// is the devnet's, and a config written by this version round-trips it.
    @Test func theChainIDComesFromTheConfig() async throws {
        let mainnetConfig = try ConfigFile.decode(WalletConfig.self, from: "[Eth]\nChainID = 314\n[Factor]\nScryptN = 1024\n")
        #expect(mainnetConfig.eth.chainID == EthTransaction1559.mainnetChainID)
        #expect(try ConfigFile.decode(WalletConfig.self, from: "").eth.chainID == EthTransaction1559.devnetChainID)
        let written = try ConfigFile.encode(mainnetConfig)
        #expect(try ConfigFile.decode(WalletConfig.self, from: written).eth.chainID == 314)

        let folder = try Fixture.temporaryFolder()
        let wallet = Wallet(store: try Fixture.store(in: folder), configuration: try mainnetConfig.walletConfiguration())
        try await wallet.setPassword("pw")
        let sender = try await wallet.new(.delegated)
        let message = Message(
            to: try Address.id(1234), from: sender, nonce: 7, value: 10, gasLimit: 100_000, gasFeeCap: 100, gasPremium: 10,
            method: EthTransaction1559.invokeContractMethod)
        let meta = WalletMsgMeta(type: .message, extra: message.cborBytes)
        let mainnet = try EthTransaction1559(message: message, chainID: EthTransaction1559.mainnetChainID).unsignedRLP
        let devnet = try EthTransaction1559(message: message, chainID: EthTransaction1559.devnetChainID).unsignedRLP
        #expect(try await wallet.sign(signer: sender, data: mainnet, meta: meta).kind == .delegated)
        await #expect(throws: WalletError.self) { try await wallet.sign(signer: sender, data: devnet, meta: meta) }
    }

    /// RLP against the examples of the Ethereum wiki.
    @Test func rlpMatchesTheSpecificationExamples() {
        #expect(RLP.bytes(Array("dog".utf8)).encoded == [0x83] + Array("dog".utf8))
        #expect(RLP.list([.bytes(Array("cat".utf8)), .bytes(Array("dog".utf8))]).encoded == [0xc8, 0x83] + Array("cat".utf8) + [0x83] + Array("dog".utf8))
        #expect(RLP.bytes([]).encoded == [0x80])
        #expect(RLP.list([]).encoded == [0xc0])
        #expect(RLP.unsigned(0).encoded == [0x80])
        #expect(RLP.unsigned(15).encoded == [0x0f])
        #expect(RLP.unsigned(1024).encoded == [0x82, 0x04, 0x00])
        #expect(RLP.list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])]).encoded == [0xc7, 0xc0, 0xc1, 0xc0, 0xc3, 0xc0, 0xc1, 0xc0])
        let lorem = Array("Lorem ipsum dolor sit amet, consectetur adipisicing elit".utf8)
        #expect(RLP.bytes(lorem).encoded == [0xb8, 0x38] + lorem)
    }
}
