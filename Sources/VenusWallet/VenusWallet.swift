// VenusWallet: keys, keystore, signing policy.
