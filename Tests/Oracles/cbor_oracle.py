#!/usr/bin/env python3
"""DAG-CBOR oracle backed by independent Python codecs: `dag_cbor` (strict DAG-CBOR) and `cbor2`.

Values travel as a tagged JSON description so both sides agree on the value without trusting
either codec:
  {"uint": "n"}         the integer n >= 0 (decimal string, up to 2^64-1)
  {"nint": "n"}         the integer -1-n (n decimal, up to 2^64-1)
  {"bytes": "hex"}, {"text": "..."}, {"array": [...]}, {"map": [["key", value], ...]},
  {"cid": "hex of the binary CID"}, {"bool": b}, {"null": null}, {"float": "hex of the 8 IEEE bytes"}

Modes (argv[1]); JSON on stdin, JSON on stdout:
  generate  {"seed": s, "count": n} -> [{"hex": dag_cbor.encode(value), "value": description}]
  check     [{"hex": ..., "value": description}] -> [{"ok": bool, "why": str}]
            ok when dag_cbor.decode(hex) equals the value, dag_cbor.encode(value) == hex,
            and cbor2.loads(hex) equals the value too (CIDs as tag 42).
  cids      {"seed": s, "count": n} -> [{"hex": binary CID, "text": canonical string,
            "base32upper": ..., "base58btc": ...}] formatted by `multiformats` (v0 has only "text")
"""
import json
import math
import random
import struct
import sys

import cbor2
import dag_cbor
from multiformats import CID


def build(d):
    (kind, payload), = d.items()
    if kind == "uint":
        return int(payload)
    if kind == "nint":
        return -1 - int(payload)
    if kind == "bytes":
        return bytes.fromhex(payload)
    if kind == "text":
        return payload
    if kind == "array":
        return [build(x) for x in payload]
    if kind == "map":
        return {k: build(v) for k, v in payload}
    if kind == "cid":
        return CID.decode(bytes.fromhex(payload))
    if kind == "bool":
        return bool(payload)
    if kind == "null":
        return None
    if kind == "float":
        return struct.unpack(">d", bytes.fromhex(payload))[0]
    raise ValueError(f"unknown kind {kind}")


def describe(v):
    if v is None:
        return {"null": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"uint": str(v)} if v >= 0 else {"nint": str(-1 - v)}
    if isinstance(v, float):
        return {"float": struct.pack(">d", v).hex()}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, str):
        return {"text": v}
    if isinstance(v, list):
        return {"array": [describe(x) for x in v]}
    if isinstance(v, dict):
        return {"map": [[k, describe(x)] for k, x in v.items()]}
    if isinstance(v, CID):
        return {"cid": bytes(v).hex()}
    raise ValueError(f"cannot describe {type(v)}")


def same(a, b, cid_as_tag=False):
    """Type-exact equality (True is not 1, 0.0 is not -0.0)."""
    if cid_as_tag and isinstance(b, CID):
        return isinstance(a, cbor2.CBORTag) and a.tag == 42 and a.value == b"\x00" + bytes(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack(">d", a) == struct.pack(">d", b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y, cid_as_tag) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], cid_as_tag) for k in a)
    if isinstance(a, CID):
        return bytes(a) == bytes(b)
    return a == b


def random_text(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            out.append(chr(rng.randint(0x20, 0x7E)))
        elif r < 0.8:
            out.append(chr(rng.randint(0x80, 0x7FF)))
        elif r < 0.9:
            c = rng.randint(0x800, 0xFFFF)
            out.append(chr(c if not 0xD800 <= c <= 0xDFFF else 0xE000))
        else:
            out.append(chr(rng.randint(0x10000, 0x10FFFF)))
    return "".join(out)


def random_int(rng):
    r = rng.random()
    if r < 0.3:
        return rng.randint(-30, 30)
    # Values near every head-width boundary, plus the full range.
    edges = [23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1]
    if r < 0.7:
        e = rng.choice(edges) + rng.randint(-1, 1)
        e = min(e, 2**64 - 1)
        return e if rng.random() < 0.5 else -1 - e
    return rng.randint(-(2**64), 2**64 - 1)


def random_float(rng):
    r = rng.random()
    if r < 0.2:
        return rng.choice([0.0, -0.0, 1.0, -1.5, 5e-324, 1.7976931348623157e308, 0.1])
    while True:
        f = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
        if math.isfinite(f):
            return f


def random_cid(rng):
    kind = rng.random()
    if kind < 0.2:  # CIDv0: sha2-256 multihash only
        return CID.decode(bytes([0x12, 0x20]) + rng.randbytes(32))
    codec = rng.choice([b"\x71", b"\x55", b"\x70", b"\xa9\x02", b"\x81\xe2\x03", b"\x82\xe2\x03"])
    # multiformats has no poseidon (0xb401) implementation, so it is left out here.
    mh = rng.choice([b"\x12\x20", b"\xa0\xe4\x02\x20", b"\x92\x20\x20"])
    return CID.decode(b"\x01" + codec + mh + rng.randbytes(32))


def random_value(rng, depth):
    choices = ["int", "bytes", "text", "cid", "bool", "null", "float"]
    if depth < 4:
        choices += ["array", "map", "array", "map"]
    kind = rng.choice(choices)
    if kind == "int":
        return random_int(rng)
    if kind == "bytes":
        return rng.randbytes(rng.choice([0, 1, 5, 23, 24, 40, 300]))
    if kind == "text":
        return random_text(rng, rng.choice([0, 1, 3, 10, 30]))
    if kind == "cid":
        return random_cid(rng)
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "float":
        return random_float(rng)
    n = rng.choice([0, 1, 2, 3, 5, 8])
    if kind == "array":
        return [random_value(rng, depth + 1) for _ in range(n)]
    # Keys of varied lengths so length-first ordering differs from plain bytewise ordering.
    return {random_text(rng, rng.choice([0, 1, 2, 4, 7])): random_value(rng, depth + 1) for _ in range(n)}


def main():
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    if mode == "generate":
        rng = random.Random(request["seed"])
        out = []
        for _ in range(request["count"]):
            v = random_value(rng, 0)
            out.append({"hex": dag_cbor.encode(v).hex(), "value": describe(v)})
        json.dump(out, sys.stdout)
    elif mode == "check":
        results = []
        for case in request:
            data = bytes.fromhex(case["hex"])
            try:
                expected = build(case["value"])
                decoded = dag_cbor.decode(data)
                if not same(decoded, expected):
                    results.append({"ok": False, "why": f"dag_cbor decoded {decoded!r}, expected {expected!r}"})
                    continue
                reencoded = dag_cbor.encode(expected)
                if reencoded != data:
                    results.append({"ok": False, "why": f"dag_cbor encodes the value as {reencoded.hex()}"})
                    continue
                loose = cbor2.loads(data)
                if not same(loose, expected, cid_as_tag=True):
                    results.append({"ok": False, "why": f"cbor2 decoded {loose!r}"})
                    continue
                results.append({"ok": True, "why": ""})
            except Exception as e:  # report, never crash: the Swift test shows which case failed
                results.append({"ok": False, "why": f"{type(e).__name__}: {e}"})
        json.dump(results, sys.stdout)
    elif mode == "cids":
        rng = random.Random(request["seed"])
        out = []
        for _ in range(request["count"]):
            cid = random_cid(rng)
            # CIDv1 text is canonically base32 lower (multiformats' str() keeps the decoding base).
            entry = {"hex": bytes(cid).hex(), "text": str(cid) if cid.version == 0 else cid.encode("base32")}
            if cid.version == 1:
                entry["base32upper"] = cid.encode("base32upper")
                entry["base58btc"] = cid.encode("base58btc")
            out.append(entry)
        json.dump(out, sys.stdout)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
