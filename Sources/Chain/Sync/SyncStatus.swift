import FilecoinTypes
import GoCompat

/// What the syncer is doing or last did (Lotus `SyncerState`, one `api.ActiveSync`): from `base`
/// (the head when the job began) towards `target`, at `stage`, at `height`; `start` and `end` as
/// Go times, the zero time while unset; `message` the error of a failed job.
public struct SyncStatus: Hashable, Sendable {
    /// Lotus `api.SyncStateStage`, with its integer values.
    public enum Stage: Int, Hashable, Sendable, CustomStringConvertible {
        case idle = 0
        case headers = 1
        case persistHeaders = 2
        case messages = 3
        case complete = 4
        case errored = 5
        case fetchingMessages = 6

        /// Lotus's `SyncStateStage.String()`.
        public var description: String {
            switch self {
            case .idle: "idle worker"
            case .headers: "header sync"
            case .persistHeaders: "persisting headers"
            case .messages: "message sync"
            case .complete: "complete"
            case .errored: "error"
            case .fetchingMessages: "fetching messages"
            }
        }
    }

    /// The job's number, from 1 (Lotus numbers its sync workers from 1).
    public var workerID: UInt64
    public var base: TipSet?
    public var target: TipSet?
    public var stage: Stage
    /// The height being validated, then the target's once complete.
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
}
