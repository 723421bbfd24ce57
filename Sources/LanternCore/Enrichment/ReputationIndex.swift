import Foundation

/// An in-memory matcher over many intel sources.
///
/// IPs and CIDRs (IPv4 and IPv6, nested or overlapping) are held in one ``IPRangeMap``;
/// domains in a dictionary walked by parent suffix (`a.evil.example` is matched by a listed
/// `evil.example`); URLs by canonical text (and by host); hashes of any algorithm by
/// lower-case hex. Loading a source under a name that is already loaded replaces all of its
/// indicators. Revoked indicators never match; expired ones are shown but do not count.
public struct ReputationIndex: Sendable {
    /// The loaded sources, in load order.
    public private(set) var sources: [IntelSource] = []
    private var indicators: [[Indicator]] = []

    // Compiled matchers; entry ids index `entrySource` / `entryIndicator`.
    private var entrySource: [UInt16] = []
    private var entryIndicator: [UInt32] = []
    private var entryVerdictRank: [UInt8] = []
    /// `validFrom`/`validUntil` as seconds since 1970 (±infinity when absent).
    private var entryValidFrom: [Double] = []
    private var entryValidUntil: [Double] = []
    private var ipMap = IPRangeMap()
    private var exact: [String: [UInt32]] = [:]
    private var domains: [String: [UInt32]] = [:]
    private var patterns = PatternList()

    /// An empty index.
    public init() {}

    /// Builds an index over `loaded` sources at once (faster than loading one by one).
    public init(_ loaded: [(source: IntelSource, indicators: [Indicator])]) {
        for (source, list) in loaded { store(source, list) }
        rebuild()
    }

    /// The indicators held for the source called `name`.
    public func indicators(ofSource name: String) -> [Indicator] {
        sources.firstIndex { $0.name == name }.map { indicators[$0] } ?? []
    }

    /// Loads a source, replacing every indicator of a source with the same name.
    /// The source's `count` is set to the number of indicators.
    public mutating func load(_ source: IntelSource, indicators list: [Indicator]) {
        store(source, list)
        rebuild()
    }

    /// Removes the source called `name`; `false` when no such source is loaded.
    @discardableResult
    public mutating func remove(sourceNamed name: String) -> Bool {
        guard let index = sources.firstIndex(where: { $0.name == name }) else { return false }
        sources.remove(at: index)
        indicators.remove(at: index)
        rebuild()
        return true
    }

    private mutating func store(_ source: IntelSource, _ list: [Indicator]) {
        var source = source
        source.count = list.count
        if let index = sources.firstIndex(where: { $0.name == source.name }) {
            sources[index] = source
            indicators[index] = list
        } else {
            sources.append(source)
            indicators.append(list)
        }
    }

    private mutating func rebuild() {
        entrySource = []
        entryIndicator = []
        entryVerdictRank = []
        entryValidFrom = []
        entryValidUntil = []
        exact = [:]
        domains = [:]
        patterns = PatternList()
        var ranges: [IPRangeMap.Range] = []
        for (sourceIndex, list) in indicators.enumerated() {
            for (indicatorIndex, indicator) in list.enumerated() where !indicator.revoked {
                let id = UInt32(entrySource.count)
                var used = true
                switch indicator.kind {
                case .ipv4 where IPAddress.parseV4(indicator.value.utf8) != nil:
                    // Fast path for the common case: a canonical dotted quad.
                    let value = IPAddress.v4MappedPrefix | UInt128(IPAddress.parseV4(indicator.value.utf8) ?? 0)
                    ranges.append(IPRangeMap.Range(lower: value, upper: value, id: id))
                case .ipv4, .ipv6, .cidr:
                    if let network = IPNetwork(indicator.value) {
                        ranges += IPRangeMap.ranges(of: network, id: id)
                    } else {
                        used = false
                    }
                case .domain:
                    domains[indicator.value, default: []].append(id)
                case .url, .md5, .sha1, .sha256, .sha512:
                    exact[indicator.value, default: []].append(id)
                case .other:
                    if indicator.labels.contains("match:substring") {
                        patterns.substrings.append((indicator.value, id))
                    } else if indicator.labels.contains("match:regex") {
                        if let regex = try? NSRegularExpression(pattern: indicator.value, options: [.caseInsensitive]) {
                            patterns.regexes.append((regex, id))
                        } else {
                            used = false
                        }
                    } else {
                        exact[indicator.value.lowercased(), default: []].append(id)
                    }
                }
                guard used else { continue }
                entrySource.append(UInt16(truncatingIfNeeded: sourceIndex))
                entryIndicator.append(UInt32(indicatorIndex))
                entryVerdictRank.append(UInt8(indicator.verdict.rank))
                entryValidFrom.append(indicator.validFrom?.timeIntervalSince1970 ?? -.infinity)
                entryValidUntil.append(indicator.validUntil?.timeIntervalSince1970 ?? .infinity)
            }
        }
        ipMap = IPRangeMap(ranges)
    }

    // MARK: - Fast path

    /// The combined verdict for an IP without building a result (no allocation):
    /// the most severe verdict of the current indicators containing `address`.
    @inline(__always)
    public func verdict(for address: IPAddress, at time: Date? = nil) -> Verdict {
        let now = time?.timeIntervalSince1970
        var best: UInt8 = 0
        entryVerdictRank.withUnsafeBufferPointer { ranks in
            ipMap.forEachMatch(address.value) { id in
                let index = Int(id)
                if let now, now < entryValidFrom[index] || now > entryValidUntil[index] { return }
                if ranks[index] > best { best = ranks[index] }
            }
        }
        switch best {
        case 3: return .malicious
        case 2: return .suspicious
        case 1: return .benign
        default: return .unknown
        }
    }

    // MARK: - Full lookups

    /// Looks up any observable text: IP, CIDR (its first address), domain, URL, hash, or
    /// an exact string listed by a source.
    public func lookup(_ text: String, at time: Date = Date()) -> Reputation {
        guard let classified = IndicatorClassifier.classify(text) else {
            let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            return result(value: key, kind: nil, matches: (exact[key] ?? []).map { ($0, .exact) }, at: time)
        }
        switch classified.kind {
        case .ipv4, .ipv6, .cidr:
            guard let network = IPNetwork(classified.value) else { break }
            return lookup(network.first, at: time, value: classified.value, kind: classified.kind)
        case .domain:
            return result(value: classified.value, kind: .domain, matches: domainMatches(classified.value), at: time)
        case .url:
            return result(value: classified.value, kind: .url, matches: urlMatches(classified.value), at: time)
        case .md5, .sha1, .sha256, .sha512, .other:
            break
        }
        return result(
            value: classified.value, kind: classified.kind,
            matches: (exact[classified.value] ?? []).map { ($0, .exact) }, at: time)
    }

    /// Looks up an IP address: exact entries and every CIDR containing it.
    public func lookup(_ address: IPAddress, at time: Date = Date()) -> Reputation {
        lookup(address, at: time, value: address.description, kind: address.isIPv4 ? .ipv4 : .ipv6)
    }

    private func lookup(_ address: IPAddress, at time: Date, value: String, kind: IndicatorKind) -> Reputation {
        var found: [(UInt32, MatchKind)] = []
        ipMap.forEachMatch(address.value) { id in
            let indicator = indicator(for: id)
            found.append((id, indicator.kind == .cidr ? .cidr : .exact))
        }
        return result(value: value, kind: kind, matches: found.reversed(), at: time)
    }

    private func indicator(for id: UInt32) -> Indicator {
        indicators[Int(entrySource[Int(id)])][Int(entryIndicator[Int(id)])]
    }

    private func domainMatches(_ domain: String) -> [(UInt32, MatchKind)] {
        var found: [(UInt32, MatchKind)] = []
        var suffix = Substring(domain)
        var isExact = true
        while true {
            if let ids = domains[String(suffix)] {
                found += ids.map { ($0, isExact ? .exact : .parentDomain) }
            }
            guard let dot = suffix.firstIndex(of: ".") else { break }
            suffix = suffix[suffix.index(after: dot)...]
            isExact = false
        }
        found += patterns.matches(domain)
        return found
    }

    private func urlMatches(_ url: String) -> [(UInt32, MatchKind)] {
        var found: [(UInt32, MatchKind)] = (exact[url] ?? []).map { ($0, .exact) }
        if var host = URLCanonicalizer.host(url) {
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            if let address = IPAddress(host) {
                ipMap.forEachMatch(address.value) { found.append(($0, .urlHost)) }
            } else {
                found += domainMatches(host).filter { $0.1 == .exact || $0.1 == .parentDomain }
                    .map { ($0.0, .urlHost) }
            }
        }
        found += patterns.matches(url)
        return found
    }

    private func result(value: String, kind: IndicatorKind?, matches: [(UInt32, MatchKind)], at time: Date)
        -> Reputation
    {
        let now = time.timeIntervalSince1970
        var bySource: [Int: [ReputationMatch]] = [:]
        var order: [Int] = []
        var seen = Set<UInt32>()
        for (id, kind) in matches where seen.insert(id).inserted {
            let sourceIndex = Int(entrySource[Int(id)])
            let expired = now < entryValidFrom[Int(id)] || now > entryValidUntil[Int(id)]
            if bySource[sourceIndex] == nil { order.append(sourceIndex) }
            bySource[sourceIndex, default: []].append(
                ReputationMatch(indicator: indicator(for: id), matchKind: kind, isExpired: expired))
        }
        var perSource: [SourceReputation] = order.compactMap { index in
            guard let list = bySource[index] else { return nil }
            return ReputationIndex.summarise(sources[index], list)
        }
        perSource.sort { a, b in
            let ka = a.verdict == .benign ? 4 : a.verdict.rank
            let kb = b.verdict == .benign ? 4 : b.verdict.rank
            return ka != kb ? ka > kb : a.source.name < b.source.name
        }
        let (verdict, reason) = ReputationIndex.combine(perSource)
        return Reputation(value: value, kind: kind, verdict: verdict, reason: reason, sources: perSource)
    }

    static func summarise(_ source: IntelSource, _ matches: [ReputationMatch]) -> SourceReputation {
        let current = matches.filter { !$0.isExpired }
        let verdict = current.map(\.indicator.verdict).max() ?? .unknown
        let first = current.first?.indicator ?? matches[0].indicator
        return SourceReputation(
            source: source, verdict: verdict,
            score: current.compactMap(\.indicator.score).max(),
            confidence: current.compactMap(\.indicator.confidence).max(),
            firstSeen: matches.compactMap(\.indicator.firstSeen).min(),
            lastSeen: matches.compactMap(\.indicator.lastSeen).max(),
            reference: first.reference ?? first.comment,
            matches: matches)
    }

    static func combine(_ perSource: [SourceReputation]) -> (Verdict, String) {
        let verdict = perSource.map(\.verdict).max() ?? .unknown
        let benign = perSource.filter { $0.verdict == .benign }.map { describe($0) }
        let context = benign.isEmpty ? "" : "known-benign context: " + benign.joined(separator: ", ")
        switch verdict {
        case .unknown:
            if perSource.isEmpty { return (.unknown, "no loaded intel source lists this value") }
            return (
                .unknown,
                "only expired or withdrawn indicators: " + perSource.map(\.source.name).joined(separator: ", ")
            )
        case .benign:
            return (.benign, context)
        case .suspicious, .malicious:
            let named = perSource.filter { $0.verdict == verdict }.map { describe($0) }
            var reason = "\(verdict.rawValue) per " + named.joined(separator: ", ")
            if !context.isEmpty { reason += "; " + context }
            return (verdict, reason)
        }
    }

    static func describe(_ source: SourceReputation) -> String {
        var text = source.source.name
        if let match = source.matches.first(where: { !$0.isExpired }) ?? source.matches.first {
            switch match.matchKind {
            case .exact: break
            case .cidr: text += " (in \(match.indicator.value))"
            case .parentDomain: text += " (parent \(match.indicator.value))"
            case .urlHost: text += " (host \(match.indicator.value))"
            case .substring, .regex: text += " (\(match.matchKind.rawValue) \(match.indicator.value))"
            }
        }
        if let score = source.score { text += " score " + formatScore(score) }
        return text
    }

    /// A score as text: integral scores without a fraction.
    static func formatScore(_ score: Double) -> String {
        if score == score.rounded(), abs(score) < 1e15 { return String(Int64(score)) }
        return String(score)
    }
}

/// MISP substring and regex entries, applied to domains and URLs by linear scan.
struct PatternList: @unchecked Sendable {
    // NSRegularExpression is immutable and thread-safe once built.
    var substrings: [(String, UInt32)] = []
    var regexes: [(NSRegularExpression, UInt32)] = []

    func matches(_ text: String) -> [(UInt32, MatchKind)] {
        guard !substrings.isEmpty || !regexes.isEmpty else { return [] }
        var found: [(UInt32, MatchKind)] = []
        let lower = text.lowercased()
        for (needle, id) in substrings where lower.contains(needle) { found.append((id, .substring)) }
        let range = NSRange(text.startIndex..., in: text)
        for (regex, id) in regexes where regex.firstMatch(in: text, range: range) != nil {
            found.append((id, .regex))
        }
        return found
    }
}
