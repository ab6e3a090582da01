import FilecoinTypes
import Proofs

/// Lotus's legacy (pre-FVM) gas price list (`pricelistV0`), one instance per price epoch.
///
/// The epoch picks the list: the genesis prices until the Calico upgrade (mainnet epoch 265200),
/// then Calico's IPLD prices. The network versions the corpus covers (0...5) all predate Calico.
public struct Pricelist: Hashable, Sendable {
    public var computeGasMulti: Int64
    public var storageGasMulti: Int64
    public var onChainMessageComputeBase: Int64
    public var onChainMessageStorageBase: Int64
    public var onChainMessageStoragePerByte: Int64
    public var onChainReturnValuePerByte: Int64
    public var sendBase: Int64
    public var sendTransferFunds: Int64
    public var sendTransferOnlyPremium: Int64
    public var sendInvokeMethod: Int64
    public var ipldGetBase: Int64
    public var ipldPutBase: Int64
    public var ipldPutPerByte: Int64
    public var createActorCompute: Int64
    public var createActorStorage: Int64
    public var deleteActor: Int64
    public var verifySignatureBLS: Int64
    public var verifySignatureSecp256k1: Int64
    public var hashingBase: Int64
    public var computeUnsealedSectorCIDBase: Int64
    public var verifySealBase: Int64
    public var verifyConsensusFault: Int64

    /// The genesis price list.
    public static let genesis = Pricelist(
        computeGasMulti: 1, storageGasMulti: 1000,
        onChainMessageComputeBase: 38863, onChainMessageStorageBase: 36, onChainMessageStoragePerByte: 1,
        onChainReturnValuePerByte: 1,
        sendBase: 29233, sendTransferFunds: 27500, sendTransferOnlyPremium: 159672, sendInvokeMethod: -5377,
        ipldGetBase: 75242, ipldPutBase: 84070, ipldPutPerByte: 1,
        createActorCompute: 1_108_454, createActorStorage: 36 + 40, deleteActor: -(36 + 40),
        verifySignatureBLS: 16_598_605, verifySignatureSecp256k1: 1_637_292,
        hashingBase: 31355, computeUnsealedSectorCIDBase: 98647, verifySealBase: 2000,
        verifyConsensusFault: 495_422)

    /// The Calico price list (network version 7 on).
    public static let calico: Pricelist = {
        var list = genesis
        list.ipldGetBase = 114_617
        list.ipldPutBase = 353_640
        list.ipldPutPerByte = 1
        return list
    }()

    /// The mainnet epoch of the Calico upgrade.
    public static let calicoEpoch: Int64 = 265_200

    /// The list in force at `epoch`.
    public static func forEpoch(_ epoch: Int64) -> Pricelist {
        epoch >= calicoEpoch ? calico : genesis
    }

    public func onChainMessage(size: Int) -> GasCharge {
        GasCharge(
            "OnChainMessage", compute: onChainMessageComputeBase,
            storage: (onChainMessageStorageBase + onChainMessageStoragePerByte * Int64(size)) * storageGasMulti)
    }

    public func onChainReturnValue(size: Int) -> GasCharge {
        GasCharge("OnChainReturnValue", compute: 0, storage: Int64(size) * onChainReturnValuePerByte * storageGasMulti)
    }

    public func onMethodInvocation(value: TokenAmount, method: UInt64) -> GasCharge {
        var cost = sendBase
        if !value.isZero {
            cost += sendTransferFunds
            if method == 0 { cost += sendTransferOnlyPremium }
        }
        if method != 0 { cost += sendInvokeMethod }
        return GasCharge("OnMethodInvocation", compute: cost, storage: 0)
    }

    public func onIpldGet() -> GasCharge { GasCharge("OnIpldGet", compute: ipldGetBase, storage: 0) }

    public func onIpldPut(size: Int) -> GasCharge {
        GasCharge("OnIpldPut", compute: ipldPutBase, storage: Int64(size) * ipldPutPerByte * storageGasMulti)
    }

    public func onCreateActor() -> GasCharge {
        GasCharge("OnCreateActor", compute: createActorCompute, storage: createActorStorage * storageGasMulti)
    }

    public func onDeleteActor() -> GasCharge {
        GasCharge("OnDeleteActor", compute: 0, storage: deleteActor * storageGasMulti)
    }

    /// Nil for a signature type the list does not price.
    public func onVerifySignature(kind: Signature.Kind) -> GasCharge? {
        switch kind {
        case .bls: GasCharge("OnVerifySignature", compute: verifySignatureBLS, storage: 0)
        case .secp256k1: GasCharge("OnVerifySignature", compute: verifySignatureSecp256k1, storage: 0)
        default: nil
        }
    }

    public func onHashing(size: Int) -> GasCharge { GasCharge("OnHashing", compute: hashingBase, storage: 0) }

    public func onComputeUnsealedSectorCID() -> GasCharge {
        GasCharge("OnComputeUnsealedSectorCid", compute: computeUnsealedSectorCIDBase, storage: 0)
    }

    public func onVerifySeal() -> GasCharge { GasCharge("OnVerifySeal", compute: verifySealBase, storage: 0) }

    /// `OnVerifyPost`: a flat cost plus one per challenged sector by the first proof's type (the
    /// 512 MiB costs for any other), halved as the legacy list's discount does.
    public func onVerifyPoSt(_ info: WindowPoStVerifyInfo) -> GasCharge {
        let proofType = RegisteredPoStProof(rawValue: info.proofs.first?.proofType ?? 0)
        let (flat, scale): (Int64, Int64) =
            switch proofType {
            case .stackedDrgWindow32GiBV1, .stackedDrgWindow64GiBV1: (748_593_537, 85639)
            default: (123_861_062, 9_226_981)
            }
        let gas = (flat + Int64(info.challengedSectors.count) * scale) / 2
        return GasCharge("OnVerifyPost", compute: gas, storage: 0)
    }

    public func onVerifyConsensusFault() -> GasCharge {
        GasCharge("OnVerifyConsensusFault", compute: verifyConsensusFault, storage: 0)
    }
}
