import LanternCore

/// Lower-cased text kept as UTF-8 bytes and searched with ``ByteSearch``: the
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
            bytes.withUnsafeBytes { ByteSearch.contains($0, UnsafeRawBufferPointer(pattern)) }
        }
    }

    /// The text as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
