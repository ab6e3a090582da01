import VenusAPI
import Crypto
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation

/// Decides, from a WalletSign request, the exact bytes the key signs — or refuses.
///
/// It follows upstream venus-wallet (`GetSignBytesAndObj`): `data` is parsed as the type the
/// meta names, and the bytes signed are derived from the parsed value, never taken on trust:
///
/// | type | `data` | bytes signed |
/// |---|---|---|
/// | unknown | anything | `data` |
/// | message | the message CID bytes; `Extra` = message CBOR | `data`, after checking it is the CID of `Extra` and the signer is `From` (for an f410 sender: the unsigned EIP-1559 RLP of `Extra`, as Lotus signs it) |
/// | block | block header CBOR | the header's signing bytes (BlockSig null) |
/// | dealproposal, storageask, networkresposne, providerdealstate | the value's DAG-CBOR | `data` (it must be canonical DAG-CBOR of the expected shape) |
/// | clientdeal | ClientDealProposal CBOR `[proposal, signature]` | the CID bytes of `data` |
/// | drawrandomparam | `{Rbase, Pers, Round, Entropy}` CBOR map | DrawRandomness digest |
/// | signedvoucher | SignedVoucher CBOR (11 fields) | the same with Signature null |
/// | askresponse | `{"Ask":{"Ask":StorageAsk,"Signature":..}}` | the ask as the 8-field tuple (`StorageAsk0`) |
/// | verifyaddress | sha256(Extra ‖ wallet random bytes) | `data`, after checking that equality |
///
/// Market structures we have no Swift types for are checked as raw DAG-CBOR: a value that does
/// not re-encode to exactly the bytes given is refused, which is what upstream's
/// decode-then-`cborutil.Dump` amounts to for canonical input.
public struct SigningPolicy: Sendable {
    /// The wallet's random bytes for `verifyaddress` (upstream's per-process `RandomBytes`).
    public let randomBytes: [UInt8]
    /// The EIP-155 chain id of the Ethereum transactions f410 accounts sign (our devnet's by default).
    public let ethChainID: UInt64

    public init(randomBytes: [UInt8], ethChainID: UInt64 = EthTransaction1559.devnetChainID) {
        self.randomBytes = randomBytes
        self.ethChainID = ethChainID
    }

    /// The outcome of a policy check: the bytes to sign and what to record and show the filter.
    public struct Decision: Sendable {
        /// The bytes the key signs.
        public var bytes: [UInt8]
        /// The CBOR of the object signed (upstream's record `RawMsg`).
        public var rawObject: [UInt8]
        /// The object as JSON text for the sign filter (Lotus JSON for messages and block
        /// headers, a base64 string of the CBOR otherwise).
        public var filterJSON: String
    }

    /// - Throws: `WalletError.signRefused` with the reason.
    public func decide(signer: Address, data: [UInt8], meta: WalletMsgMeta) throws -> Decision {
        switch meta.type {
        case .unknown:
            return Decision(bytes: data, rawObject: data, filterJSON: Self.base64JSON(data))

        case .message:
            guard !meta.extra.isEmpty else { throw WalletError.signRefused("message type must contain extra data") }
            let message: Message
            do {
                message = try Message(cborBytes: meta.extra)
            } catch {
                throw WalletError.signRefused("Extra is not a message: \(error)")
            }
            guard message.from == signer else {
                throw WalletError.signRefused("signer(\(signer)) is not msg sender(\(message.from))")
            }
            if message.from.protocol == .delegated {
                // An Ethereum account signs the EIP-1559 transaction the message stands for.
                let transaction: EthTransaction1559
                do {
                    transaction = try EthTransaction1559(message: message, chainID: ethChainID)
                } catch {
                    throw WalletError.signRefused("message from an Ethereum account: \(error)")
                }
                guard data == transaction.unsignedRLP else {
                    throw WalletError.signRefused(
                        "the bytes to sign are not the EIP-1559 transaction (chain id \(ethChainID)) of the message in Extra")
                }
            } else {
                guard data == message.cid.bytes else {
                    throw WalletError.signRefused("the bytes to sign are not the CID of the message in Extra")
                }
            }
            return Decision(bytes: data, rawObject: meta.extra, filterJSON: try Self.json(message))

        case .block:
            let header: BlockHeader
            do {
                header = try BlockHeader(cborBytes: data)
            } catch {
                throw WalletError.signRefused("data is not a block header: \(error)")
            }
            return Decision(bytes: header.signingBytes, rawObject: data, filterJSON: try Self.json(header))

        case .dealProposal:
            let value = try Self.requireCanonical(data, meta.type, shape: .array(11))
            try Self.requireFields(value, Self.dealProposalFields, meta.type)
            return Self.raw(data, bytes: data)
        case .storageAsk, .networkResponse, .providerDealState:
            try Self.requireCanonical(data, meta.type, shape: .map)
            return Self.raw(data, bytes: data)

        case .clientDeal:
            let value = try Self.requireCanonical(data, meta.type, shape: .array(2))
            guard case .array(let fields) = value else { throw WalletError.signRefused("clientdeal: not an array") }
            try Self.requireFields(fields[0], Self.dealProposalFields, meta.type)
            try Self.requireFields(.array([fields[1]]), [.bytes], meta.type)
            return Self.raw(data, bytes: CID.filecoin(cbor: data).bytes)

        case .signedVoucher:
            let value = try Self.requireCanonical(data, meta.type, shape: .array(11))
            try Self.requireFields(value, Self.signedVoucherFields, meta.type)
            guard case .array(var fields) = value else { throw WalletError.signRefused("signedvoucher: not an array") }
            fields[10] = .null
            return Self.raw(data, bytes: CBORValue.array(fields).cborBytes)

        case .askResponse:
            let value = try Self.requireCanonical(data, meta.type, shape: .map)
            guard let signedAsk = value["Ask"], let ask = signedAsk["Ask"] else {
                throw WalletError.signRefused("askresponse: no Ask.Ask")
            }
            let names = ["Price", "VerifiedPrice", "MinPieceSize", "MaxPieceSize", "Miner", "Timestamp", "Expiry", "SeqNo"]
            var tuple: [CBORValue] = []
            for name in names {
                guard let field = ask[name] else { throw WalletError.signRefused("askresponse: the ask has no \(name)") }
                tuple.append(field)
            }
            return Self.raw(data, bytes: CBORValue.array(tuple).cborBytes)

        case .drawRandomParam:
            let params = try DrawRandomParams(cbor: data)
            return Self.raw(data, bytes: params.signingBytes)

        case .verifyAddress:
            var hasher = SHA256()
            hasher.update(data: meta.extra)
            hasher.update(data: randomBytes)
            let expected = Array(hasher.finalize())
            guard data == expected else {
                throw WalletError.signRefused("verifyaddress: the bytes are not sha256(Extra || wallet random bytes)")
            }
            return Decision(bytes: data, rawObject: data, filterJSON: Self.base64JSON(data))
        }
    }

    enum Shape { case array(Int), map }

    @discardableResult
    static func requireCanonical(_ data: [UInt8], _ type: MsgType, shape: Shape) throws -> CBORValue {
        let value: CBORValue
        do {
            value = try CBORValue(cborBytes: data)
        } catch {
            throw WalletError.signRefused("\(type.rawValue): data is not DAG-CBOR: \(error)")
        }
        guard value.cborBytes == data else {
            throw WalletError.signRefused("\(type.rawValue): data is not canonical DAG-CBOR")
        }
        switch (shape, value) {
        case (.array(let count), .array(let fields)) where fields.count == count: break
        case (.map, .map): break
        case (.array(let count), _):
            throw WalletError.signRefused("\(type.rawValue): expected a \(count)-field array")
        case (.map, _):
            throw WalletError.signRefused("\(type.rawValue): expected a map")
        }
        return value
    }

    /// The CBOR kind of a tuple field, to tell one market structure from another of the same
    /// length.
    enum FieldKind { case cid, unsigned, integer, bool, bytes, text, textOrBytes, array, nullableArray, nullableBytes }

    /// market.DealProposal (specs-actors v2+): PieceCID, PieceSize, VerifiedDeal, Client,
    /// Provider, Label, StartEpoch, EndEpoch, StoragePricePerEpoch, ProviderCollateral,
    /// ClientCollateral.
    static let dealProposalFields: [FieldKind] = [
        .cid, .unsigned, .bool, .bytes, .bytes, .textOrBytes, .integer, .integer, .bytes, .bytes, .bytes,
    ]
    /// paych.SignedVoucher: ChannelAddr, TimeLockMin, TimeLockMax, SecretHash (SecretPreimage),
    /// Extra, Lane, Nonce, Amount, MinSettleHeight, Merges, Signature.
    static let signedVoucherFields: [FieldKind] = [
        .bytes, .integer, .integer, .bytes, .nullableArray, .unsigned, .unsigned, .bytes, .integer, .array,
        .nullableBytes,
    ]

    static func requireFields(_ value: CBORValue, _ kinds: [FieldKind], _ type: MsgType) throws {
        guard case .array(let fields) = value, fields.count == kinds.count else {
            throw WalletError.signRefused("\(type.rawValue): expected a \(kinds.count)-field array")
        }
        for (index, (field, kind)) in zip(fields, kinds).enumerated() {
            let matches: Bool
            switch (kind, field) {
            case (.cid, .cid), (.unsigned, .unsigned), (.integer, .unsigned), (.integer, .negative), (.bool, .bool),
                (.bytes, .bytes), (.text, .text), (.textOrBytes, .text), (.textOrBytes, .bytes), (.array, .array),
                (.nullableArray, .array), (.nullableArray, .null), (.nullableBytes, .bytes), (.nullableBytes, .null):
                matches = true
            default:
                matches = false
            }
            guard matches else {
                throw WalletError.signRefused("\(type.rawValue): field \(index) is not \(kind)")
            }
        }
    }

    static func base64JSON(_ data: [UInt8]) -> String {
        "\"" + Data(data).base64EncodedString() + "\""
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func raw(_ data: [UInt8], bytes: [UInt8]) -> Decision {
        Decision(bytes: bytes, rawObject: data, filterJSON: Self.base64JSON(data))
    }
}
