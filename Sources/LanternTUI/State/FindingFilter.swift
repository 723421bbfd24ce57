import LanternCore

/// A findings filter: free text plus field terms, any of them negated with `-`.
///
/// `sev>=high type:Recon account:prod ip:1.2.3.4 -status:archived "exact phrase" region=us-east-1`.
/// Terms are ANDed. Text matches any column, case-insensitively. Observable
/// terms (`ip:`, `key:`, `arn:`, `obs:`) match findings that name the value,
/// which the store answers in the background.
public struct FindingFilter: Equatable, Sendable {
    /// A column a field term looks at.
    public enum Field: String, CaseIterable, Sendable {
        case type, account, region, status, product, principal, resource, title, id
    }

    /// Comparison for `sev` terms.
    public enum Comparison: String, Sendable {
        case equal = ":", atLeast = ">=", atMost = "<=", above = ">", below = "<"
    }

    /// One condition.
    public enum Term: Equatable, Sendable {
        case text(String)
        case field(Field, String)
        /// `field=value`: the whole value, case-insensitively (`field=` matches an empty one).
        case fieldEquals(Field, String)
        case severity(Comparison, Int)
        case observable(Observable)
    }

    /// A term, possibly negated.
    public struct Clause: Equatable, Sendable {
        public var term: Term
        public var negated: Bool
    }

    /// The conditions, all of which must hold.
    public var clauses: [Clause] = []

    /// The empty filter (matches everything).
    public init() {}

    /// Whether every finding this filter passes also passed `previous`
    /// (a term added, or the last text or field term extended): then only
    /// what `previous` showed needs testing. Observable terms (answered
    /// later by the store) and negated terms never count as narrowing.
    public func narrows(_ previous: FindingFilter) -> Bool {
        guard observables.isEmpty, previous.observables.isEmpty, !previous.clauses.isEmpty else { return false }
        if clauses.count == previous.clauses.count + 1, Array(clauses.prefix(previous.clauses.count)) == previous.clauses {
            return true
        }
        guard clauses.count == previous.clauses.count, let last = clauses.last, let before = previous.clauses.last,
              Array(clauses.dropLast()) == Array(previous.clauses.dropLast()), !last.negated, !before.negated
        else { return false }
        switch (before.term, last.term) {
        case (.text(let old), .text(let new)): return new.contains(old)
        case (.field(let oldField, let old), .field(let newField, let new)): return oldField == newField && new.contains(old)
        default: return false
        }
    }

    /// The observables whose findings the filter needs from the store.
    public var observables: [Observable] {
        clauses.compactMap { if case .observable(let o) = $0.term { return o } else { return nil } }
    }

    private static let fieldAliases: [String: Field] = [
        "type": .type, "account": .account, "acct": .account, "region": .region, "status": .status,
        "product": .product, "principal": .principal, "user": .principal, "resource": .resource, "res": .resource,
        "title": .title, "id": .id,
    ]

    /// Parses `text`; the error names the term at fault.
    public static func parse(_ text: String) -> Result<FindingFilter, FilterError> {
        var filter = FindingFilter()
        for var token in tokens(text) {
            var negated = false
            if token.hasPrefix("-"), token.count > 1 {
                negated = true
                token.removeFirst()
            }
            switch term(token) {
            case .success(let term): filter.clauses.append(Clause(term: term, negated: negated))
            case .failure(let error): return .failure(error)
            }
        }
        return .success(filter)
    }

    static func term(_ token: String) -> Result<Term, FilterError> {
        let lower = token.lowercased()
        for prefix in ["severity", "sev"] where lower.hasPrefix(prefix) {
            let rest = String(lower.dropFirst(prefix.count))
            for comparison in [Comparison.atLeast, .atMost, .equal, .above, .below] where rest.hasPrefix(comparison.rawValue) {
                let value = String(rest.dropFirst(comparison.rawValue.count))
                guard let rank = severityRank(value) else {
                    return .failure(FilterError(term: token, reason: "severity is one of info, low, medium, high, critical"))
                }
                return .success(.severity(comparison, rank))
            }
        }
        if let equals = token.firstIndex(of: "="), let field = fieldAliases[token[..<equals].lowercased()] {
            return .success(.fieldEquals(field, String(token[token.index(after: equals)...]).lowercased()))
        }
        if lower.hasPrefix("arn:aws") {
            if let arn = Observable(kind: .arn, token) { return .success(.observable(arn)) }
            return .success(.text(lower))
        }
        guard let colon = token.firstIndex(of: ":") else { return .success(.text(lower)) }
        let name = token[..<colon].lowercased()
        let value = String(token[token.index(after: colon)...])
        guard !value.isEmpty else { return .success(.text(lower)) }
        switch name {
        case "ip":
            guard let ip = Observable(kind: .ipv4, value) ?? Observable(kind: .ipv6, value) else {
                return .failure(FilterError(term: token, reason: "not an IP address"))
            }
            return .success(.observable(ip))
        case "key":
            guard let key = Observable(kind: .accessKey, value) else {
                return .failure(FilterError(term: token, reason: "not an access key ID"))
            }
            return .success(.observable(key))
        case "arn":
            guard let arn = Observable(kind: .arn, value) else { return .failure(FilterError(term: token, reason: "not an ARN")) }
            return .success(.observable(arn))
        case "obs", "value":
            guard let observable = Observable(detecting: value) else {
                return .failure(FilterError(term: token, reason: "not a recognisable value"))
            }
            return .success(.observable(observable))
        default:
            if let field = fieldAliases[name] { return .success(.field(field, value.lowercased())) }
            return .success(.text(lower))
        }
    }

    /// The rank 0 (informational) … 4 (critical) of a severity word or 0–4 digit.
    static func severityRank(_ word: String) -> Int? {
        switch word {
        case "info", "informational", "0": return 0
        case "low", "1": return 1
        case "med", "medium", "2": return 2
        case "high", "3": return 3
        case "crit", "critical", "4": return 4
        default: return nil
        }
    }

    /// Splits on blanks, keeping "double-quoted phrases" (and -"negated phrases") together.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if (character == " " || character == "\t") && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Whether a finding passes. `haystack` is the finding's lower-cased
    /// searchable text; `finding` and `accountName` are asked for only when
    /// a term needs more than the text (a list of 100k findings is re-tested
    /// on each keystroke, and copying each `Finding` was most of that);
    /// `matches` holds, per observable term, the Ids of the findings naming
    /// it (a term still loading matches nothing).
    public func matches(
        haystack: SearchText, finding: () -> Finding, accountName: () -> String?, matches: [Observable: Set<String>]
    ) -> Bool {
        for clause in clauses {
            let hit: Bool
            switch clause.term {
            case .text(let text):
                hit = haystack.contains(text)
            case .field(let field, let value):
                hit = FindingFilter.value(of: field, in: finding(), accountName: field == .account ? accountName() : nil)
                    .contains(value)
            case .fieldEquals(let field, let value):
                hit = FindingFilter.exactValue(of: field, in: finding()).lowercased() == value
            case .severity(let comparison, let rank):
                let own = Severity.rank(finding().severityLabel)
                switch comparison {
                case .equal: hit = own == rank
                case .atLeast: hit = own >= rank
                case .atMost: hit = own <= rank
                case .above: hit = own > rank
                case .below: hit = own < rank
                }
            case .observable(let observable):
                hit = matches[observable]?.contains(finding().id) ?? false
            }
            if hit == clause.negated { return false }
        }
        return true
    }

    static func value(of field: Field, in finding: Finding, accountName: String?) -> String {
        switch field {
        case .type: return finding.type.lowercased()
        case .account: return ((finding.account ?? "") + " " + (accountName ?? "")).lowercased()
        case .region: return (finding.region ?? "").lowercased()
        case .status: return (finding.status ?? "").lowercased()
        case .product: return finding.product.lowercased()
        case .principal: return (finding.principal ?? "").lowercased()
        case .resource: return ((finding.resourceType ?? "") + " " + (finding.resourceId ?? "")).lowercased()
        case .title: return finding.title.lowercased()
        case .id: return finding.id.lowercased()
        }
    }

    /// The field's own value, as `field=value` terms compare it (the
    /// account Id, the resource Id).
    public static func exactValue(of field: Field, in finding: Finding) -> String {
        switch field {
        case .type: return finding.type
        case .account: return finding.account ?? ""
        case .region: return finding.region ?? ""
        case .status: return finding.status ?? ""
        case .product: return finding.product
        case .principal: return finding.principal ?? ""
        case .resource: return finding.resourceId ?? ""
        case .title: return finding.title
        case .id: return finding.id
        }
    }

    /// The lower-cased text free-text terms search in.
    public static func haystack(_ finding: Finding, accountName: String?) -> SearchText {
        SearchText([finding.severityLabel, finding.type, finding.title, finding.id, finding.account ?? "", accountName ?? "",
                    finding.region ?? "", finding.principal ?? "", finding.resourceType ?? "", finding.resourceId ?? "",
                    finding.status ?? "", finding.product].joined(separator: "\u{1F}"))
    }
}

/// A filter expression that does not parse.
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The term at fault.
    public var term: String
    /// Why.
    public var reason: String

    public var description: String { "\(term): \(reason)" }
}
