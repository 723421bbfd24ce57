import Foundation

/// Parses plain intel lists: one IP, CIDR, domain, URL or hash a line.
///
/// Handles ipsum (`ip<TAB>count`: the count becomes the score), Tor node lists,
/// signature-base (`value;comment` or `value;score`), GuardDuty ThreatIntelSet TXT and
/// hosts-file lines (`0.0.0.0 evil.example`). `#` and `//` lines are comments; a comment
/// right above a group of values (up to the next blank line) becomes their comment when they
/// carry none, as in signature-base's `# Operation X report URL` groups. A trailing ` # note`
/// is a comment too.
public enum PlainListParser {
    /// Parses the whole list into memory.
    public static func parse(_ data: Data, file: String?, defaultVerdict: Verdict = .malicious)
        -> IntelParseResult
    {
        var indicators: [Indicator] = []
        indicators.reserveCapacity(data.count / 20)
        var result = stream(data, file: file, defaultVerdict: defaultVerdict) { indicators.append($0) }
        result.indicators = indicators
        return result
    }

    /// Parses line by line, handing each indicator to `emit`; the result holds the issues only.
    public static func stream(
        _ data: Data, file: String?, defaultVerdict: Verdict = .malicious, emit: (Indicator) -> Void
    ) -> IntelParseResult {
        var collector = IssueCollector(file: file)
        var groupComment: String?
        LineScanner.forEachLine(in: data) { rawLine, number in
            let line = LineScanner.trimmed(rawLine)
            if line.isEmpty {
                groupComment = nil
                return true
            }
            if line[0] == UInt8(ascii: "#")
                || (line.count >= 2 && line[0] == UInt8(ascii: "/") && line[1] == UInt8(ascii: "/"))
            {
                let text = LineScanner.string(line).drop(while: { $0 == "#" || $0 == "/" })
                    .trimmingCharacters(in: .whitespaces)
                groupComment = text.isEmpty ? nil : text
                return true
            }
            // Fast path: `a.b.c.d` alone or followed by a TAB column (ipsum, Tor).
            if let indicator = fastIPv4(line, number: number, verdict: defaultVerdict) {
                var indicator = indicator
                if indicator.comment == nil, indicator.score == nil { indicator.comment = groupComment }
                emit(indicator)
                return true
            }
            switch parseLine(LineScanner.string(line), number: number, verdict: defaultVerdict) {
            case .success(var indicator):
                if indicator.comment == nil { indicator.comment = groupComment }
                emit(indicator)
            case .failure(let failure):
                collector.report(line: number, failure.reason)
            }
            return true
        }
        return IntelParseResult(format: .plainList, issues: collector.issues, skipped: collector.skipped)
    }

    static func fastIPv4(_ line: UnsafeBufferPointer<UInt8>, number: Int, verdict: Verdict) -> Indicator? {
        var end = 0
        while end < line.count && line[end] != 0x09 && line[end] != 0x20 { end += 1 }
        let head = UnsafeBufferPointer(rebasing: line[0..<end])
        guard end <= 15, IPAddress.parseV4(head) != nil else { return nil }
        var score: Double?
        if end < line.count {
            let tail = LineScanner.trimmed(UnsafeBufferPointer(rebasing: line[(end + 1)...]))
            guard let number = parseUnsigned(tail) else { return nil }
            score = Double(number)
        }
        return Indicator(
            value: LineScanner.string(head), kind: .ipv4, verdict: verdict, score: score, line: number)
    }

    static func parseUnsigned(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 12 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Parses one non-comment line: `value`, `value<TAB|;|,>column`, `value # note`,
    /// or a hosts-file `0.0.0.0 name`.
    static func parseLine(_ line: String, number: Int, verdict: Verdict) -> Result<Indicator, ParseFailure> {
        var text = Substring(line)
        var note: Substring?
        if let hash = text.range(of: " #") ?? text.range(of: "\t#") {
            note = text[hash.upperBound...]
            text = text[..<hash.lowerBound]
        }
        text = Substring(text.trimmingCharacters(in: .whitespaces))
        var value = text
        var column: Substring?
        if IndicatorClassifier.classify(text) == nil {
            if let split = text.firstIndex(where: { $0 == "\t" || $0 == ";" || $0 == "," || $0 == " " }) {
                value = text[..<split]
                column = text[text.index(after: split)...]
            }
        }
        // Hosts-file lines: `0.0.0.0 evil.example` or `127.0.0.1 evil.example`.
        if value == "0.0.0.0" || value == "127.0.0.1" || value == "::", let host = column,
            let domain = IndicatorClassifier.canonicalDomain(host.trimmingCharacters(in: .whitespaces))
        {
            return .success(Indicator(value: domain, kind: .domain, verdict: verdict, line: number))
        }
        guard let classified = IndicatorClassifier.classify(value) else {
            let shown = value.count > 80 ? value.prefix(80) + "…" : value
            return .failure(ParseFailure("not an IP, CIDR, domain, URL or hash: '\(shown)'"))
        }
        var indicator = Indicator(value: classified.value, kind: classified.kind, verdict: verdict, line: number)
        if let column = column?.trimmingCharacters(in: .whitespaces), !column.isEmpty {
            if let score = Double(column), score.isFinite {
                indicator.score = score
            } else {
                indicator.comment = column
            }
        }
        if let note = note?.trimmingCharacters(in: .whitespaces), !note.isEmpty {
            indicator.comment = indicator.comment.map { $0 + " — " + note } ?? note
        }
        return .success(indicator)
    }
}

/// A reason a record was refused (wrapped into an ``EnrichmentError`` with file and line).
struct ParseFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
