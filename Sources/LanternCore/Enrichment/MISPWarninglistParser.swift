import Foundation

/// Parses MISP warninglists (`{name, type, list:[…]}`) as known-benign context.
///
/// Types `cidr` and `string` give exact or range indicators (`string` values that are not
/// IPs, domains, URLs or hashes are kept as `other`); `hostname` gives domains that also
/// match their subdomains; `substring` and `regex` give `other` indicators tagged
/// `match:substring` / `match:regex` that ``ReputationIndex`` applies to domains and URLs.
/// Every indicator is benign and carries the list's name as comment.
public enum MISPWarninglistParser {
    /// Parses `data`.
    /// - Throws: ``EnrichmentError`` when the data is not a warninglist.
    public static func parse(_ data: Data, file: String?) throws -> IntelParseResult {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw EnrichmentError(file: file, line: nil, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = json as? [String: Any], let list = object["list"] as? [Any] else {
            throw EnrichmentError(file: file, line: nil, reason: "not a MISP warninglist: no \"list\" array")
        }
        let type = (object["type"] as? String)?.lowercased() ?? "string"
        let name = object["name"] as? String
        guard ["cidr", "string", "hostname", "substring", "regex"].contains(type) else {
            throw EnrichmentError(file: file, line: nil, reason: "unsupported warninglist type '\(type)'")
        }
        var collector = IssueCollector(file: file)
        var indicators: [Indicator] = []
        indicators.reserveCapacity(list.count)
        for (offset, item) in list.enumerated() {
            let record = offset + 1
            guard let text = item as? String, !text.isEmpty else {
                collector.report(line: record, "list entry \(record) is not a non-empty string")
                continue
            }
            var indicator: Indicator
            switch type {
            case "substring", "regex":
                if type == "regex", (try? NSRegularExpression(pattern: text)) == nil {
                    collector.report(line: record, "invalid regular expression '\(text.prefix(80))'")
                    continue
                }
                indicator = Indicator(
                    value: text.lowercased(), kind: .other, verdict: .benign, labels: ["match:\(type)"])
                if type == "regex" { indicator.value = text }
            case "hostname":
                guard let domain = IndicatorClassifier.canonicalDomain(text) else {
                    collector.report(line: record, "not a host name: '\(text.prefix(80))'")
                    continue
                }
                indicator = Indicator(value: domain, kind: .domain, verdict: .benign)
            case "cidr":
                guard let classified = IndicatorClassifier.classify(text),
                    [.ipv4, .ipv6, .cidr].contains(classified.kind)
                else {
                    collector.report(line: record, "not an IP or CIDR: '\(text.prefix(80))'")
                    continue
                }
                indicator = Indicator(value: classified.value, kind: classified.kind, verdict: .benign)
            default:  // string
                if let classified = IndicatorClassifier.classify(text) {
                    indicator = Indicator(value: classified.value, kind: classified.kind, verdict: .benign)
                } else {
                    indicator = Indicator(value: text, kind: .other, verdict: .benign)
                }
            }
            indicator.comment = name
            indicator.line = record
            indicators.append(indicator)
        }
        return IntelParseResult(
            format: .mispWarninglist, indicators: indicators, issues: collector.issues, skipped: collector.skipped,
            declaredName: name)
    }
}
