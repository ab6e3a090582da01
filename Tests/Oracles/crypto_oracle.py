#!/usr/bin/env python3
"""Independent crypto oracle for FilecoinCryptoTests.

Reads one JSON request on stdin and writes the JSON answer on stdout. Uses only hashlib
(BLAKE2b, SHA3-256), coincurve (libsecp256k1 bindings) and, for keccak-256, pycryptodome.

Requests ({"op": ..., ...}):
  blake2b   {"items": [{"data": hex, "length": n}]}          -> [hex digest]
  sha3_256  {"items": [hex]}                                 -> [hex digest]
  keccak256 {"items": [hex]}                                 -> [hex digest]
  secp_cases {"count": n, "seed": s}  -> coincurve keys, random data and its signatures:
             [{"private", "public", "compressed", "data", "digest", "signature"}]
  secp_check {"items": [{"public", "data", "signature"}]}    -> for each: {"recovered": hex or
             null, "valid": bool} where valid = coincurve verifies the (normalised) signature
             over blake2b-256(data) with the given key, and recovered = the key recovered by
             coincurve, uncompressed.
  secp_public {"items": [private hex]}                       -> [{"public", "compressed"} or null]
  malleate  {"items": [signature hex]}                       -> [r || (n - s) || (v ^ 1)]
"""
import hashlib
import json
import random
import sys

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def blake2b256(data):
    return hashlib.blake2b(data, digest_size=32).digest()


def main():
    request = json.load(sys.stdin)
    op = request["op"]
    if op == "blake2b":
        out = [hashlib.blake2b(bytes.fromhex(i["data"]), digest_size=i["length"]).hexdigest()
               for i in request["items"]]
    elif op == "sha3_256":
        out = [hashlib.sha3_256(bytes.fromhex(i)).hexdigest() for i in request["items"]]
    elif op == "keccak256":
        from Crypto.Hash import keccak
        out = []
        for item in request["items"]:
            h = keccak.new(digest_bits=256)
            h.update(bytes.fromhex(item))
            out.append(h.hexdigest())
    elif op == "secp_cases":
        import coincurve
        rng = random.Random(request["seed"])
        out = []
        for _ in range(request["count"]):
            key = coincurve.PrivateKey(rng.randbytes(32))
            data = rng.randbytes(rng.randrange(0, 300))
            digest = blake2b256(data)
            out.append({
                "private": key.secret.hex(),
                "public": key.public_key.format(compressed=False).hex(),
                "compressed": key.public_key.format(compressed=True).hex(),
                "data": data.hex(),
                "digest": digest.hex(),
                "signature": key.sign_recoverable(digest, hasher=None).hex(),
            })
    elif op == "secp_check":
        import coincurve
        out = []
        for item in request["items"]:
            signature = bytes.fromhex(item["signature"])
            digest = blake2b256(bytes.fromhex(item["data"]))
            try:
                recovered = coincurve.PublicKey.from_signature_and_message(
                    signature, digest, hasher=None).format(compressed=False).hex()
            except Exception:
                recovered = None
            try:
                public = coincurve.PublicKey(bytes.fromhex(item["public"]))
                from coincurve.ecdsa import recoverable_convert, cdata_to_der
                compact = recoverable_convert(coincurve.ecdsa.deserialize_recoverable(signature))
                valid = public.verify(cdata_to_der(compact), digest, hasher=None)
            except Exception:
                valid = False
            out.append({"recovered": recovered, "valid": valid})
    elif op == "secp_public":
        import coincurve
        out = []
        for item in request["items"]:
            try:
                key = coincurve.PrivateKey(bytes.fromhex(item))
                out.append({"public": key.public_key.format(compressed=False).hex(),
                            "compressed": key.public_key.format(compressed=True).hex()})
            except Exception:
                out.append(None)
    elif op == "malleate":
        out = []
        for item in request["items"]:
            signature = bytes.fromhex(item)
            s = int.from_bytes(signature[32:64], "big")
            out.append((signature[:32] + (N - s).to_bytes(32, "big") + bytes([signature[64] ^ 1])).hex())
    else:
        raise SystemExit(f"unknown op {op}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
