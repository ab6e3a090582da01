import ArgumentParser
import FilecoinTypes
import VenusAPI

/// The fee settings an address, an actor method or the shared settings carry; each flag left
/// out keeps its current value. Upstream spells some differently per command: both are taken.
struct FeeOptions: ParsableArguments {
    @Option(
        name: [.customLong("gas-over-estimation"), .customLong("gas-overestimation")],
        help: "Multiply the estimated gas limit by this.")
    var gasOverEstimation: Double?
    @Option(name: .customLong("gas-over-premium"), help: "Multiply the estimated gas premium by this.")
    var gasOverPremium: Double?
    @Option(name: .customLong("max-fee"), help: "Spend up to this much per message: attoFIL, or with a unit (0.01FIL).", transform: CLIInput.amount)
    var maxFee: TokenAmount?
    @Option(
        name: [.customLong("gas-feecap"), .customLong("max-feecap")],
        help: "The highest gas fee cap, attoFIL per gas unit.", transform: CLIInput.amount)
    var gasFeeCap: TokenAmount?
    @Option(name: .customLong("base-fee"), help: "Hold messages while the base fee is above this, attoFIL per gas unit.", transform: CLIInput.amount)
    var baseFee: TokenAmount?

    var isEmpty: Bool { change.isEmpty }

    var change: ChangeGasSpecParams {
        ChangeGasSpecParams(
            gasOverEstimation: gasOverEstimation, maxFee: maxFee, gasFeeCap: gasFeeCap, gasOverPremium: gasOverPremium,
            baseFee: baseFee)
    }

    func validate() throws {
        for (name, factor) in [("--gas-over-estimation", gasOverEstimation), ("--gas-over-premium", gasOverPremium)] {
            if let factor, !(factor >= 0 && factor.isFinite) { throw ValidationError("\(name) must be a number not below 0") }
        }
    }

    /// Fails unless some fee flag is given.
    func requireSome() throws {
        guard !isEmpty else {
            throw ValidationError("nothing to set: give --gas-over-estimation, --gas-over-premium, --max-fee, --gas-feecap or --base-fee")
        }
    }

    static func columns() -> [String] { ["GasOverEstimation", "GasOverPremium", "MaxFee", "GasFeeCap", "BaseFee"] }

    static func cells(_ spec: FeeSpec) -> [String] {
        [
            "\(spec.gasOverEstimation)", "\(spec.gasOverPremium)", spec.maxFee.attoFILText, spec.gasFeeCap.attoFILText,
            spec.baseFee.attoFILText,
        ]
    }
}
