import FilecoinTypes
import GoCompat

extension FullNodeAPI {
    /// One sync worker's job (Lotus `api.ActiveSync`): from `base` towards `target`, at `stage`,
    /// currently at `height`. `start`/`end` are Go times, the zero time (`0001-01-01T00:00:00Z`)
    /// when unset.
    public struct ActiveSync: Codable, Sendable, Hashable {
        /// Lotus `api.SyncStateStage`, an integer on the wire.
        public struct Stage: RawRepresentable, Codable, Sendable, Hashable {
            public var rawValue: Int
            public init(rawValue: Int) { self.rawValue = rawValue }

            public static let idle = Stage(rawValue: 0)
            public static let headers = Stage(rawValue: 1)
            public static let persistHeaders = Stage(rawValue: 2)
            public static let messages = Stage(rawValue: 3)
            public static let syncComplete = Stage(rawValue: 4)
            public static let syncErrored = Stage(rawValue: 5)
            public static let fetchingMessages = Stage(rawValue: 6)

            public init(from decoder: any Decoder) throws {
                rawValue = try decoder.singleValueContainer().decode(Int.self)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(rawValue)
            }
        }

        public var workerID: UInt64
        public var base: TipSet?
        public var target: TipSet?
        public var stage: Stage
        public var height: Int64
        public var start: GoTime
        public var end: GoTime
        public var message: String

        public init(
            workerID: UInt64, base: TipSet?, target: TipSet?, stage: Stage, height: Int64, start: GoTime = .zero,
            end: GoTime = .zero, message: String = ""
        ) {
            self.workerID = workerID
            self.base = base
            self.target = target
            self.stage = stage
            self.height = height
            self.start = start
            self.end = end
            self.message = message
        }

        enum CodingKeys: String, CodingKey {
            case workerID = "WorkerID", base = "Base", target = "Target", stage = "Stage", height = "Height"
            case start = "Start", end = "End", message = "Message"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(workerID, forKey: .workerID)
            try c.encode(base, forKey: .base)
            try c.encode(target, forKey: .target)
            try c.encode(stage, forKey: .stage)
            try c.encode(height, forKey: .height)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(message, forKey: .message)
        }
    }
}
