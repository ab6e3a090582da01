#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine, skipping what is present.
# Usage: scripts/install-deps.sh [--oracles]   (--oracles adds the Python oracle packages)
set -euo pipefail

apt_packages=(pkg-config libsecp256k1-dev libb2-dev libzstd-dev zstd libsqlite3-dev liblmdb-dev)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if [ "${1:-}" = "--oracles" ]; then
    python=${PYTHON:-python3}
    if ! "$python" -c "import coincurve, blspy, py_ecc, cbor2, dag_cbor, Crypto.Hash.keccak, eth_account" >/dev/null 2>&1; then
        echo "installing Python oracle packages"
        "$python" -m pip install -q --disable-pip-version-check coincurve blspy py_ecc cbor2 dag-cbor pycryptodome eth-account \
            || "$python" -m pip install -q --disable-pip-version-check --break-system-packages \
                coincurve blspy py_ecc cbor2 dag-cbor pycryptodome eth-account
    fi
fi
