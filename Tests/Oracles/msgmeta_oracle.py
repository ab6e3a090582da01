#!/usr/bin/env python3
"""Independent oracle: the MsgMeta CID Lotus computes for a block's messages (computeMsgMeta).

Each message list is a legacy (go-amt-ipld v0) AMT of CIDs: for at most 8 entries the root is
[height 0, count, [bitmap (1 byte), [] links, [CID...] values]]. MsgMeta is [blsRoot, secpRoot].
CIDs are CIDv1 dag-cbor blake2b-256 (0x01 0x71 0xa0 0xe4 0x02 0x20 || digest), written in CBOR as
tag 42 over a byte string with a leading 0x00. Hand-written CBOR; only hashlib and json.

Request on stdin: {"bls": [hex cbor of each message], "secp": [hex cbor of each signed message]}
Answer on stdout: {"bls_root": hex cid, "secp_root": hex cid, "msgmeta": hex cid}
"""
import hashlib
import json
import sys


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    if n < 256:
        return bytes([major << 5 | 24, n])
    if n < 65536:
        return bytes([major << 5 | 25]) + n.to_bytes(2, "big")
    return bytes([major << 5 | 26]) + n.to_bytes(4, "big")


def cid_of(data):
    return bytes([0x01, 0x71, 0xA0, 0xE4, 0x02, 0x20]) + hashlib.blake2b(data, digest_size=32).digest()


def cbor_cid(cid):
    payload = b"\x00" + cid
    return bytes([0xD8, 42]) + head(2, len(payload)) + payload


def amt_of_cids(cids):
    assert len(cids) <= 8, "the oracle builds single-node AMTs only"
    bitmap = 0
    for i in range(len(cids)):
        bitmap |= 1 << i
    node = head(4, 3) + head(2, 1) + bytes([bitmap]) + head(4, 0) + head(4, len(cids))
    for c in cids:
        node += cbor_cid(c)
    root = head(4, 3) + head(0, 0) + head(0, len(cids)) + node
    return cid_of(root)


request = json.load(sys.stdin)
bls = amt_of_cids([cid_of(bytes.fromhex(m)) for m in request["bls"]])
secp = amt_of_cids([cid_of(bytes.fromhex(m)) for m in request["secp"]])
meta = head(4, 2) + cbor_cid(bls) + cbor_cid(secp)
print(json.dumps({"bls_root": bls.hex(), "secp_root": secp.hex(), "msgmeta": cid_of(meta).hex()}))
