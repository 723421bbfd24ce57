import ArgumentParser
import LanternCore

struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "CloudTrail activity of a value in a time window, with a summary.",
        discussion: """
            Matching is identity-aware: an IAM user also matches its principal IDs, an account matches \
            userIdentity.accountId and recipientAccountId, --whole-role widens an assumed-role session to \
            every session of its role. Queries: \(IRQuery.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: ObservableOptions
    @OptionGroup var windowOptions: WindowOptions

    @Option(name: .long, help: ArgumentHelp("An IR query: all, persistence, data-access, lateral, defense-evasion, errors.", valueName: "name"))
    var query: String = "all"

    @Flag(name: .long, help: "For an assumed-role session, match every session of its role.")
    var wholeRole = false

    @Option(name: .long, help: "The most events to return.")
    var limit = 10_000

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.open()
        guard let irQuery = IRQuery(rawValue: query) else {
            throw ValidationError("unknown query \(query); one of: \(IRQuery.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let observable = try target.observable()
        let window = try windowOptions.resolve(store: store)
        let correlator = Correlator(store: store)
        let activity = try correlator.activity(
            of: observable, in: window, query: irQuery, wholeRole: wholeRole, limit: limit)
        // Detective-style indicators for identities, against their own history.
        let indicators = [.arn, .accessKey, .principalId].contains(observable.kind) && window != .all
            ? try correlator.firstSeenIndicators(for: observable, in: window, enricher: try? Enricher(store: store, parts: [.ipOwnership])) : []
        if json {
            guard case .object(var members) = activity.json else { return }
            members.append(("indicators", .array(indicators.map(\.json))))
            Output.json(.object(members))
            return
        }
        Output.line("\(observable.kind.label) \(observable.value)  —  \(irQuery.rawValue), \(activity.summary.total) events"
            + (window == .all ? "" : "  [\(window)]") + (activity.truncated ? "  (truncated)" : ""))
        Output.line("\(Output.cell("TIME", 20)) \(Output.cell("SOURCE", 24)) \(Output.cell("EVENT", 32)) "
            + "\(Output.cell("SOURCE IP", 16)) \(Output.cell("ERROR", 14)) USER AGENT")
        for event in activity.events {
            Output.line("\(Output.cell(Timestamp.string(milliseconds: event.time), 20)) "
                + "\(Output.cell(event.eventSource ?? "-", 24)) \(Output.cell(event.eventName ?? "-", 32)) "
                + "\(Output.cell(event.sourceIPAddress ?? "-", 16)) \(Output.cell(event.errorCode ?? "", 14)) "
                + "\(event.userAgent ?? "-")")
        }
        let summary = activity.summary
        Output.line("")
        Output.line("by eventName: " + summary.byEventName.prefix(12).map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        Output.line("by eventSource: " + summary.byEventSource.prefix(8).map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        if !summary.errors.isEmpty {
            Output.line("errors: " + summary.errors.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        }
        Output.line("read-only \(summary.readOnly), mutating \(summary.mutating); regions: "
            + summary.regions.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        for indicator in indicators {
            Output.line("indicator: \(indicator.kind.rawValue) \(indicator.value) at \(Timestamp.string(milliseconds: indicator.time))")
        }
        Output.line("source IP × user agent:")
        for pair in summary.ipUserAgentPairs.prefix(20) {
            Output.line("  \(Output.cell(pair.sourceIPAddress, 16)) \(Output.cell(String(pair.count), 6)) "
                + "\(Timestamp.string(milliseconds: pair.firstSeen)) … \(Timestamp.string(milliseconds: pair.lastSeen))  \(pair.userAgent)")
        }
    }
}

struct Related: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Findings that share observables with a finding, or that name a value.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("A finding Id, or a value (IP, key, ARN…).", valueName: "finding-id-or-value"))
    var target: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.open()
        let correlator = Correlator(store: store)
        let related: [RelatedFinding]
        if try store.finding(id: target) != nil {
            related = try correlator.relatedFindings(toFinding: target)
        } else if let observable = Observable(detecting: target) {
            related = try correlator.relatedFindings(to: [observable])
        } else {
            throw CLIError.notFound("\(target) is neither a stored finding Id nor a recognisable value")
        }
        if json {
            Output.json(.array(related.map(\.json)))
            return
        }
        for item in related {
            Output.line("\(Output.cell(item.finding.severityLabel, 9)) \(Output.cell(item.finding.type, 50)) \(item.finding.id)")
            Output.line("          shares: " + item.shared.map(\.description).joined(separator: ", "))
        }
        Output.line("\(related.count) related findings")
    }
}

struct Chain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve a temporary key or assumed-role session to the calls that minted it, up the chain; for a role, its sessions.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: ObservableOptions
    @OptionGroup var windowOptions: WindowOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.open()
        let observable = try target.observable()
        let correlator = Correlator(store: store)
        let links = try correlator.credentialChain(of: observable)
        let isRole = observable.kind == .arn && observable.value.contains(":role/")
        let sessions = isRole ? try correlator.sessions(ofRole: observable.value, in: try windowOptions.resolve(store: store)) : []
        if json {
            var members: [(key: String, value: JSONValue)] = [
                ("observable", .object([("kind", .string(observable.kind.rawValue)), ("value", .string(observable.value))])),
                ("chain", .array(links.map(\.json))),
            ]
            if isRole { members.append(("sessions", .array(sessions.map(\.json)))) }
            Output.json(.object(members))
            return
        }
        if links.isEmpty && !isRole { Output.line("no issuing event for \(observable.value) in the store") }
        for (depth, link) in links.enumerated() {
            let event = link.issuingEvent
            Output.line(String(repeating: "  ", count: depth) + "\(link.credential)")
            Output.line(String(repeating: "  ", count: depth) + "  ← \(event.eventName ?? "?") at "
                + "\(Timestamp.string(milliseconds: event.time)) by \(event.arn ?? "?") "
                + "(key \(event.accessKeyId ?? "-")) from \(event.sourceIPAddress ?? "-") using \(event.userAgent ?? "-")")
        }
        for session in sessions {
            Output.line("\(session.sessionArn)  \(session.count) events  keys \(session.accessKeys.joined(separator: ","))  "
                + "from \(session.sourceIPs.joined(separator: ","))")
        }
    }
}
