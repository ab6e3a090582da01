import Foundation

/// What a handler answers: JSON, or upstream's empty 200.
enum RouteAnswer: Sendable {
    case body(Data)
    case empty
    /// The answer could not be encoded (a bug, answered 500).
    case unencodable(String)

    static func json(_ value: some Encodable) -> RouteAnswer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return .body(try encoder.encode(value))
        } catch {
            return .unencodable(String(describing: error))
        }
    }
}
