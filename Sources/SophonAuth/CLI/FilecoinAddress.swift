import FilecoinTypes

/// The CLI's name for FilecoinTypes' `Address` (ArgumentParser and others also say "address").
typealias FilecoinAddress = FilecoinTypes.Address
