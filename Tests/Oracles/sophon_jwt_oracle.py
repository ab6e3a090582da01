#!/usr/bin/env python3
"""Independent HS256 JWT oracle for SophonAuthTests (stdlib hmac, hashlib, base64, json only).

Requests on stdin ({"op": ..., ...}), JSON answer on stdout:
  sign   {"secret": hex, "payload": {...}} -> {"token": header.payload.signature} with header
         {"alg":"HS256","typ":"JWT"} as Go's gbrlsnchs/jwt writes it (compact JSON, base64url, no padding);
         a {name, perm, ext} payload is written in that (Go struct) order.
  verify {"secret": hex, "token": str} -> {"valid": bool, "header": {...}, "payload": {...}}
         valid when the HMAC-SHA256 of "header.payload" under the secret equals the signature.
"""
import base64
import hashlib
import hmac
import json
import sys


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret, payload):
    # Go marshals a struct's fields in declaration order: sophon-auth's JWTPayload is name, perm, ext.
    if set(payload) == {"name", "perm", "ext"}:
        payload = {key: payload[key] for key in ("name", "perm", "ext")}
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = b64url(json.dumps(payload, separators=(",", ":")).encode())
    signing_input = (header + "." + body).encode()
    signature = b64url(hmac.new(secret, signing_input, hashlib.sha256).digest())
    return header + "." + body + "." + signature


def verify(secret, token):
    header, body, signature = token.split(".")
    expected = hmac.new(secret, (header + "." + body).encode(), hashlib.sha256).digest()
    return {
        "valid": hmac.compare_digest(expected, unb64url(signature)),
        "header": json.loads(unb64url(header)),
        "payload": json.loads(unb64url(body)),
    }


def main():
    request = json.load(sys.stdin)
    secret = bytes.fromhex(request["secret"])
    if request["op"] == "sign":
        answer = {"token": sign(secret, request["payload"])}
    elif request["op"] == "verify":
        answer = verify(secret, request["token"])
    else:
        raise SystemExit("unknown op")
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
