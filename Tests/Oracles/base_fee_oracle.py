#!/usr/bin/env python3
"""Independent oracle: Lotus's ComputeNextBaseFee (chain/store/basefee.go), in Python integers.

Go's int64 '/' truncates toward zero; go-state-types big.Div is Euclidean (floor for a positive
divisor), which Python's // is.

Request on stdin: {"cases": [{"fee": decimal, "used": int, "blocks": int, "smoke": bool}]}
Answer on stdout: [decimal next base fee]
"""
import json
import sys

TARGET = 5_000_000_000
MAX_CHANGE_DENOM = 8
PACK_NUM, PACK_DEN = 4, 5
MINIMUM = 100


def go_int_div(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def next_fee(fee, used, blocks, smoke):
    if smoke:
        delta = go_int_div(used, blocks) - TARGET
    else:
        delta = go_int_div(PACK_DEN * used, blocks * PACK_NUM) - TARGET
    delta = max(-TARGET, min(TARGET, delta))
    change = fee * delta
    change = change // TARGET
    change = change // MAX_CHANGE_DENOM
    return str(max(fee + change, MINIMUM))


request = json.load(sys.stdin)
print(json.dumps([next_fee(int(c["fee"]), c["used"], c["blocks"], c["smoke"]) for c in request["cases"]]))
