#!/usr/bin/env python3
"""Independent Filecoin address oracle for AddressTests (hashlib, base64, coincurve only).

Requests on stdin ({"op": ..., ...}), JSON answer on stdout:
  cases  {"count": n, "seed": s} -> random addresses of every protocol:
         [{"protocol", "input" (hex: private key, actor data, BLS key or subaddress), "id"
           (ID or namespace, decimal string), "public" (secp: uncompressed key), "bytes" (hex),
           "mainnet", "testnet"}]
  decode {"items": [string]} -> for each valid string {"bytes": hex, "network": "f"|"t"},
         else {"error": message}. Checks prefix, protocol, base32 (canonical), lengths, checksum.
"""
import base64
import hashlib
import json
import random
import sys

MAX_ID = 2**63 - 1


def blake2b(data, size):
    return hashlib.blake2b(data, digest_size=size).digest()


def uvarint(value):
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def read_uvarint(data):
    value, shift = 0, 0
    for index, byte in enumerate(data):
        if index >= 9:
            raise ValueError("varint too long")
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            if byte == 0 and index > 0:
                raise ValueError("varint not minimal")
            return value, index + 1
        shift += 7
    raise ValueError("varint truncated")


def b32(data):
    return base64.b32encode(data).decode().rstrip("=").lower()


def unb32(text):
    if text != text.lower() or any(c not in "abcdefghijklmnopqrstuvwxyz234567" for c in text):
        raise ValueError("bad base32 character")
    padded = text.upper() + "=" * (-len(text) % 8)
    data = base64.b32decode(padded)
    if b32(data) != text:
        raise ValueError("non-canonical base32")
    return data


def encode(protocol, payload, prefix):
    checksum = blake2b(bytes([protocol]) + payload, 4)
    if protocol == 0:
        return f"{prefix}0{read_uvarint(payload)[0]}"
    if protocol == 4:
        namespace, used = read_uvarint(payload)
        return f"{prefix}4{namespace}f{b32(payload[used:] + checksum)}"
    return f"{prefix}{protocol}{b32(payload + checksum)}"


def decode(text):
    if not 3 <= len(text) <= 115 or text[0] not in "ft" or text[1] not in "01234":
        raise ValueError("bad length, network or protocol")
    protocol, raw = int(text[1]), text[2:]
    if protocol == 0:
        if len(raw) > 19 or not raw.isdigit() or not raw.isascii() or int(raw) > MAX_ID:
            raise ValueError("bad id")
        return bytes([0]) + uvarint(int(raw))
    if protocol == 4:
        namespace, sub = raw.split("f", 1)
        if len(namespace) > 19 or not namespace.isdigit() or not namespace.isascii() or int(namespace) > MAX_ID:
            raise ValueError("bad namespace")
        data = unb32(sub)
        payload = uvarint(int(namespace)) + data[:-4]
        if len(data) < 4 or len(data) - 4 > 54:
            raise ValueError("bad subaddress length")
    else:
        data = unb32(raw)
        payload = data[:-4]
        if len(payload) != (48 if protocol == 3 else 20):
            raise ValueError("bad payload length")
    if blake2b(bytes([protocol]) + payload, 4) != data[-4:]:
        raise ValueError("bad checksum")
    return bytes([protocol]) + payload


def main():
    request = json.load(sys.stdin)
    if request["op"] == "cases":
        import coincurve
        rng = random.Random(request["seed"])
        out = []
        for index in range(request["count"]):
            protocol = index % 5
            case = {"protocol": protocol}
            if protocol == 0:
                # Spread IDs over every varint length, including the extremes.
                bits = rng.randrange(0, 64)
                value = rng.choice([0, MAX_ID, rng.getrandbits(bits) if bits else 0])
                case["id"] = str(value)
                payload = uvarint(value)
            elif protocol == 1:
                key = coincurve.PrivateKey(rng.randbytes(32))
                public = key.public_key.format(compressed=False)
                case["input"] = key.secret.hex()
                case["public"] = public.hex()
                payload = blake2b(public, 20)
            elif protocol == 2:
                data = rng.randbytes(rng.randrange(0, 100))
                case["input"] = data.hex()
                payload = blake2b(data, 20)
            elif protocol == 3:
                payload = rng.randbytes(48)
                case["input"] = payload.hex()
            else:
                namespace = rng.choice([0, 10, 32, MAX_ID, rng.getrandbits(rng.randrange(1, 64))])
                sub = rng.randbytes(rng.choice([0, 20, 54, rng.randrange(0, 55)]))
                case["id"] = str(namespace)
                case["input"] = sub.hex()
                payload = uvarint(namespace) + sub
            case["bytes"] = (bytes([protocol]) + payload).hex()
            case["mainnet"] = encode(protocol, payload, "f")
            case["testnet"] = encode(protocol, payload, "t")
            out.append(case)
    elif request["op"] == "decode":
        out = []
        for text in request["items"]:
            try:
                out.append({"bytes": decode(text).hex(), "network": text[0]})
            except Exception as error:  # noqa: BLE001 (any failure is an invalid address)
                out.append({"error": str(error)})
    else:
        raise SystemExit(f"unknown op {request['op']}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
