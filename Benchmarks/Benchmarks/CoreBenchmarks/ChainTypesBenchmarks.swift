import Benchmark
import BigInt
import DagCBOR
import FilecoinCrypto
import FilecoinTypes

/// Filecoin's own types end to end: a Message and a BlockHeader through CBOR and their CIDs,
/// with the same field values as `Benchmarks/peers/types_peer.py`.
func chainTypesBenchmarks() {
    guard let message = sampleMessage(), let header = sampleHeader(message: message) else { return }
    let messageBytes = message.cborBytes
    let headerBytes = header.cborBytes

    Benchmark("Message.encode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(message.cborBytes) }
    }
    Benchmark("Message.decode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Message(cborBytes: messageBytes)) }
    }
    Benchmark("Message.cid") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(message.cid) }
    }
    Benchmark("BlockHeader.encode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(header.cborBytes) }
    }
    Benchmark("BlockHeader.decode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try BlockHeader(cborBytes: headerBytes)) }
    }
    Benchmark("BlockHeader.cid") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(header.cid) }
    }
}

private func sampleMessage() -> Message? {
    guard let to = try? Address.id(1000) else { return nil }
    let from = Address.actor(Array(1...20))
    return Message(
        to: to, from: from, nonce: 12345, value: TokenAmount(attoFIL: 1_000_000_000_000_000_000),
        gasLimit: 2_500_000, gasFeeCap: TokenAmount(attoFIL: 100_000), gasPremium: TokenAmount(attoFIL: 99_999),
        method: 2, params: Array(0..<64))
}

private func sampleHeader(message: Message) -> BlockHeader? {
    guard let miner = try? Address.id(1000) else { return nil }
    let link = message.cid
    return BlockHeader(
        miner: miner, ticket: Ticket(vrfProof: [UInt8](repeating: 7, count: 96)),
        electionProof: ElectionProof(winCount: 1, vrfProof: [UInt8](repeating: 8, count: 96)),
        beaconEntries: [BeaconEntry(round: 1_000_000, data: [UInt8](repeating: 9, count: 96))],
        winPoStProof: [PoStProof(proofType: 3, proofBytes: [UInt8](repeating: 10, count: 192))],
        parents: [link, link], parentWeight: BigInt(123_456_789), height: 1_000_000,
        parentStateRoot: link, parentMessageReceipts: link, messages: link,
        blsAggregate: Signature(kind: .bls, data: [UInt8](repeating: 11, count: 96)), timestamp: 1_700_000_000,
        blockSig: Signature(kind: .bls, data: [UInt8](repeating: 12, count: 96)), forkSignaling: 0,
        parentBaseFee: TokenAmount(attoFIL: 100))
}
