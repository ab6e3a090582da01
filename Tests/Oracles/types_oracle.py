#!/usr/bin/env python3
"""Independent oracle for Filecoin addresses, message CBOR, CIDs and secp256k1 signatures.

Uses only cbor2, hashlib and coincurve (libsecp256k1); none of the project's code.

  types_oracle.py generate COUNT SEED   -> JSON list of cases (stdin ignored)
  types_oracle.py verify                -> reads [{address, cid_hex, signature_hex}], writes [bool]
"""
import base64
import hashlib
import json
import random
import sys

import cbor2
import coincurve


def blake2b(data, size):
    return hashlib.blake2b(data, digest_size=size).digest()


def b32(data):
    return base64.b32encode(data).decode().lower().rstrip("=")


def uvarint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def address(protocol, payload, network):
    """Returns (string, bytes) for an address."""
    if protocol == 0:
        return f"{network}0{payload}", bytes([0]) + uvarint(payload)
    checksum = blake2b(bytes([protocol]) + payload, 4)
    return f"{network}{protocol}{b32(payload + checksum)}", bytes([protocol]) + payload


def secp_address(public_key_uncompressed, network):
    return address(1, blake2b(public_key_uncompressed, 20), network)


def big_bytes(value):
    if value == 0:
        return b""
    sign = b"\x01" if value < 0 else b"\x00"
    magnitude = abs(value)
    return sign + magnitude.to_bytes((magnitude.bit_length() + 7) // 8, "big")


def cid_bytes(data):
    return bytes([0x01, 0x71, 0xA0, 0xE4, 0x02, 0x20]) + blake2b(data, 32)


def cid_string(raw):
    return "b" + b32(raw)


def random_address(rng, network):
    kind = rng.randrange(4)
    if kind == 0:
        return address(0, rng.choice([0, rng.randrange(1 << 20), rng.randrange(1 << 63)]), network)
    if kind == 1:
        key = coincurve.PrivateKey(bytes(rng.randrange(256) for _ in range(32)))
        return secp_address(key.public_key.format(compressed=False), network)
    if kind == 2:
        return address(2, bytes(rng.randrange(256) for _ in range(20)), network)
    return address(3, bytes(rng.randrange(256) for _ in range(48)), network)


def random_amount(rng):
    return rng.choice([0, 1, rng.randrange(10**18), rng.randrange(10**30), rng.randrange(1 << 64)])


def generate(count, seed):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        network = rng.choice("ft")
        secret = bytes(rng.randrange(256) for _ in range(32))
        key = coincurve.PrivateKey(secret)
        from_string, from_bytes = secp_address(key.public_key.format(compressed=False), network)
        to_string, to_bytes = random_address(rng, network)
        nonce = rng.choice([0, rng.randrange(1000), rng.randrange(1 << 64)])
        value = random_amount(rng)
        gas_limit = rng.choice([0, rng.randrange(10**10), -rng.randrange(1 << 63), rng.randrange(1 << 63)])
        fee_cap = random_amount(rng)
        premium = random_amount(rng)
        method = rng.choice([0, 2, rng.randrange(1 << 32), rng.randrange(1 << 64)])
        params = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 40, 300])))
        fields = [0, to_bytes, from_bytes, nonce, big_bytes(value), gas_limit,
                  big_bytes(fee_cap), big_bytes(premium), method, params]
        message_cbor = cbor2.dumps(fields)
        message_cid = cid_bytes(message_cbor)
        signature = key.sign_recoverable(blake2b(message_cid, 32), hasher=None)
        signed_cbor = cbor2.dumps([fields, bytes([1]) + signature])
        cases.append({
            "network": network,
            "json": {
                "Version": 0, "To": to_string, "From": from_string, "Nonce": nonce,
                "Value": str(value), "GasLimit": gas_limit, "GasFeeCap": str(fee_cap),
                "GasPremium": str(premium), "Method": method,
                "Params": base64.b64encode(params).decode() if params else None,
                "CID": {"/": cid_string(message_cid)},
            },
            "from_bytes_hex": from_bytes.hex(),
            "to_bytes_hex": to_bytes.hex(),
            "cbor_hex": message_cbor.hex(),
            "cid": cid_string(message_cid),
            "cid_hex": message_cid.hex(),
            "signature_hex": signature.hex(),
            "signed_cbor_hex": signed_cbor.hex(),
            "signed_cid": cid_string(cid_bytes(signed_cbor)),
        })
    return cases


def verify(requests):
    """Checks signatures made by the code under test: recover with libsecp256k1 and compare the address."""
    results = []
    for request in requests:
        signature = bytes.fromhex(request["signature_hex"])
        digest = blake2b(bytes.fromhex(request["cid_hex"]), 32)
        try:
            public_key = coincurve.PublicKey.from_signature_and_message(signature, digest, hasher=None)
            recovered, _ = secp_address(public_key.format(compressed=False), request["address"][0])
            valid_der = coincurve.PublicKey(public_key.format()).verify(
                coincurve.ecdsa.cdata_to_der(coincurve.ecdsa.recoverable_convert(
                    coincurve.ecdsa.deserialize_recoverable(signature))), digest, hasher=None)
            results.append(recovered == request["address"] and valid_der)
        except Exception:
            results.append(False)
    return results


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "generate":
        json.dump(generate(int(sys.argv[2]), int(sys.argv[3])), sys.stdout)
    elif mode == "verify":
        json.dump(verify(json.load(sys.stdin)), sys.stdout)
    else:
        sys.exit(f"unknown mode {mode}")
