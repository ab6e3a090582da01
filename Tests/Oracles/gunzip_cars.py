#!/usr/bin/env python3
"""Unpacks the conformance corpus's embedded CARs: each vector's `car` is gzip in base64.

Input JSON: {"corpus": folder, "out": folder}. Writes out/<n>.car and prints a JSON list of
{"vector": relative path, "car": written path, "root": precondition state root CID}.
"""
import base64
import gzip
import json
import os
import sys

request = json.load(sys.stdin)
corpus, out = request["corpus"], request["out"]
listing = []
for folder, _, files in sorted(os.walk(corpus)):
    for name in sorted(files):
        if not name.endswith(".json"):
            continue
        path = os.path.join(folder, name)
        with open(path) as handle:
            vector = json.load(handle)
        if "car" not in vector:
            continue
        target = os.path.join(out, "%d.car" % len(listing))
        with open(target, "wb") as handle:
            handle.write(gzip.decompress(base64.b64decode(vector["car"])))
        listing.append({
            "vector": os.path.relpath(path, corpus),
            "car": target,
            "root": vector["preconditions"]["state_tree"]["root_cid"]["/"],
        })
json.dump(listing, sys.stdout)
