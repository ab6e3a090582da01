#!/usr/bin/env python3
"""Independent EIP-1559 transactions for f410 senders: eth-account (with eth-rlp and eth-keys)
builds each unsigned type-2 transaction, gives its hash (keccak-256 of 0x02 || RLP) and signs it.

stdin:  {"cases": [{"chainId", "nonce", "maxPriorityFeePerGas", "maxFeePerGas", "gas",
                    "to": hex or null, "value", "data": hex, "key": hex}]}  (amounts as decimal strings)
stdout: [{"hash": hex, "r": hex32, "s": hex32, "v": int, "address": hex20}]
"""
import json
import sys

from eth_account import Account
from eth_account.typed_transactions import TypedTransaction
from eth_utils import to_checksum_address


def main():
    cases = json.load(sys.stdin)["cases"]
    out = []
    for case in cases:
        tx = {
            "type": 2,
            "chainId": int(case["chainId"]),
            "nonce": int(case["nonce"]),
            "maxPriorityFeePerGas": int(case["maxPriorityFeePerGas"]),
            "maxFeePerGas": int(case["maxFeePerGas"]),
            "gas": int(case["gas"]),
            "value": int(case["value"]),
            "data": bytes.fromhex(case["data"]),
            "accessList": [],
        }
        if case["to"] is not None:
            tx["to"] = to_checksum_address("0x" + case["to"])
        account = Account.from_key(bytes.fromhex(case["key"]))
        signed = account.sign_transaction(tx)
        out.append({
            "hash": TypedTransaction.from_dict(tx).hash().hex().removeprefix("0x"),
            "r": signed.r.to_bytes(32, "big").hex(),
            "s": signed.s.to_bytes(32, "big").hex(),
            "v": signed.v,
            "address": account.address[2:].lower(),
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
