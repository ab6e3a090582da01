import GoCompat
import VenusRuntime

/// `<repo>/config.toml`, with upstream's keys as far as they apply:
///
/// ```toml
/// Listen = "127.0.0.1:8989"
/// ReadTimeout = "1m0s"
/// WriteTimeout = "1m0s"
/// IdleTimeout = "1m0s"
/// [Log]
/// LogLevel = "info"
/// [DB]
/// Type = "sqlite"
/// DSN = ""
/// ```
///
/// `DB.Type` must be `sqlite` (upstream's `badger` and `mysql` stores are not provided); `DSN` is
/// the SQLite file path, empty meaning `<repo>/sophon-auth.db`. Missing keys take the defaults.
public struct SophonAuthConfig: Codable, Sendable, Hashable {
    public var listen: String
    public var readTimeout: GoDuration
    public var writeTimeout: GoDuration
    public var idleTimeout: GoDuration
    public var log: Log
    public var db: DB

    public struct Log: Codable, Sendable, Hashable {
        public var logLevel: String

        public init(logLevel: String = "info") { self.logLevel = logLevel }

        private enum CodingKeys: String, CodingKey { case logLevel = "LogLevel" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            logLevel = try container.decodeIfPresent(String.self, forKey: .logLevel) ?? "info"
        }
    }

    public struct DB: Codable, Sendable, Hashable {
        public var type: String
        public var dsn: String

        public init(type: String = "sqlite", dsn: String = "") {
            self.type = type
            self.dsn = dsn
        }

        private enum CodingKeys: String, CodingKey { case type = "Type", dsn = "DSN" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decodeIfPresent(String.self, forKey: .type) ?? "sqlite"
            dsn = try container.decodeIfPresent(String.self, forKey: .dsn) ?? ""
        }
    }

    public static let defaultListen = "127.0.0.1:8989"

    public init(
        listen: String = SophonAuthConfig.defaultListen, readTimeout: GoDuration = .init(seconds: 60),
        writeTimeout: GoDuration = .init(seconds: 60), idleTimeout: GoDuration = .init(seconds: 60),
        log: Log = Log(), db: DB = DB()
    ) {
        self.listen = listen
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.idleTimeout = idleTimeout
        self.log = log
        self.db = db
    }

    private enum CodingKeys: String, CodingKey {
        case listen = "Listen", readTimeout = "ReadTimeout", writeTimeout = "WriteTimeout"
        case idleTimeout = "IdleTimeout", log = "Log", db = "DB"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SophonAuthConfig()
        listen = try container.decodeIfPresent(String.self, forKey: .listen) ?? defaults.listen
        readTimeout = try container.decodeIfPresent(GoDuration.self, forKey: .readTimeout) ?? defaults.readTimeout
        writeTimeout = try container.decodeIfPresent(GoDuration.self, forKey: .writeTimeout) ?? defaults.writeTimeout
        idleTimeout = try container.decodeIfPresent(GoDuration.self, forKey: .idleTimeout) ?? defaults.idleTimeout
        log = try container.decodeIfPresent(Log.self, forKey: .log) ?? defaults.log
        db = try container.decodeIfPresent(DB.self, forKey: .db) ?? defaults.db
    }
}
