#!/usr/bin/env python3
"""Peer timings for the chain-type benchmarks (ChainTypesBenchmarks.swift): the same Message and
BlockHeader built as cbor2 lists, encoded and decoded by cbor2 (C extension), CIDs by hashlib.

Usage: python3 Benchmarks/peers/types_peer.py   (one "name ns/op" line per case, best of 5)
"""
import hashlib
import timeit

import cbor2


def big(value):
    return b"" if value == 0 else b"\x00" + value.to_bytes((value.bit_length() + 7) // 8, "big")


def cid_bytes(data):
    return bytes([0x01, 0x71, 0xA0, 0xE4, 0x02, 0x20]) + hashlib.blake2b(data, digest_size=32).digest()


MESSAGE = [0, bytes([0x00, 0xE8, 0x07]), bytes([0x02]) + hashlib.blake2b(bytes(range(1, 21)), digest_size=20).digest(),
           12345, big(10**18), 2_500_000, big(100_000), big(99_999), 2, bytes(range(64))]


def header():
    link = cbor2.CBORTag(42, b"\x00" + cid_bytes(cbor2.dumps(MESSAGE)))
    return [bytes([0x00, 0xE8, 0x07]), [bytes([7]) * 96], [1, bytes([8]) * 96], [[1_000_000, bytes([9]) * 96]],
            [[3, bytes([10]) * 192]], [link, link], big(123_456_789), 1_000_000, link, link, link,
            bytes([2]) + bytes([11]) * 96, 1_700_000_000, bytes([2]) + bytes([12]) * 96, 0, big(100)]


def best_ns(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e9


def main():
    message_bytes = cbor2.dumps(MESSAGE)
    header_value = header()
    header_bytes = cbor2.dumps(header_value)
    cases = [
        ("cbor2.Message.encode", lambda: cbor2.dumps(MESSAGE), 100_000),
        ("cbor2.Message.decode", lambda: cbor2.loads(message_bytes), 100_000),
        ("hashlib.Message.cid", lambda: cid_bytes(cbor2.dumps(MESSAGE)), 100_000),
        ("cbor2.BlockHeader.encode", lambda: cbor2.dumps(header_value), 50_000),
        ("cbor2.BlockHeader.decode", lambda: cbor2.loads(header_bytes), 50_000),
        ("hashlib.BlockHeader.cid", lambda: cid_bytes(cbor2.dumps(header_value)), 50_000),
    ]
    print(f"message bytes: {len(message_bytes)}  header bytes: {len(header_bytes)}")
    for name, fn, number in cases:
        print(f"{name} {best_ns(fn, number):.0f} ns/op")


if __name__ == "__main__":
    main()
