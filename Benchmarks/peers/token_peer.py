#!/usr/bin/env python3
"""Peer timings for RPCBenchmarks: verifying a Lotus local API token (HS256 JWT, payload
{"Allow": [...]}) with Python's hmac + hashlib + json, and a warm cache answered by a dict of
10k tokens, the way a Python RPC front end would do both.

Prints one line per operation: name, median nanoseconds per operation (best of 7 repeats of an
auto-sized loop). Usage: python3 Benchmarks/peers/token_peer.py
"""
import base64
import hashlib
import hmac
import json
import timeit

SECRET = bytes([0x5A] * 32)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(allow):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps({"Allow": allow}, separators=(",", ":")).encode())
    signing = f"{header}.{payload}".encode()
    return f"{header}.{payload}.{b64url(hmac.new(SECRET, signing, hashlib.sha256).digest())}"


def verify(token):
    header, payload, signature = token.split(".")
    expected = hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, unb64url(signature)):
        raise ValueError("bad signature")
    if json.loads(unb64url(header)).get("alg") != "HS256":
        raise ValueError("alg")
    return set(json.loads(unb64url(payload))["Allow"])


def measure(name, fn):
    timer = timeit.Timer(fn)
    count, _ = timer.autorange()
    best = min(timer.repeat(repeat=7, number=count))
    print(f"{name}: {best / count * 1e9:.0f} ns")


def main():
    token = issue(["read", "write", "sign", "admin"])
    measure("Token verify, HS256 Lotus local token (no cache)", lambda: verify(token))
    cache = {f"{n}." + token[len(f"{n}."):]: {"read"} for n in range(10_000)}
    cache[token] = verify(token)
    measure("Token verify, warm dict cache (10k cached tokens)", lambda: cache[token])


if __name__ == "__main__":
    main()
