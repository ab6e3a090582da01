#!/usr/bin/env python3
"""Peer timings for BLSBenchmarks: the same BLS operations with blspy (chia bls-signatures 2.x,
blst inside), single-threaded, on inputs of the same shape (38-byte message, 1,000 messages
signed round-robin by 10 keys). Python call overhead (about 1 us) is included.

Prints one line per operation: name, median wall-clock microseconds per operation (median of 5
repeats) and the process CPU microseconds per operation of the same runs (robust when the machine
is shared).
Usage: python3 Benchmarks/peers/bls_peer.py
"""
import statistics
import time

from blspy import BasicSchemeMPL, G1Element, G2Element, PrivateKey

DST = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"



def key_from(fn):
    raw = bytes([fn(k) & 0xFF for k in range(31)] + [0])
    return PrivateKey.from_bytes(raw[::-1])


def timed(name, fn, repeats=5, min_time=0.3):
    fn()
    count = 1
    while True:
        start = time.perf_counter()
        for _ in range(count):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time or count >= 1 << 20:
            break
        count *= 2
    samples, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            fn()
        samples.append((time.perf_counter() - start) / count)
        cpu.append((time.process_time() - start_cpu) / count)
    print(f"{name}\twall {statistics.median(samples) * 1e6:.1f}\tcpu {statistics.median(cpu) * 1e6:.1f}")


def main():
    message = b"venus bls benchmark message: a 38 byte"
    sk = key_from(lambda k: k * 37 + 11)
    pk = sk.get_g1()
    sig = BasicSchemeMPL.sign(sk, message)
    keys = [key_from(lambda k, i=i: k * 13 + i * 7 + 1) for i in range(10)]
    msgs = [message + bytes([i & 0xFF, i >> 8]) for i in range(1000)]
    pks = [keys[i % 10].get_g1() for i in range(1000)]
    sigs = [BasicSchemeMPL.sign(keys[i % 10], m) for i, m in enumerate(msgs)]
    agg = BasicSchemeMPL.aggregate(sigs)
    g1 = G1Element.generator()
    g2 = G2Element.generator()
    p = g1 + g1
    q = g2 + g2
    timed("BLS sign", lambda: BasicSchemeMPL.sign(sk, message))
    timed("BLS verify", lambda: BasicSchemeMPL.verify(pk, message, sig))
    timed("BLS hash to G2", lambda: G2Element.from_message(message, DST))
    timed("BLS pairing", lambda: p.pair(q))
    timed("BLS aggregate 1000 signatures", lambda: BasicSchemeMPL.aggregate(sigs), repeats=3)
    timed("BLS aggregate verify 1000 messages", lambda: BasicSchemeMPL.aggregate_verify(pks, msgs, agg), repeats=3, min_time=0.1)


if __name__ == "__main__":
    main()
