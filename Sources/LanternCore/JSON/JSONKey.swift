/// A member name read by ``JSONCursor/forEachMember(_:)``: its bytes in the
/// buffer when it has no escapes, so matching it against literals
/// (`case "eventName":`) compares bytes instead of building and comparing
/// Strings. Valid only inside the member's callback.
public struct JSONKey {
    private enum Storage {
        case bytes(UnsafeBufferPointer<UInt8>)
        case text(String)
    }

    private let storage: Storage

    init(bytes: UnsafeBufferPointer<UInt8>) { storage = .bytes(bytes) }
    init(text: String) { storage = .text(text) }

    /// The name as a String (invalid UTF-8 becomes U+FFFD).
    public var string: String {
        switch storage {
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .text(let text): return text
        }
    }

    /// Whether `key` is exactly `pattern`: lets a `switch` over keys use string literals.
    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        guard case .bytes(let bytes) = key.storage, pattern.hasPointerRepresentation else {
            return key.string == pattern.description
        }
        guard pattern.utf8CodeUnitCount == bytes.count else { return false }
        let literal = pattern.utf8Start
        for i in 0..<bytes.count where literal[i] != bytes[i] { return false }
        return true
    }
}
