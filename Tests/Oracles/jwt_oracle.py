#!/usr/bin/env python3
"""HS256 JWT oracle built only on the standard library (hmac, hashlib, base64, json).

Input (JSON on stdin):
  {"op": "sign", "secret": "<hex>", "payload": {...}}   -> {"token": "<jwt>"}
  {"op": "verify", "secret": "<hex>", "token": "<jwt>"} -> {"valid": bool, "header": {...}, "payload": {...}}
Signing writes the header as Go's Lotus does: {"alg":"HS256","typ":"JWT"}.
"""
import base64
import hashlib
import hmac
import json
import sys


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def main() -> None:
    req = json.load(sys.stdin)
    secret = bytes.fromhex(req["secret"])
    if req["op"] == "sign":
        header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
        payload = b64url(json.dumps(req["payload"], separators=(",", ":")).encode())
        signing_input = f"{header}.{payload}".encode()
        sig = b64url(hmac.new(secret, signing_input, hashlib.sha256).digest())
        json.dump({"token": f"{header}.{payload}.{sig}"}, sys.stdout)
    elif req["op"] == "verify":
        header, payload, sig = req["token"].split(".")
        expected = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        valid = hmac.compare_digest(expected, unb64url(sig))
        json.dump({"valid": valid, "header": json.loads(unb64url(header)), "payload": json.loads(unb64url(payload))}, sys.stdout)
    else:
        raise SystemExit(f"unknown op {req['op']}")


if __name__ == "__main__":
    main()
