#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lower-cased text kept as UTF-8 bytes and searched with `memchr` and
/// `memcmp`: the
/// findings list re-filters every finding on each keystroke of `/`, and
/// String's generic `contains` is too slow for 100k rows.
public struct SearchText: Equatable, Sendable {
    /// The lower-cased text's UTF-8 bytes.
    public let bytes: [UInt8]

    /// Makes searchable text from `text` (lower-cased here).
    public init(_ text: String) {
        bytes = Array(text.lowercased().utf8)
    }

    /// Whether the text contains `needle`, which must already be lower-cased.
    public func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            guard pattern.count > 0 else { return true }
            guard pattern.count <= bytes.count else { return false }
            return bytes.withUnsafeBytes { text -> Bool in
                guard let base = text.baseAddress, let first = pattern.first, let patternBase = pattern.baseAddress else { return false }
                let last = text.count - pattern.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, patternBase, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// The text as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
