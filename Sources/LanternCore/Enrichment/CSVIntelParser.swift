import Foundation

/// Parses intel CSV files with a header row.
///
/// Column names are matched case-insensitively after normalising spaces, dashes and dots to
/// `_`. The value column is the first of ``valueHeaders``; optional columns give the type,
/// verdict, score, confidence, comment, reference, tags and first/last-seen dates. A header
/// written as a `#` comment (as abuse.ch feeds do) is recognised too.
public enum CSVIntelParser {
    /// Header names that hold the indicator value, in order of preference.
    public static let valueHeaders: [String] = [
        "indicator", "ioc", "value", "observable", "ioc_value", "ip", "ip_address", "ipaddress", "dst_ip",
        "src_ip", "address", "network", "cidr", "domain", "hostname", "host", "fqdn", "url", "hash",
        "sha256", "sha1", "md5", "sha256_hash", "sha1_hash", "md5_hash",
    ]
    static let typeHeaders = ["type", "indicator_type", "ioc_type", "kind", "threat_type"]
    static let verdictHeaders = ["verdict", "classification", "disposition", "reputation"]
    static let scoreHeaders = ["score", "threat_score", "risk", "risk_score", "count", "severity"]
    static let confidenceHeaders = ["confidence", "confidence_level"]
    static let commentHeaders = [
        "comment", "description", "desc", "note", "notes", "reason", "threat", "malware",
        "malware_printable", "name",
    ]
    static let referenceHeaders = ["reference", "ref", "link", "reference_url", "source_url"]
    static let labelHeaders = ["tags", "labels", "tag", "label"]
    static let firstSeenHeaders = ["first_seen", "firstseen", "first_seen_utc", "created", "date_added", "dateadded"]
    static let lastSeenHeaders = ["last_seen", "lastseen", "last_seen_utc", "last_online", "modified"]
    static let validUntilHeaders = ["valid_until", "expiration", "expires", "expiry"]

    /// Lower-cases a header and replaces spaces, dashes and dots with `_`.
    public static func normalisedHeader(_ name: some StringProtocol) -> String {
        var text = name.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasPrefix("#") { text = text.dropFirst().trimmingCharacters(in: .whitespaces) }
        return String(text.map { $0 == " " || $0 == "-" || $0 == "." ? "_" : $0 })
    }

    struct Columns {
        var value: Int
        var type: Int?
        var verdict: Int?
        var score: Int?
        var confidence: Int?
        var comment: Int?
        var reference: Int?
        var labels: Int?
        var firstSeen: Int?
        var lastSeen: Int?
        var validUntil: Int?

        init?(header: [String]) {
            let names = header.map { CSVIntelParser.normalisedHeader($0) }
            func find(_ candidates: [String]) -> Int? {
                for candidate in candidates {
                    if let index = names.firstIndex(of: candidate) { return index }
                }
                return nil
            }
            guard let value = find(CSVIntelParser.valueHeaders) else { return nil }
            self.value = value
            type = find(CSVIntelParser.typeHeaders)
            verdict = find(CSVIntelParser.verdictHeaders)
            score = find(CSVIntelParser.scoreHeaders)
            confidence = find(CSVIntelParser.confidenceHeaders)
            comment = find(CSVIntelParser.commentHeaders).flatMap { $0 == value ? nil : $0 }
            reference = find(CSVIntelParser.referenceHeaders)
            labels = find(CSVIntelParser.labelHeaders)
            firstSeen = find(CSVIntelParser.firstSeenHeaders)
            lastSeen = find(CSVIntelParser.lastSeenHeaders)
            validUntil = find(CSVIntelParser.validUntilHeaders)
        }
    }

    /// Parses the file; records before a recognisable header are refused with a reason.
    public static func parse(_ data: Data, file: String?, defaultVerdict: Verdict = .malicious) -> IntelParseResult {
        var indicators: [Indicator] = []
        var result = stream(data, file: file, defaultVerdict: defaultVerdict) { indicators.append($0) }
        result.indicators = indicators
        return result
    }

    /// Parses record by record, handing each indicator to `emit`.
    public static func stream(
        _ data: Data, file: String?, defaultVerdict: Verdict = .malicious, emit: (Indicator) -> Void
    ) -> IntelParseResult {
        var collector = IssueCollector(file: file)
        var columns: Columns?
        var lastCommentHeader: [String]?
        CSVReader.forEachRecord(in: data) { fields, line in
            if let first = fields.first, first.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                if columns == nil {
                    let joined = fields.joined(separator: ",")
                    lastCommentHeader = CSVReader.fields(of: String(joined.drop(while: { $0 == "#" || $0 == " " })))
                }
                return true
            }
            guard let columns = columns else {
                if let header = Columns(header: fields) {
                    columns = header
                    return true
                }
                if let commented = lastCommentHeader, let header = Columns(header: commented) {
                    columns = header
                    // This record is data: fall through below with the new columns.
                    handle(
                        fields, line: line, columns: header, verdict: defaultVerdict, collector: &collector, emit: emit)
                    return true
                }
                collector.report(
                    line: line,
                    "no header naming an indicator column (one of indicator, ioc, value, ip, domain, url, hash, …)")
                return true
            }
            handle(fields, line: line, columns: columns, verdict: defaultVerdict, collector: &collector, emit: emit)
            return true
        }
        return IntelParseResult(format: .csv, issues: collector.issues, skipped: collector.skipped)
    }

    static func handle(
        _ fields: [String], line: Int, columns: Columns, verdict: Verdict, collector: inout IssueCollector,
        emit: (Indicator) -> Void
    ) {
        func field(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let text = fields[index].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        guard let raw = field(columns.value) else {
            collector.report(line: line, "empty indicator column")
            return
        }
        var indicator: Indicator
        if let classified = IndicatorClassifier.classify(raw) {
            indicator = Indicator(value: classified.value, kind: classified.kind, verdict: verdict, line: line)
        } else if let type = field(columns.type) {
            indicator = Indicator(value: raw, kind: .other, verdict: verdict, labels: ["type:\(type)"], line: line)
        } else {
            collector.report(line: line, "not an IP, CIDR, domain, URL or hash: '\(raw.prefix(80))'")
            return
        }
        if let text = field(columns.verdict) {
            indicator.verdict = verdictFromText(text) ?? verdict
        }
        indicator.score = field(columns.score).flatMap(Double.init)
        indicator.confidence = field(columns.confidence).flatMap { Double($0) }.map { Int($0.rounded()) }
        indicator.comment = field(columns.comment)
        indicator.reference = field(columns.reference)
        if let labels = field(columns.labels) {
            indicator.labels += labels.split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        indicator.firstSeen = field(columns.firstSeen).flatMap(IntelDate.parse)
        indicator.lastSeen = field(columns.lastSeen).flatMap(IntelDate.parse)
        indicator.validUntil = field(columns.validUntil).flatMap(IntelDate.parse)
        emit(indicator)
    }

    /// Maps common verdict words (`malicious`, `bad`, `suspicious`, `benign`, `clean`,
    /// `whitelist`, …) to a ``Verdict``.
    public static func verdictFromText(_ text: String) -> Verdict? {
        switch text.lowercased() {
        case "malicious", "bad", "malware", "block", "blocklist", "blacklist", "high", "critical": .malicious
        case "suspicious", "medium", "low", "anomalous", "anomalous-activity", "watch": .suspicious
        case "benign", "clean", "good", "allow", "allowlist", "whitelist", "safe", "known-good": .benign
        case "unknown", "none": .unknown
        default: nil
        }
    }
}
