import Foundation

/// A small RFC 4180 CSV reader: quoted fields, doubled quotes, line breaks inside quotes,
/// `\r\n` or `\n` endings, a UTF-8 byte-order mark.
enum CSVReader {
    /// Calls `body` with each record's fields and the 1-based line it starts on;
    /// `body` returns `false` to stop. Blank lines are skipped.
    static func forEachRecord(
        in data: Data, separator: UInt8 = UInt8(ascii: ","), _ body: ([String], Int) throws -> Bool
    ) rethrows {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            if bytes.count >= 3, bytes[0] == 0xef, bytes[1] == 0xbb, bytes[2] == 0xbf { index = 3 }
            var line = 1
            var fields: [String] = []
            var field: [UInt8] = []
            var inQuotes = false
            var recordLine = 1
            var recordHasContent = false
            func endField() {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                let byte = bytes[index]
                if inQuotes {
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(byte)
                            index += 1
                        } else {
                            inQuotes = false
                        }
                    } else {
                        if byte == 0x0a { line += 1 }
                        field.append(byte)
                    }
                } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                    inQuotes = true
                    recordHasContent = true
                } else if byte == separator {
                    endField()
                    recordHasContent = true
                } else if byte == 0x0a || byte == 0x0d {
                    if byte == 0x0d && index + 1 < bytes.count && bytes[index + 1] == 0x0a { index += 1 }
                    if recordHasContent || !field.isEmpty {
                        endField()
                        if try !body(fields, recordLine) { return }
                    }
                    fields.removeAll(keepingCapacity: true)
                    recordHasContent = false
                    line += 1
                    recordLine = line
                } else {
                    field.append(byte)
                    recordHasContent = true
                }
                index += 1
            }
            if recordHasContent || !field.isEmpty {
                endField()
                _ = try body(fields, recordLine)
            }
        }
    }

    /// The fields of one CSV line.
    static func fields(of line: String, separator: UInt8 = UInt8(ascii: ",")) -> [String] {
        var result: [String] = []
        forEachRecord(in: Data(line.utf8), separator: separator) { fields, _ in
            result = fields
            return false
        }
        return result
    }
}
