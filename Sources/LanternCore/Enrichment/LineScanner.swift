import Foundation

/// Splits bytes into lines without copying them, for streaming parsers.
///
/// Handles `\n` and `\r\n` endings, a final line without a newline, and a UTF-8 byte-order
/// mark at the start.
enum LineScanner {
    /// Calls `body` with each line's bytes (without the line ending) and its 1-based number.
    /// `body` returns `false` to stop early.
    static func forEachLine(
        in data: Data, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool
    ) rethrows {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xef, bytes[1] == 0xbb, bytes[2] == 0xbf {
                start = 3
            }
            var lineNumber = 0
            let count = bytes.count
            while start < count {
                var end = start
                while end < count && bytes[end] != 0x0a { end += 1 }
                var stop = end
                if stop > start && bytes[stop - 1] == 0x0d { stop -= 1 }
                lineNumber += 1
                let line = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                if try !body(line, lineNumber) { return }
                start = end + 1
            }
        }
    }

    /// The bytes with leading and trailing spaces and tabs removed.
    static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0
        var upper = line.count
        while lower < upper && isBlank(line[lower]) { lower += 1 }
        while upper > lower && isBlank(line[upper - 1]) { upper -= 1 }
        return UnsafeBufferPointer(rebasing: line[lower..<upper])
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0b || byte == 0x0c
    }

    /// Decodes bytes as UTF-8, repairing invalid sequences.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
