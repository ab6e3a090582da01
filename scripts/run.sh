#!/usr/bin/env bash
# The main job on embedded defaults. Until the first service lands this is the foundation demo:
# a secp256k1 key, a signed message, its address, CID, Lotus JSON and CBOR hex.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift run -c release venus demo "$@"
