#!/usr/bin/env python3
"""Independent oracle: Lotus's expected-consensus weight (chain/consensus/filcns/weight.go).

w = parentWeight + log2P * 2^8 + (log2P * wRatioNum * 2^8 * sum(winCounts)) // (blocksPerEpoch * wRatioDen)
with log2P = bitlen(totalQualityAdjPower) - 1, wRatio = 1/2, blocksPerEpoch = 5.
Python's // floors, as Go's big.Int Div does for these non-negative operands.

Request on stdin: {"cases": [{"parent": decimal, "power": decimal, "wins": [int]}]}
Answer on stdout: [decimal weight, or null when the power is not positive]
"""
import json
import sys

W_RATIO_NUM, W_RATIO_DEN, BLOCKS_PER_EPOCH = 1, 2, 5


def weight(parent, power, wins):
    if power <= 0:
        return None
    log2p = power.bit_length() - 1
    out = parent + (log2p << 8)
    out += ((log2p * W_RATIO_NUM) << 8) * sum(wins) // (BLOCKS_PER_EPOCH * W_RATIO_DEN)
    return str(out)


request = json.load(sys.stdin)
print(json.dumps([weight(int(c["parent"]), int(c["power"]), c["wins"]) for c in request["cases"]]))
