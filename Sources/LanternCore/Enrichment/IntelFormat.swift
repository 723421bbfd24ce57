import Foundation

/// The threat-intel file formats Lantern reads.
public enum IntelFormat: String, Sendable, Codable, CaseIterable {
    /// One value a line, `#` comments, optional second column (score or comment).
    case plainList = "plain"
    /// CSV with a header row naming the indicator, type, score and date columns.
    case csv
    /// A STIX 2.1 bundle (or a single STIX object) with `indicator` objects.
    case stix21 = "stix"
    /// A MISP warninglist: known-benign context values.
    case mispWarninglist = "misp-warninglist"

    /// Recognises the format from the first bytes of a file (a few KiB is plenty),
    /// using the file name only to break ties; `nil` for JSON that is neither STIX nor
    /// a MISP warninglist, and for binary data.
    public static func detect(firstBytes: Data, fileName: String?) -> IntelFormat? {
        let prefix = firstBytes.prefix(65_536)
        if prefix.contains(0) { return nil }
        let text = String(decoding: prefix, as: UTF8.self)
        // Binary data (invalid UTF-8, control bytes) is no list, even without a NUL byte.
        if looksBinary(text) { return nil }
        let body = text.drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace })
        // An empty or blank file is no list either: it is reported, not loaded as an empty source.
        if body.isEmpty { return nil }
        if body.first == "{" || body.first == "[" {
            let compact = text.filter { !$0.isWhitespace }
            if compact.contains("\"type\":\"bundle\"") || compact.contains("\"type\":\"indicator\"")
                || compact.contains("\"spec_version\":\"2.")
            {
                return .stix21
            }
            // Warninglists are written with sorted keys: `description`, then `list`, with
            // `name` and `type` after a possibly huge list, so `"list":[` is the tell.
            if body.first == "{", compact.contains("\"list\":[") {
                return .mispWarninglist
            }
            return nil
        }
        let lower = fileName?.lowercased() ?? ""
        if let header = firstDataLine(body), looksLikeCSVHeader(header) { return .csv }
        if lower.hasSuffix(".csv") { return .csv }
        return .plainList
    }

    /// Whether more than 1 in 20 characters of `text` are U+FFFD (from invalid UTF-8) or
    /// control characters other than tab, line feed, form feed and carriage return.
    static func looksBinary(_ text: String) -> Bool {
        var total = 0
        var odd = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0x09, 0x0A, 0x0C, 0x0D: break
            case 0x00...0x1F, 0x7F, 0xFFFD: odd += 1
            default: break
            }
        }
        return odd * 20 > total
    }

    static func firstDataLine(_ text: Substring) -> Substring? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return line
        }
        return nil
    }

    static func looksLikeCSVHeader(_ line: Substring) -> Bool {
        guard line.contains(",") else { return false }
        let names = CSVReader.fields(of: String(line)).map { CSVIntelParser.normalisedHeader($0) }
        return names.contains { CSVIntelParser.valueHeaders.contains($0) }
    }
}
