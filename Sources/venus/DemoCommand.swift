import ArgumentParser
import GoCompat
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation

/// The foundation demo: a fresh secp256k1 key signs a message, and every wire form is printed.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a secp256k1 key, build and sign a message, and print its address, CID, Lotus JSON and CBOR.")

    @Option(help: "Address prefix: 't' (testnet/devnet) or 'f' (mainnet).")
    var network: String = "t"

    @Option(help: "Recipient address.")
    var to: String = "t01000"

    @Option(help: "Amount to send, as the Lotus CLI takes it (e.g. '1.5', '100 attoFIL').")
    var value: String = "1.5 FIL"

    func run() throws {
        let network: Network = self.network == "f" ? .mainnet : .testnet
        let key = Secp256k1PrivateKey.generate()
        let from = Address.secp256k1(publicKey: key.publicKey)
        let message = Message(
            to: try Address(to), from: from, nonce: 0, value: try TokenAmount(parsing: value),
            gasLimit: 1_000_000, gasFeeCap: TokenAmount(attoFIL: 100_000), gasPremium: TokenAmount(attoFIL: 1_000))
        let signed = try message.signed(with: key)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.filecoinNetwork] = network
        print("secp256k1 key   : generated (private key stays in memory)")
        print("address         : \(from.string(network: network))")
        print("value           : \(message.value) (\(message.value.attoFIL) attoFIL)")
        print("message CID     : \(message.cid)")
        print("message CBOR    : \(Hex.encode(message.cborBytes))")
        print("signed CID      : \(signed.cid)")
        print("signed CBOR     : \(Hex.encode(signed.cborBytes))")
        print("signature valid : \(signed.isSignatureValid)")
        print("signed message, Lotus JSON:")
        print(String(decoding: try encoder.encode(signed), as: UTF8.self))
    }
}
