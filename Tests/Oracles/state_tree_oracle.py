#!/usr/bin/env python3
"""Independent state-tree reader: walks a CAR's state tree with the dag-cbor package alone.

Input JSON: {"car": path to a CARv1 (zstd allowed via the zstd CLI), "root": state root CID or null
for the first CAR root's ParentStateRoot}. Output: {"actors": n, "totalBalance": decimal string,
"network": init actor network name, "version": state tree version, "blocks": n,
"ids": {"<address hex>": actor id} for every init address-map entry}.
"""
import json
import subprocess
import sys

import dag_cbor
from multiformats import CID

request = json.load(sys.stdin)
path = request["car"]
data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout if path.endswith(".zst") else open(path, "rb").read()


def uvarint(buffer, index):
    value, shift = 0, 0
    while True:
        byte = buffer[index]
        index += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, index


length, index = uvarint(data, 0)
header = dag_cbor.decode(data[index:index + length])
index += length
blocks = {}
while index < len(data):
    length, start = uvarint(data, index)
    frame = data[start:start + length]
    index = start + length
    cursor = 0
    for _ in range(3):  # version, codec, hash code
        _, cursor = uvarint(frame, cursor)
    digest_length, cursor = uvarint(frame, cursor)
    cursor += digest_length
    blocks[bytes(frame[:cursor])] = frame[cursor:]


def get(cid):
    return dag_cbor.decode(blocks[bytes(cid)])


def hamt_items(node):
    """Yields (key, value) of a HAMT in any pointer encoding (map {"0"/"1"} or kinded union)."""
    _, pointers = node
    for pointer in pointers:
        if isinstance(pointer, dict):
            pointer = pointer.get("0", pointer.get("1"))
        if isinstance(pointer, CID):
            yield from hamt_items(get(pointer))
        else:
            for key, value in pointer:
                yield key, value


root = request.get("root")
if root:
    state_root = CID.decode(root)
else:
    state_root = get(header["roots"][0])[8]
state = get(state_root)
if len(state) == 3 and isinstance(state[0], int):
    version, actors_root = state[0], state[1]
else:
    version, actors_root = 0, state_root

count, total, init_head = 0, 0, None
for key, actor in hamt_items(get(actors_root)):
    count += 1
    balance = actor[3]
    magnitude = int.from_bytes(balance[1:], "big") if balance else 0
    total += -magnitude if balance and balance[0] == 1 else magnitude
    if key == b"\x00\x01":
        init_head = actor[1]
init_state = get(init_head)
ids = {key.hex(): value for key, value in hamt_items(get(init_state[0]))}
json.dump({"actors": count, "totalBalance": str(total), "network": init_state[2], "version": version,
           "blocks": len(blocks), "ids": ids}, sys.stdout)
