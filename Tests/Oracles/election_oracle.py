#!/usr/bin/env python3
"""Independent election oracle: Lotus's ComputeWinCount in Python integers and hashlib.

Python's >> and // already floor, as Go's big.Int Rsh and Div (for a positive divisor) do.
Request on stdin: {"cases": [{"proof": hex, "power": decimal, "total": decimal}], "blocks": 5}
Answer on stdout: [win count per case].
"""
import hashlib
import json
import sys

P = 256
NUM = [-648770010757830093818553637600, 67469480939593786226847644286976,
       -3197587544499098424029388939001856, 89244641121992890118377641805348864,
       -1579656163641440567800982336819953664, 17685496037279256458459817590917169152,
       -115682590513835356866803355398940131328, 340282366920938463463374607431768211456]
DEN = [1225524182432722209606361, 114095592300906098243859450, 5665570424063336070530214243,
       194450132448609991765137938448, 5068267641632683791026134915072,
       104716890604972796896895427629056, 1748338658439454459487681798864896,
       23704654329841312470660182937960448, 259380097567996910282699886670381056,
       2250336698853390384720606936038375424, 14978272436876548034486263159246028800,
       72144088983913131323343765784380833792, 224599776407103106596571252037123047424,
       340282366920938463463374607431768211456]
NUM = [c << (P - 128) for c in NUM]
DEN = [c << (P - 128) for c in DEN]


def polyval(coefficients, x):
    result = coefficients[0]
    for c in coefficients[1:]:
        result = ((result * x) >> P) + c
    return result


def expneg(x):
    return (polyval(NUM, x) << P) // polyval(DEN, x)


def win_count(proof, power, total, blocks):
    if power <= 0 or total <= 0:
        return 0
    lhs = int.from_bytes(hashlib.blake2b(proof, digest_size=32).digest(), "big")
    lam = ((power * blocks) << P) // total
    pmf = expneg(lam)
    rhs = (1 << P) - pmf
    j = 0
    while lhs < rhs and j < 3 * blocks:
        j += 1
        pmf = ((pmf // j) * lam) >> P
        rhs -= pmf
    return j


request = json.load(sys.stdin)
blocks = request.get("blocks", 5)
json.dump([win_count(bytes.fromhex(c["proof"]), int(c["power"]), int(c["total"]), blocks)
           for c in request["cases"]], sys.stdout)
