#!/usr/bin/env python3
"""Independent oracle: DAG-CBOR encoding and CIDv1 bytes of Filecoin messages.

Input JSON: {"messages": [<Lotus JSON unsigned message>...], "cbor_hex": ["..."]}
Output JSON: {"messages": [{"cbor": hex, "cid": hex}], "cbor_hex": [{"cid": hex}]}
The CID is 0x01 0x71 0xa0 0xe4 0x02 0x20 || blake2b-256(cbor) (CIDv1, dag-cbor, blake2b-256).
Uses only cbor2 and hashlib.
"""
import base64
import hashlib
import json
import sys

import cbor2

B32 = "abcdefghijklmnopqrstuvwxyz234567"


def b32decode(text):
    bits = 0
    acc = 0
    out = bytearray()
    for ch in text:
        acc = (acc << 5) | B32.index(ch)
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def leb128(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def address_bytes(addr):
    protocol = int(addr[1])
    rest = addr[2:]
    if protocol == 0:
        return bytes([0]) + leb128(int(rest))
    payload = b32decode(rest)[:-4]
    return bytes([protocol]) + payload


def bigint_bytes(text):
    n = int(text)
    if n == 0:
        return b""
    sign = b"\x01" if n < 0 else b"\x00"
    n = abs(n)
    return sign + n.to_bytes((n.bit_length() + 7) // 8, "big")


def cid(cbor):
    return bytes([0x01, 0x71, 0xA0, 0xE4, 0x02, 0x20]) + hashlib.blake2b(cbor, digest_size=32).digest()


def encode(msg):
    params = msg.get("Params") or ""
    fields = [
        msg.get("Version", 0),
        address_bytes(msg["To"]),
        address_bytes(msg["From"]),
        msg["Nonce"],
        bigint_bytes(msg["Value"]),
        msg["GasLimit"],
        bigint_bytes(msg["GasFeeCap"]),
        bigint_bytes(msg["GasPremium"]),
        msg["Method"],
        base64.b64decode(params),
    ]
    return cbor2.dumps(fields)


def main():
    request = json.load(sys.stdin)
    result = {"messages": [], "cbor_hex": []}
    for msg in request.get("messages", []):
        cbor = encode(msg)
        result["messages"].append({"cbor": cbor.hex(), "cid": cid(cbor).hex()})
    for h in request.get("cbor_hex", []):
        result["cbor_hex"].append({"cid": cid(bytes.fromhex(h)).hex()})
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
