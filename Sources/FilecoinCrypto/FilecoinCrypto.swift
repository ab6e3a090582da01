// FilecoinCrypto: BLAKE2b, secp256k1, keccak-256; BLS12-381 comes from the BLS12381 module.
@_exported import BLS12381
