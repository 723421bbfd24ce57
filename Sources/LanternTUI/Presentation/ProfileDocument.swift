import LanternCore

/// The observable profile as lines: enrichment, findings naming it, daily
/// activity bars, co-occurring values, credential chain and role sessions.
public enum ProfileDocument {
    /// The widest activity bar, in columns.
    static let barWidth = 40

    /// The profile's lines.
    public static func lines(_ state: ProfileViewState, enrichment: EnrichmentSummary?, time: TimeText) -> [DocumentLine] {
        let observable = state.observable
        var lines: [DocumentLine] = [
            DocumentLine([Span(observable.kind.label + " ", .muted), Span(observable.value, .title)]),
        ]
        switch state.data {
        case .loading:
            lines.append(DocumentLine("loading…", .muted))
            return lines
        case .failed(let message):
            lines.append(DocumentLine("cannot load the profile: \(message)", .error))
            return lines
        case .loaded(let data):
            let profile = data.profile
            if let first = profile.firstSeen, let last = profile.lastSeen {
                lines.append(DocumentLine("seen \(time.full(first)) … \(time.full(last)) · \(profile.totalEvents) events", .muted))
            } else {
                lines.append(DocumentLine("no CloudTrail events name it", .muted))
            }
            lines += section("Reputation", reputation(enrichment))
            lines += section("Ownership", ownership(observable, enrichment))
            lines += section("Findings naming it (\(profile.findings.count))", profile.findings.map { finding in
                DocumentLine([
                    Span("  "), Span(pad(finding.severityLabel, 9), FindingRow.role(severity: finding.severityLabel)),
                    Span(pad(FindingRow.shortType(finding.type), 44), .link), Span(finding.title),
                ], target: .finding(finding.id))
            })
            lines += section("Activity by day", bars(profile.dailyCounts))
            lines += irQuery(state, time: time)
            lines += section("Seen with", profile.coOccurring.prefix(30).map { item in
                DocumentLine([
                    Span("  " + pad(item.observable.kind.label, 12), .muted), Span(pad(String(item.count), 7)),
                    Span(item.observable.value, .link),
                ], target: .observable(item.observable))
            })
            if !data.chain.isEmpty { lines += section("Credential chain", chain(data.chain, time: time)) }
            if !data.sessions.isEmpty {
                lines += section("Sessions of this role (\(data.sessions.count))", data.sessions.prefix(50).map { session in
                    DocumentLine([
                        Span("  " + pad("\(session.count) events", 12), .muted), Span(session.sessionArn, .link),
                        Span("  from " + session.sourceIPs.prefix(3).joined(separator: ", "), .muted),
                    ], target: Observable(kind: .arn, session.sessionArn).map(PivotTarget.observable))
                })
            }
            return lines
        }
    }

    /// The most events an IR query section lists (the newest).
    static let queryRows = 100

    /// The IR query section: a hint until `i` runs one, then its newest events (Enter opens one).
    static func irQuery(_ state: ProfileViewState, time: TimeText) -> [DocumentLine] {
        guard let query = state.query else {
            return section("IR query pack", [DocumentLine(
                "  i runs it over the whole history: " + IRQuery.allCases.map(\.rawValue).joined(separator: ", "), .muted)])
        }
        let title = "IR query: \(query.rawValue) — \(query.summary)"
        switch state.queryActivity {
        case nil, .loading?:
            return section(title, [DocumentLine("  querying…", .muted)])
        case .failed(let message)?:
            return section(title, [DocumentLine("  " + message, .error)])
        case .loaded(let activity)?:
            let shown = activity.events.suffix(queryRows).reversed()
            let count = "  \(activity.events.count) events" + (activity.truncated ? " (history truncated)" : "")
                + (activity.events.count > queryRows ? ", newest \(queryRows) below" : "")
            return section(title, [DocumentLine(count, .muted)] + shown.map { event in
                DocumentLine([
                    Span("  " + time.monthDayTime(event.time) + "  ", .muted), Span(pad(event.eventName ?? "?", 28), .link),
                    Span(pad((event.eventSource ?? "-").replacingOccurrences(of: ".amazonaws.com", with: ""), 16)),
                    Span(pad(event.sourceIPAddress ?? "-", 16)), Span(event.errorCode ?? "", .error),
                ], target: .event(event))
            })
        }
    }

    static func section(_ title: String, _ body: [DocumentLine]) -> [DocumentLine] {
        [DocumentLine(""), DocumentLine(title, .header)] + (body.isEmpty ? [DocumentLine("  none", .muted)] : body)
    }

    static func reputation(_ enrichment: EnrichmentSummary?) -> [DocumentLine] {
        guard let enrichment, !enrichment.reputation.isEmpty else {
            return [DocumentLine(enrichment == nil ? "  no intel loaded" : "  unknown: no intel source lists it", .muted)]
        }
        return enrichment.reputation.map { line in
            DocumentLine([
                Span("  " + line.verdict.glyph + " ", line.verdict.role), Span(pad(line.verdict.rawValue, 11), line.verdict.role),
                Span(pad(line.source, 24)), Span([line.score, line.age, line.reference].compactMap { $0 }.joined(separator: " · "), .muted),
            ])
        }
    }

    static func ownership(_ observable: Observable, _ enrichment: EnrichmentSummary?) -> [DocumentLine] {
        let facts = LocalFacts.effective(observable, enrichment)
        guard !facts.isEmpty else { return [DocumentLine("  no ownership data loaded", .muted)] }
        return facts.map { fact in
            DocumentLine([Span("  " + pad(fact.label, 10), .muted), Span(fact.value, fact.pivot == nil ? .text : .link)],
                         target: fact.pivot.map(PivotTarget.observable))
        }
    }

    static func bars(_ days: [(day: String, count: Int)]) -> [DocumentLine] {
        let most = days.map(\.count).max() ?? 0
        return days.suffix(60).map { day in
            let length = most == 0 ? 0 : max(1, day.count * barWidth / most)
            return DocumentLine([
                Span("  " + day.day + " ", .muted), Span(String(repeating: "█", count: length), .bar),
                Span(" \(day.count)"),
            ])
        }
    }

    static func chain(_ links: [ChainLink], time: TimeText) -> [DocumentLine] {
        var lines: [DocumentLine] = []
        for (depth, link) in links.enumerated() {
            let indent = String(repeating: "  ", count: depth + 1)
            let event = link.issuingEvent
            lines.append(DocumentLine([
                Span(indent + link.credential + " ", .text), Span("← \(event.eventName ?? "?")", .link),
                Span(" at \(time.full(event.time)) from \(event.sourceIPAddress ?? "-")", .muted),
            ], target: .event(event)))
            if let caller = event.arn {
                lines.append(DocumentLine([Span(indent + "  by ", .muted), Span(caller, .link),
                                           Span(event.accessKeyId.map { " (key \($0))" } ?? "", .muted)],
                                          target: Observable(kind: .arn, caller).map(PivotTarget.observable)))
            }
        }
        return lines
    }

    /// `text` padded with spaces to `width` characters (longer text is left as is, plus a space).
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
