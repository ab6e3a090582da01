#!/usr/bin/env python3
"""Peer timings for CryptoBenchmarks: the same operations on the same inputs, through C
libraries from Python (hashlib's BLAKE2b, pycryptodome's keccak, coincurve's libsecp256k1), and
addresses in plain Python (hashlib + base64), the way a Python Filecoin tool would do them.

Prints one line per operation: name, median nanoseconds per operation (best of 7 repeats of an
auto-sized loop). Python call overhead (about 50-100 ns) is included, as it is for any caller.
Usage: python3 Benchmarks/peers/crypto_peer.py
"""
import base64
import hashlib
import timeit

import coincurve
from Crypto.Hash import keccak


def pattern(count):
    return bytes((i * 31 + 7) & 0xFF for i in range(count))


def blake2b256(data):
    return hashlib.blake2b(data, digest_size=32).digest()


def keccak256(data):
    return keccak.new(data=data, digest_bits=256).digest()


def f1_string(payload):
    checksum = hashlib.blake2b(b"\x01" + payload, digest_size=4).digest()
    return "f1" + base64.b32encode(payload + checksum).decode().rstrip("=").lower()


def f1_parse(text):
    raw = text[2:]
    data = base64.b32decode(raw.upper() + "=" * (-len(raw) % 8))
    payload, checksum = data[:-4], data[-4:]
    if hashlib.blake2b(b"\x01" + payload, digest_size=4).digest() != checksum:
        raise ValueError("checksum")
    return b"\x01" + payload


def uvarint(value):
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def f0_parse(text):
    return b"\x00" + uvarint(int(text[2:]))


def f0_format(address_bytes):
    value, shift = 0, 0
    for byte in address_bytes[1:]:
        value |= (byte & 0x7F) << shift
        shift += 7
    return "f0" + str(value)


def measure(name, function):
    timer = timeit.Timer(function)
    loops, _ = timer.autorange()
    best = min(timer.repeat(repeat=7, number=loops)) / loops
    print(f"{name}\t{best * 1e9:.0f}")


def main():
    for label, size in (("32 B", 32), ("1 KiB", 1024), ("1 MiB", 1 << 20)):
        data = pattern(size)
        measure(f"blake2b-256 {label}", lambda data=data: blake2b256(data))
        measure(f"keccak-256 {label}", lambda data=data: keccak256(data))

    digest = blake2b256(pattern(32))
    key = coincurve.PrivateKey(blake2b256(b"venus benchmark key"))
    public = key.public_key.format(compressed=False)
    signature = key.sign_recoverable(digest, hasher=None)
    measure("secp256k1 sign (digest)", lambda: key.sign_recoverable(digest, hasher=None))
    measure("secp256k1 recover (digest)",
            lambda: coincurve.PublicKey.from_signature_and_message(signature, digest, hasher=None))
    measure("secp256k1 verify (digest, recover+compare)",
            lambda: coincurve.PublicKey.from_signature_and_message(
                signature, digest, hasher=None).format(compressed=False) == public)

    payload = hashlib.blake2b(public, digest_size=20).digest()
    f1 = f1_string(payload)
    measure("address f1 format", lambda: f1_string(payload))
    measure("address f1 parse", lambda: f1_parse(f1))
    f0 = f0_parse("f0123456")
    measure("address f0 format", lambda: f0_format(f0))
    measure("address f0 parse", lambda: f0_parse("f0123456"))


if __name__ == "__main__":
    main()
