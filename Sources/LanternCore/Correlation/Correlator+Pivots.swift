/// A finding that shares observables with another, and which ones.
public struct RelatedFinding: Sendable {
    public var finding: Finding
    public var shared: [Observable]

    /// As JSON: the finding's summary plus the shared observables.
    public var json: JSONValue {
        .object([
            ("finding", finding.summaryJSON),
            ("shared", .array(shared.map {
                .object([("kind", .string($0.kind.rawValue)), ("value", .string($0.value))])
            })),
        ])
    }
}

/// Everything known locally about one observable: the pivot target.
public struct ObservableProfile: Sendable {
    public var observable: Observable
    /// Findings naming it.
    public var findings: [Finding]
    /// Events per UTC day (`YYYY-MM-DD`), oldest first.
    public var dailyCounts: [(day: String, count: Int)]
    /// Principals, IPs and keys it appeared with, most frequent first.
    public var coOccurring: [(observable: Observable, count: Int)]
    public var firstSeen: Int64?
    public var lastSeen: Int64?
    public var totalEvents: Int

    /// As JSON.
    public var json: JSONValue {
        .object([
            ("observable", .object([("kind", .string(observable.kind.rawValue)), ("value", .string(observable.value))])),
            ("findings", .array(findings.map(\.summaryJSON))),
            ("events", .int(totalEvents)),
            ("firstSeen", firstSeen.map { .string(Timestamp.string(milliseconds: $0)) } ?? .null),
            ("lastSeen", lastSeen.map { .string(Timestamp.string(milliseconds: $0)) } ?? .null),
            ("daily", .array(dailyCounts.map { .object([("day", .string($0.day)), ("count", .int($0.count))]) })),
            ("coOccurring", .array(coOccurring.map {
                .object([("kind", .string($0.observable.kind.rawValue)), ("value", .string($0.observable.value)),
                         ("count", .int($0.count))])
            })),
        ])
    }
}

/// A Detective-style indicator: something new for a principal in a window.
public struct FirstSeenIndicator: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case newSourceIP = "new-source-ip"
        case newUserAgent = "new-user-agent"
        case newASN = "new-asn"
        case newCountry = "new-country"
        case firstUseOfKey = "first-use-of-key"
    }

    public var kind: Kind
    public var value: String
    /// When it was first seen in the window.
    public var time: Int64

    /// As JSON.
    public var json: JSONValue {
        .object([("indicator", .string(kind.rawValue)), ("value", .string(value)),
                 ("time", .string(Timestamp.string(milliseconds: time)))])
    }
}

extension Correlator {
    /// Findings that share an observable with finding `id`, most shared first.
    /// Observables that most findings share (an account every finding
    /// names) still count, but rank below rarer ones.
    public func relatedFindings(toFinding id: String) throws -> [RelatedFinding] {
        guard let finding = try store.finding(id: id) else { return [] }
        return try relatedFindings(to: finding.observables.map(\.observable), excluding: id)
    }

    /// Findings that name any of `observables`.
    public func relatedFindings(to observables: [Observable], excluding id: String? = nil) throws -> [RelatedFinding] {
        var shared: [String: [Observable]] = [:]
        for observable in Set(observables) {
            for other in try store.findingIDs(naming: observable) where other != id {
                shared[other, default: []].append(observable)
            }
        }
        var related: [RelatedFinding] = []
        for (other, list) in shared {
            if let finding = try store.finding(id: other) {
                related.append(RelatedFinding(finding: finding, shared: list.sorted()))
            }
        }
        return related.sorted {
            ($1.shared.count, $1.finding.severity, $0.finding.id) < ($0.shared.count, $0.finding.severity, $1.finding.id)
        }
    }

    /// The profile of `observable` over all stored time: counted from the
    /// correlation index (``Store/aggregate(matching:top:)``), so every event
    /// counts however busy the value is.
    public func profile(of observable: Observable) throws -> ObservableProfile {
        let values = try matchValues(for: observable, wholeRole: false)
        let aggregate = try store.aggregate(matching: values)
        var others: [Observable: Int] = [:]
        let columns: [(kinds: [Observable.Kind], tally: EventAggregate.Tally)] = [
            ([.arn], aggregate.arns), ([.accessKey], aggregate.accessKeys), ([.ipv4, .ipv6], aggregate.sourceIPs),
            ([.arn], aggregate.issuers),
        ]
        for (kinds, tally) in columns {
            for (value, count) in tally {
                guard let other = kinds.lazy.compactMap({ Observable(kind: $0, value) }).first, other != observable else { continue }
                others[other, default: 0] += count
            }
        }
        let findings = try store.findingIDs(naming: observable).compactMap { try store.finding(id: $0) }
        return ObservableProfile(
            observable: observable, findings: findings,
            dailyCounts: aggregate.days.map { (String(Timestamp.string(milliseconds: $0.day * 86_400_000).prefix(10)), $0.count) },
            coOccurring: others.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(50).map { ($0.key, $0.value) },
            firstSeen: aggregate.first, lastSeen: aggregate.last, totalEvents: aggregate.total)
    }

    /// New source IPs, user agents, ASNs and countries for a principal or
    /// key in `window` against its own earlier history in the store, and
    /// the first use of a key. ASNs and countries need an `enricher` with
    /// ownership data.
    public func firstSeenIndicators(
        for observable: Observable, in window: TimeWindow, enricher: Enricher? = nil
    ) throws -> [FirstSeenIndicator] {
        let values = try matchValues(for: observable, wholeRole: false)
        let before = TimeWindow(from: TimeWindow.all.from, to: window.from - 1)
        let earlier = try store.events(matching: values, in: before).events
        let knownIPs = Set(earlier.compactMap(\.sourceIPAddress))
        let knownAgents = Set(earlier.compactMap(\.userAgent))

        var indicators: [FirstSeenIndicator] = []
        var reported: Set<String> = []
        let events = try store.events(matching: values, in: window).events
        if observable.kind == .accessKey, earlier.isEmpty, let first = events.first {
            indicators.append(FirstSeenIndicator(kind: .firstUseOfKey, value: observable.value, time: first.time))
        }
        guard !earlier.isEmpty else { return indicators }
        func networkFacts(_ ip: String?) -> (asn: String?, country: String?) {
            guard let enricher, let ip, let address = IPAddress(ip) else { return (nil, nil) }
            let ownership = enricher.ownership.ownership(of: address)
            let asn = ownership.asn.map { "AS\($0)" + (ownership.organization.map { " \($0)" } ?? "") }
                ?? ownership.organization
            return (asn, ownership.countryCode)
        }
        let knownNetworks = knownIPs.map(networkFacts)
        let knownASNs = Set(knownNetworks.compactMap(\.asn))
        let knownCountries = Set(knownNetworks.compactMap(\.country))
        for event in events {
            if let ip = event.sourceIPAddress, !knownIPs.contains(ip), reported.insert("ip\u{0}" + ip).inserted {
                indicators.append(FirstSeenIndicator(kind: .newSourceIP, value: ip, time: event.time))
                let facts = networkFacts(ip)
                if let asn = facts.asn, !knownASNs.contains(asn), reported.insert("asn\u{0}" + asn).inserted {
                    indicators.append(FirstSeenIndicator(kind: .newASN, value: asn, time: event.time))
                }
                if let country = facts.country, !knownCountries.contains(country),
                   reported.insert("cc\u{0}" + country).inserted {
                    indicators.append(FirstSeenIndicator(kind: .newCountry, value: country, time: event.time))
                }
            }
            if let agent = event.userAgent, !knownAgents.contains(agent), reported.insert("ua\u{0}" + agent).inserted {
                indicators.append(FirstSeenIndicator(kind: .newUserAgent, value: agent, time: event.time))
            }
        }
        return indicators
    }
}

extension Store {
    /// Ids of findings that name `observable`.
    public func findingIDs(naming observable: Observable) throws -> [String] {
        try db.prepare("""
            SELECT DISTINCT l.finding FROM finding_observables l JOIN observables o ON o.id = l.observable
            WHERE o.kind = ? AND o.value = ? ORDER BY l.finding
            """).query([.text(observable.kind.rawValue), .text(observable.value)]) { $0.text(0) ?? "" }
    }
}
