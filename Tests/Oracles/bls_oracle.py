#!/usr/bin/env python3
"""Independent BLS oracle for the BLS12381 tests: blspy (blst/relic-based chia library) or
py_ecc (pure Python), both in the basic scheme with DST BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_.

Usage: bls_oracle.py blspy|py_ecc, JSON request on stdin, JSON answer on stdout.
Private keys cross the boundary in Filecoin's order (32 bytes little-endian, hex); the oracle
converts to the big-endian order its library expects. All other values are hex byte strings.

Request keys (all optional):
  "generate": {"count": n, "aggregate": k}  -> the oracle makes n random keys and messages, signs,
      and returns them with a wrong-message signature each and an aggregate of the first k.
  "bulk": {"count": n, "keys": k}          -> n distinct messages signed round-robin by k random
      keys; returns the keys' public keys, the messages and only the aggregate signature.
  "derive": [sk...]                         -> public keys
  "sign": [{"sk", "msg"}]                   -> signatures
  "verify": [{"pk", "msg", "sig"}]          -> booleans (malformed inputs count as false)
  "aggregate": [[sig...]]                   -> aggregate signatures
  "aggregate_verify": [{"pks", "msgs", "sig"}] -> booleans
  "g1_valid" / "g2_valid": [encoding...]    -> whether the library accepts the point encoding
"""
import json
import os
import sys

BACKEND = sys.argv[1] if len(sys.argv) > 1 else "blspy"


class Blspy:
    def __init__(self):
        import blspy
        self.b = blspy

    def sk(self, le_hex):
        return self.b.PrivateKey.from_bytes(bytes.fromhex(le_hex)[::-1])

    def random_sk(self):
        return self.b.BasicSchemeMPL.key_gen(os.urandom(32))

    def sk_le(self, sk):
        return bytes(sk)[::-1].hex()

    def pk(self, sk):
        return bytes(sk.get_g1()).hex()

    def sign(self, sk, msg):
        return bytes(self.b.BasicSchemeMPL.sign(sk, msg)).hex()

    def g1(self, h):
        return self.b.G1Element.from_bytes(bytes.fromhex(h))

    def g2(self, h):
        return self.b.G2Element.from_bytes(bytes.fromhex(h))

    def verify(self, pk, msg, sig):
        return self.b.BasicSchemeMPL.verify(self.g1(pk), msg, self.g2(sig))

    def aggregate(self, sigs):
        return bytes(self.b.BasicSchemeMPL.aggregate([self.g2(s) for s in sigs])).hex()

    def aggregate_verify(self, pks, msgs, sig):
        return self.b.BasicSchemeMPL.aggregate_verify([self.g1(p) for p in pks], msgs, self.g2(sig))


class PyEcc:
    def __init__(self):
        from py_ecc.bls import G2Basic
        from py_ecc.bls.g2_primitives import pubkey_to_G1, signature_to_G2
        from py_ecc.optimized_bls12_381 import curve_order
        self.s = G2Basic
        self.pubkey_to_G1 = pubkey_to_G1
        self.signature_to_G2 = signature_to_G2
        self.order = curve_order

    def sk(self, le_hex):
        return int.from_bytes(bytes.fromhex(le_hex), "little")

    def random_sk(self):
        return int.from_bytes(os.urandom(48), "big") % (self.order - 1) + 1

    def sk_le(self, sk):
        return sk.to_bytes(32, "little").hex()

    def pk(self, sk):
        return bytes(self.s.SkToPk(sk)).hex()

    def sign(self, sk, msg):
        return bytes(self.s.Sign(sk, msg)).hex()

    def g1(self, h):
        b = bytes.fromhex(h)
        if not self.s.KeyValidate(b):
            raise ValueError("invalid G1")
        return b

    def g2(self, h):
        b = bytes.fromhex(h)
        self.signature_to_G2(b)  # raises on a bad encoding, off-curve or out-of-subgroup point
        return b

    def verify(self, pk, msg, sig):
        return self.s.Verify(bytes.fromhex(pk), msg, bytes.fromhex(sig))

    def aggregate(self, sigs):
        return bytes(self.s.Aggregate([bytes.fromhex(s) for s in sigs])).hex()

    def aggregate_verify(self, pks, msgs, sig):
        return self.s.AggregateVerify([bytes.fromhex(p) for p in pks], msgs, bytes.fromhex(sig))


def safely(f, *args):
    try:
        return bool(f(*args))
    except Exception:
        return False


def main():
    o = Blspy() if BACKEND == "blspy" else PyEcc()
    req = json.load(sys.stdin)
    out = {}
    if "generate" in req:
        g = req["generate"]
        cases = []
        seen = set()
        for _ in range(g["count"]):
            sk = o.random_sk()
            # Distinct messages: the basic scheme's aggregate verification rejects repeats, and
            # short random messages (1 byte in 64 cases) would otherwise repeat about once in
            # a hundred runs of 200 cases.
            msg = os.urandom(1 + os.urandom(1)[0] % 64)
            while msg in seen:
                msg = os.urandom(1 + os.urandom(1)[0] % 64)
            seen.add(msg)
            other = msg + b"\x00"
            cases.append({
                "sk": o.sk_le(sk), "pk": o.pk(sk), "msg": msg.hex(), "sig": o.sign(sk, msg),
                "other_msg": other.hex(), "other_sig": o.sign(sk, other),
            })
        k = g.get("aggregate", 0)
        out["generate"] = {
            "cases": cases,
            "aggregate": o.aggregate([c["sig"] for c in cases[:k]]) if k else None,
        }
    if "bulk" in req:
        b = req["bulk"]
        sks = [o.random_sk() for _ in range(b["keys"])]
        pks = [o.pk(sk) for sk in sks]
        msgs = [i.to_bytes(4, "big") + os.urandom(12) for i in range(b["count"])]
        sigs = [o.sign(sks[i % len(sks)], m) for i, m in enumerate(msgs)]
        out["bulk"] = {
            "pks": [pks[i % len(sks)] for i in range(len(msgs))],
            "msgs": [m.hex() for m in msgs],
            "aggregate": o.aggregate(sigs),
        }
    if "derive" in req:
        out["derive"] = [o.pk(o.sk(sk)) for sk in req["derive"]]
    if "sign" in req:
        out["sign"] = [o.sign(o.sk(c["sk"]), bytes.fromhex(c["msg"])) for c in req["sign"]]
    if "verify" in req:
        out["verify"] = [safely(o.verify, c["pk"], bytes.fromhex(c["msg"]), c["sig"]) for c in req["verify"]]
    if "aggregate" in req:
        out["aggregate"] = [o.aggregate(s) for s in req["aggregate"]]
    if "aggregate_verify" in req:
        out["aggregate_verify"] = [
            safely(o.aggregate_verify, c["pks"], [bytes.fromhex(m) for m in c["msgs"]], c["sig"])
            for c in req["aggregate_verify"]
        ]
    if "g1_valid" in req:
        out["g1_valid"] = [safely(o.g1, h) for h in req["g1_valid"]]
    if "g2_valid" in req:
        out["g2_valid"] = [safely(o.g2, h) for h in req["g2_valid"]]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
