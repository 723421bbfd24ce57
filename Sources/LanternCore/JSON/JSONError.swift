/// Why a JSON text could not be read, and where.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kinds of JSON errors.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        /// The text ended inside a value.
        case truncated
        /// A character that cannot start or continue a value here.
        case unexpectedCharacter
        /// A string escape that is not valid JSON.
        case invalidEscape
        /// A control character inside a string.
        case controlCharacterInString
        /// A number that is not valid JSON.
        case invalidNumber
        /// Arrays and objects nested deeper than the reader allows.
        case tooDeep(limit: Int)

        public var description: String {
            switch self {
            case .truncated: return "JSON ends unexpectedly"
            case .unexpectedCharacter: return "unexpected character"
            case .invalidEscape: return "invalid string escape"
            case .controlCharacterInString: return "unescaped control character in string"
            case .invalidNumber: return "invalid number"
            case .tooDeep(let limit): return "nesting deeper than \(limit) levels"
            }
        }
    }

    /// What went wrong.
    public let reason: Reason
    /// The byte offset at which it went wrong.
    public let offset: Int

    /// Makes an error for `reason` at byte `offset`.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) at byte \(offset)" }
}
