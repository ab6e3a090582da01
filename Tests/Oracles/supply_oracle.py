#!/usr/bin/env python3
"""Independent oracle: Lotus's GetVMCirculatingSupply for the specs-actors v0-v2 era.

Vesting: the hard-coded genesis schedule, each entry vesting like a specs-actors v0 multisig
(AmountLocked: unit = initial // duration, locked = unit * (duration - elapsed), all before start,
none after the duration). Up to Ignition the amounts are whole numbers taken as attoFIL vesting from
epoch 0; after it FIL vesting from Liftoff. After actors v2 the reserve's disbursement
(300M FIL - reserve balance) counts; circulating = max(0, vested + mined + disbursed - burnt - locked).

Request: {"epoch": int, "ignition": int, "actorsv2": int, "liftoff": int, "mined": dec, "burnt": dec,
          "locked": dec, "reserve": dec}
Answer: {"vested": dec, "circulating": dec}
"""
import json
import sys

FIL = 10**18
DAY = 2880
SCHEDULE = [(183 * DAY, 49_929_341 + 32_787_700), (365 * DAY, 22_421_712), (2 * 365 * DAY, 7_223_364),
            (3 * 365 * DAY, 87_637_883), (6 * 365 * DAY, 100_000_000 + 300_000_000)]


def locked(initial, duration, elapsed):
    if elapsed >= duration:
        return 0
    if elapsed < 0:
        return initial
    return (initial // duration) * (duration - elapsed)


r = json.load(sys.stdin)
epoch = r["epoch"]
vested = 0
for duration, amount in SCHEDULE:
    if epoch <= r["ignition"]:
        vested += amount - locked(amount, duration, epoch)
    else:
        initial = amount * FIL
        vested += initial - locked(initial, duration, epoch - r["liftoff"])
disbursed = 300_000_000 * FIL - int(r["reserve"]) if epoch > r["actorsv2"] else 0
circ = vested + int(r["mined"]) + disbursed - int(r["burnt"]) - int(r["locked"])
print(json.dumps({"vested": str(vested), "circulating": str(max(circ, 0))}))
