#!/usr/bin/env bash
# The main job on embedded defaults: a local pool on loopback (sophon-auth, sophon-gateway, one
# venus-wallet joined as a storage provider's user); a message signed through the gateway as a pool
# service signs it, and verified. Every product is built first, by the same build the tests use
# (scripts/build.sh), so running the tests first leaves nothing to compile; Ctrl-C stops the pool.
# Arguments go to `sophon-gateway pool-demo` (--stay keeps the pool up, --root DIR keeps files).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec "$(swift build -c release --show-bin-path)/sophon-gateway" pool-demo "$@"
