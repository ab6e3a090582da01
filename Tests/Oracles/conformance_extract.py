#!/usr/bin/env python3
"""Unpacks what Foundation on Linux cannot: the conformance corpus's gzipped parts.

Input JSON: {"corpus": folder, "out": folder}. For every vector writes out/<n>.car (the
gunzipped base64 `car`) and, when the vector carries Lotus execution-trace diagnostics,
out/<n>.trace.json (the gunzipped trace). Prints a JSON list of
{"vector": relative path, "car": path, "root": precondition state root CID,
"trace": path or null}.
"""
import base64
import json
import os
import sys
import zlib

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
        index = len(listing)
        car = os.path.join(out, "%d.car" % index)
        with open(car, "wb") as handle:
            handle.write(zlib.decompressobj(31).decompress(base64.b64decode(vector["car"])))
        trace = None
        diagnostics = vector.get("diagnostics") or {}
        if diagnostics.get("format") == "Lotus-ExecutionTrace-V1" and diagnostics.get("data"):
            try:
                raw = base64.b64decode(diagnostics["data"])
                try:
                    raw = base64.b64decode(raw, validate=True)
                except ValueError:
                    pass
                text = zlib.decompressobj(31).decompress(raw)
                trace = os.path.join(out, "%d.trace.json" % index)
                with open(trace, "wb") as handle:
                    handle.write(text)
            except (ValueError, zlib.error):
                trace = None
        listing.append({
            "vector": os.path.relpath(path, corpus),
            "car": car,
            "root": vector["preconditions"]["state_tree"]["root_cid"]["/"],
            "trace": trace,
        })
json.dump(listing, sys.stdout)
