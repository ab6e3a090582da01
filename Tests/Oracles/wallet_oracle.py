#!/usr/bin/env python3
"""Independent oracle for venus-wallet: key addresses, signature checks, the upstream keystore
cipher, and the bytes each MsgMeta type signs.

Uses coincurve (libsecp256k1), blspy (BLS, Filecoin's basic scheme), pycryptodome (keccak-256,
AES-CTR), hashlib (scrypt, blake2b, sha256) and cbor2. JSON on stdin, JSON on stdout; the
operation is the first argument:

  keys    {"items":[{"type","sk"}]} -> [{"payload": hex}]  address payload of each private key
  verify  {"items":[{"type","data","sig","payload"}]} -> [bool]  signature valid for that address
  encrypt {"password","plain","n","p"} -> upstream CryptoJSON object
  decrypt {"password","crypto"} -> {"plain": hex} or {"error": "mac"}
  objects {} -> CBOR test objects and the bytes upstream signs for each
"""
import hashlib
import json
import os
import sys

import cbor2
import coincurve
from Crypto.Cipher import AES
from Crypto.Hash import keccak
from Crypto.Util import Counter


def keccak256(data):
    h = keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


def blake2b(data, n=32):
    return hashlib.blake2b(data, digest_size=n).digest()


def payload(kind, sk):
    if kind == "bls":
        from blspy import PrivateKey
        return bytes(PrivateKey.from_bytes(bytes(reversed(sk))).get_g1())
    pub = coincurve.PrivateKey(sk).public_key.format(compressed=False)
    if kind == "secp256k1":
        return blake2b(pub, 20)
    return bytes([10]) + keccak256(pub[1:])[-20:]


def verify(kind, data, sig, expected):
    try:
        if kind == "bls":
            from blspy import BasicSchemeMPL, G1Element, G2Element
            return BasicSchemeMPL.verify(G1Element.from_bytes(expected), data, G2Element.from_bytes(sig))
        if len(sig) != 65:
            return False
        digest = blake2b(data) if kind == "secp256k1" else keccak256(data)
        pub = coincurve.PublicKey.from_signature_and_message(sig, digest, hasher=None).format(compressed=False)
        if kind == "secp256k1":
            return blake2b(pub, 20) == expected
        return bytes([10]) + keccak256(pub[1:])[-20:] == expected
    except Exception:
        return False


def ctr(key, iv, data):
    counter = Counter.new(128, initial_value=int.from_bytes(iv, "big"))
    return AES.new(key, AES.MODE_CTR, counter=counter).encrypt(data)


def encrypt(password, plain, n, p):
    pw = keccak256(password.encode())
    salt, iv = os.urandom(32), os.urandom(16)
    dk = hashlib.scrypt(pw, salt=salt, n=n, r=8, p=p, dklen=32, maxmem=2**31 - 1)
    ct = ctr(dk[:16], iv, plain)
    return {
        "cipher": "aes-128-ctr", "ciphertext": ct.hex(), "cipherparams": {"iv": iv.hex()},
        "kdf": "scrypt", "kdfparams": {"dklen": 32, "n": n, "p": p, "r": 8, "salt": salt.hex()},
        "mac": keccak256(dk[16:32] + ct).hex(),
    }


def decrypt(password, c):
    pw = keccak256(password.encode())
    kp = c["kdfparams"]
    dk = hashlib.scrypt(pw, salt=bytes.fromhex(kp["salt"]), n=kp["n"], r=kp["r"], p=kp["p"], dklen=kp["dklen"],
                        maxmem=2**31 - 1)
    ct = bytes.fromhex(c["ciphertext"])
    if keccak256(dk[16:32] + ct).hex() != c["mac"]:
        return {"error": "mac"}
    return {"plain": ctr(dk[:16], bytes.fromhex(c["cipherparams"]["iv"]), ct).hex()}


def cid(data):
    return bytes([0x01, 0x71, 0xA0, 0xE4, 0x02, 0x20]) + blake2b(data)


def objects():
    piece = cbor2.CBORTag(42, bytes([0]) + bytes([0x01, 0x81, 0xE2, 0x03, 0x92, 0x20, 0x20]) + bytes(range(32)))
    addr1, addr2 = bytes([0, 0xE8, 0x07]), bytes([0, 0xE9, 0x07])
    big = b"\x00\x01\x00"
    proposal = [piece, 2048, False, addr1, addr2, "label", 100, 200, big, big, big]
    client_deal = [proposal, bytes([1]) + bytes(65)]
    voucher = [addr1, 0, 0, b"", None, 1, 2, big, 0, [], bytes([1]) + bytes(65)]
    voucher_unsigned = voucher[:10] + [None]
    ask = {"Price": big, "VerifiedPrice": big, "MinPieceSize": 256, "MaxPieceSize": 2048, "Miner": addr1,
           "Timestamp": 10, "Expiry": 20, "SeqNo": 3}
    ask_tuple = [ask[k] for k in ["Price", "VerifiedPrice", "MinPieceSize", "MaxPieceSize", "Miner", "Timestamp",
                                  "Expiry", "SeqNo"]]
    ask_response = {"Ask": {"Ask": ask, "Signature": bytes([1]) + bytes(65)}}
    response = {"State": 7, "Message": "", "Proposal": piece, "Signature": bytes([1]) + bytes(65),
                "PublishMessage": None}
    deal_state = {"State": 7, "Message": "ok", "Proposal": proposal, "ProposalCid": piece, "AddFundsCid": None,
                  "PublishCid": None, "DealID": 5, "FastRetrieval": True}
    rbase, entropy = bytes(range(10)), b"entropy!"
    draw = cbor2.dumps({"Rbase": rbase, "Pers": 2, "Round": 1234, "Entropy": entropy})
    draw_digest = blake2b((2).to_bytes(8, "big", signed=True) + blake2b(rbase) + (1234).to_bytes(8, "big", signed=True)
                          + entropy)
    canon = lambda v: cbor2.dumps(v, canonical=True)
    return {
        "dealproposal": {"data": canon(proposal).hex(), "signed": canon(proposal).hex()},
        "clientdeal": {"data": canon(client_deal).hex(), "signed": cid(canon(client_deal)).hex()},
        "signedvoucher": {"data": canon(voucher).hex(), "signed": canon(voucher_unsigned).hex()},
        "storageask": {"data": canon(ask).hex(), "signed": canon(ask).hex()},
        "askresponse": {"data": canon(ask_response).hex(), "signed": canon(ask_tuple).hex()},
        "networkresposne": {"data": canon(response).hex(), "signed": canon(response).hex()},
        "providerdealstate": {"data": canon(deal_state).hex(), "signed": canon(deal_state).hex()},
        "drawrandomparam": {"data": draw.hex(), "signed": draw_digest.hex()},
        # Not canonical: map keys out of length-first order; the policy must refuse it.
        "noncanonical_storageask": cbor2.dumps(ask).hex(),
    }


def main():
    op = sys.argv[1]
    req = json.load(sys.stdin)
    if op == "keys":
        out = [{"payload": payload(i["type"], bytes.fromhex(i["sk"])).hex()} for i in req["items"]]
    elif op == "verify":
        out = [verify(i["type"], bytes.fromhex(i["data"]), bytes.fromhex(i["sig"]), bytes.fromhex(i["payload"]))
               for i in req["items"]]
    elif op == "encrypt":
        out = encrypt(req["password"], bytes.fromhex(req["plain"]), req["n"], req["p"])
    elif op == "decrypt":
        out = decrypt(req["password"], req["crypto"])
    elif op == "objects":
        out = objects()
    else:
        raise SystemExit("unknown op " + op)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
