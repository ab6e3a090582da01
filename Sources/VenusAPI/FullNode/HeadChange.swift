import FilecoinTypes

extension FullNodeAPI {
    /// One entry of a `ChainNotify` batch (Lotus `api.HeadChange`): `{"Type": "apply", "Val": {tipset}}`.
    public struct HeadChange: Codable, Sendable, Hashable {
        /// What happened to `value`. Lotus's field is a plain string; the three values it sends
        /// are the constants below, and any other text is kept as it came.
        public struct Kind: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public var description: String { rawValue }

            /// The first batch of a subscription: exactly one entry, the head at subscription time.
            public static let current = Kind(rawValue: "current")
            /// The tipset joined the heaviest chain.
            public static let apply = Kind(rawValue: "apply")
            /// The tipset left the heaviest chain (reverts come before the applies of a reorg).
            public static let revert = Kind(rawValue: "revert")

            public init(from decoder: any Decoder) throws {
                rawValue = try decoder.singleValueContainer().decode(String.self)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(rawValue)
            }
        }

        public var type: Kind
        public var value: TipSet

        public init(type: Kind, value: TipSet) {
            self.type = type
            self.value = value
        }

        enum CodingKeys: String, CodingKey { case type = "Type", value = "Val" }
    }
}
