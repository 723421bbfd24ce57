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
        let body = text.drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace })
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
