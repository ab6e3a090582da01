#!/usr/bin/env python3
"""Peer timings for the DagCBOR benchmarks: cbor2 (C extension), dag_cbor and multiformats on the
same shapes as Benchmarks/Benchmarks/CoreBenchmarks/DagCBORBenchmarks.swift.

Usage: python3 Benchmarks/peers/cbor_peer.py   (prints one "name ns/op" line per case, best of 5)
"""
import timeit

import cbor2
import dag_cbor
from multiformats import CID

MESSAGE = [
    0,                                                   # version
    bytes([0x00, 0xE8, 0x07]),                           # to (f01000)
    bytes([0x01]) + bytes(range(1, 21)),                 # from (secp256k1 payload)
    12345,                                               # nonce
    bytes([0x00, 0x0D, 0xE0, 0xB6, 0xB3, 0xA7, 0x64, 0x00, 0x00]),  # value (1 FIL)
    2_500_000,                                           # gas limit
    bytes([0x00, 0x01, 0x86, 0xA0]),                     # gas fee cap
    bytes([0x00, 0x01, 0x86, 0x9F]),                     # gas premium
    2,                                                   # method
    bytes(range(64)),                                    # params
]
CID_STRING = "bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2"


def best_ns(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e9


def main():
    encoded = dag_cbor.encode(MESSAGE)
    assert cbor2.dumps(MESSAGE) == encoded  # the same bytes on both sides
    cid = CID.decode(CID_STRING)
    cid_bytes = bytes(cid)
    cases = [
        ("cbor2.Message.encode", lambda: cbor2.dumps(MESSAGE), 100_000),
        ("cbor2.Message.decode", lambda: cbor2.loads(encoded), 100_000),
        ("dag_cbor.Message.encode", lambda: dag_cbor.encode(MESSAGE), 10_000),
        ("dag_cbor.Message.decode", lambda: dag_cbor.decode(encoded), 10_000),
        ("multiformats.CID.parseString", lambda: CID.decode(CID_STRING), 10_000),
        ("multiformats.CID.formatString", lambda: cid.encode("base32"), 10_000),
        ("multiformats.CID.parseBytes", lambda: CID.decode(cid_bytes), 10_000),
        ("multiformats.CID.bytes", lambda: bytes(CID("base32", 1, cid.codec, cid.digest)), 10_000),
    ]
    print(f"message bytes: {len(encoded)}  hex: {encoded.hex()}")
    for name, fn, number in cases:
        print(f"{name} {best_ns(fn, number):.0f} ns/op")


if __name__ == "__main__":
    main()
