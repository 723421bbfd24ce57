import Foundation

/// Parses STIX 2.1 bundles (or a bare array / single object) into indicators.
///
/// Each `indicator` object with `pattern_type` `stix` (or none) gives one ``Indicator`` per
/// value its pattern matches on its own (see ``STIXPattern``), carrying `valid_from`,
/// `valid_until`, `confidence`, `labels` + `indicator_types`, `revoked`, the name and
/// description as comment and the first external reference (or the STIX id) as reference.
/// `indicator_types` containing `benign` gives a benign verdict; only `anomalous-activity` /
/// `unknown` gives suspicious; anything else the source's default. Objects are numbered
/// from 1 in issues, in document order; other object types are ignored.
public enum STIXBundleParser {
    /// Parses `data`.
    /// - Throws: ``EnrichmentError`` when the data is not JSON or holds no STIX objects.
    public static func parse(_ data: Data, file: String?, defaultVerdict: Verdict = .malicious) throws
        -> IntelParseResult
    {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw EnrichmentError(file: file, line: nil, reason: "not valid JSON: \(error.localizedDescription)")
        }
        var objects: [[String: Any]]
        var declaredName: String?
        if let dictionary = json as? [String: Any] {
            if let list = dictionary["objects"] as? [Any] {
                objects = list.compactMap { $0 as? [String: Any] }
            } else if dictionary["type"] is String {
                objects = [dictionary]
            } else {
                throw EnrichmentError(
                    file: file, line: nil, reason: "JSON object is neither a STIX bundle nor a STIX object")
            }
        } else if let list = json as? [Any] {
            objects = list.compactMap { $0 as? [String: Any] }
        } else {
            throw EnrichmentError(file: file, line: nil, reason: "top level is not a JSON object or array")
        }
        var collector = IssueCollector(file: file)
        var indicators: [Indicator] = []
        for (offset, object) in objects.enumerated() {
            let record = offset + 1
            let type = object["type"] as? String
            if type == "report", declaredName == nil { declaredName = object["name"] as? String }
            guard type == "indicator" else { continue }
            let id = object["id"] as? String ?? "indicator"
            if let patternType = object["pattern_type"] as? String, patternType.lowercased() != "stix" {
                collector.report(line: record, "\(id): pattern_type '\(patternType)' is not supported (only stix)")
                continue
            }
            guard let patternText = object["pattern"] as? String else {
                collector.report(line: record, "\(id): indicator has no pattern")
                continue
            }
            let pattern: STIXPattern
            do {
                pattern = try STIXPattern(patternText)
            } catch let error as EnrichmentError {
                collector.report(line: record, "\(id): \(error.reason): \(patternText.prefix(120))")
                continue
            } catch {
                collector.report(line: record, "\(id): \(error)")
                continue
            }
            let types = (object["indicator_types"] as? [String]) ?? []
            let labels = (object["labels"] as? [String]) ?? []
            var verdict = defaultVerdict
            let lowerTypes = Set(types.map { $0.lowercased() })
            if lowerTypes.contains("benign") {
                verdict = .benign
            } else if !lowerTypes.isEmpty, lowerTypes.isSubset(of: ["anomalous-activity", "unknown"]) {
                verdict = .suspicious
            }
            var comment = [object["name"] as? String, object["description"] as? String]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
            if !pattern.unsupported.isEmpty {
                comment += (comment.isEmpty ? "" : " ") + "(ignored: \(pattern.unsupported.joined(separator: "; ")))"
            }
            let reference = firstReference(object["external_references"]) ?? id
            let confidence = (object["confidence"] as? NSNumber).map { $0.intValue }
            for value in pattern.values {
                indicators.append(
                    Indicator(
                        value: value.value, kind: value.kind, verdict: verdict, confidence: confidence,
                        firstSeen: (object["created"] as? String).flatMap(IntelDate.parse),
                        lastSeen: (object["modified"] as? String).flatMap(IntelDate.parse),
                        validFrom: (object["valid_from"] as? String).flatMap(IntelDate.parse),
                        validUntil: (object["valid_until"] as? String).flatMap(IntelDate.parse),
                        comment: comment.isEmpty ? nil : comment, reference: reference,
                        labels: labels + types, revoked: (object["revoked"] as? Bool) ?? false, line: record))
            }
        }
        return IntelParseResult(
            format: .stix21, indicators: indicators, issues: collector.issues, skipped: collector.skipped,
            declaredName: declaredName)
    }

    static func firstReference(_ value: Any?) -> String? {
        guard let references = value as? [[String: Any]] else { return nil }
        for reference in references {
            if let url = reference["url"] as? String { return url }
            if let external = reference["external_id"] as? String {
                let source = reference["source_name"] as? String
                return source.map { "\($0):\(external)" } ?? external
            }
        }
        return nil
    }
}
