import ArgumentParser
import Foundation
import LanternCore

struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "CloudTrail activity of a value in a time window, with a summary.",
        discussion: """
            Matching is identity-aware: an IAM user also matches its principal IDs, an account matches \
            userIdentity.accountId and recipientAccountId, --whole-role widens an assumed-role session to \
            every session of its role. Queries: \(IRQuery.allCases.map(\.rawValue).joined(separator: ", ")).

            Sources: local (default) reads the database. lookup first runs CloudTrail LookupEvents for the \
            value (one attribute: AccessKeyId for keys, Username for IAM users and role sessions, ResourceName \
            otherwise; --lookup-attribute overrides; about 2 requests/s, newest first) and athena first runs \
            partition-aware SQL on --athena-table; both cache what they return in the database (idempotent by \
            eventID), so the answer, and every later local query, comes from the database.
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

    @OptionGroup(title: "Live sources") var live: LiveActivityOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        // A live source fills the database (and may create it); a local query only reads it.
        let store = try live.source == "local" ? database.openExisting() : database.open()
        guard let irQuery = IRQuery(rawValue: query) else {
            throw ValidationError("unknown query \(query); one of: \(IRQuery.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let observable = try target.observable()
        let window = try windowOptions.resolve(store: store)
        let liveSummary = try live.fetch(observable: observable, window: window, limit: limit, into: store, quiet: json)
        let correlator = Correlator(store: store)
        let activity = try correlator.activity(
            of: observable, in: window, query: irQuery, wholeRole: wholeRole, limit: limit)
        // Detective-style indicators for identities, against their own history.
        let indicators = [.arn, .accessKey, .principalId].contains(observable.kind) && window != .all
            ? try correlator.firstSeenIndicators(for: observable, in: window, enricher: try? Enricher(store: store, parts: [.ipOwnership])) : []
        if json {
            guard case .object(var members) = activity.json else { return }
            members.append(("indicators", .array(indicators.map(\.json))))
            if let liveSummary { members.append(("live", liveSummary)) }
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
        let store = try database.openExisting()
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
        let store = try database.openExisting()
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

/// `activity --source lookup|athena`: fetch from AWS into the database first.
struct LiveActivityOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Where activity comes from: local, lookup (CloudTrail LookupEvents) or athena.", valueName: "source"))
    var source = "local"

    @OptionGroup var aws: AWSOptions

    @Option(name: .customLong("lookup-attribute"), help: ArgumentHelp(
        "The LookupEvents attribute instead of the one derived from the value, e.g. Username=alice.", valueName: "key=value"))
    var lookupAttribute: String?

    @Option(name: .customLong("lookup-max"), help: ArgumentHelp("The most events LookupEvents fetches (newest first).", valueName: "n"))
    var lookupMax = 5000

    @Option(name: .customLong("athena-table"), help: ArgumentHelp("The CloudTrail table (TABLE or DATABASE.TABLE; default: athena.table in the configuration).", valueName: "table"))
    var athenaTable: String?

    @Option(name: .customLong("athena-workgroup"), help: ArgumentHelp("The Athena workgroup (default: athena.workgroup, else primary).", valueName: "name"))
    var athenaWorkgroup: String?

    @Option(name: .customLong("athena-output"), help: ArgumentHelp("Query results location (s3://bucket/prefix/); default: athena.output, else the workgroup's.", valueName: "s3-url"))
    var athenaOutput: String?

    /// Fills the Athena options the command line left out from the configuration (flag > environment > file).
    mutating func validate() throws {
        let settings = try CLISettings.resolve([.athenaTable: athenaTable, .athenaWorkgroup: athenaWorkgroup, .athenaOutput: athenaOutput])
        athenaTable = settings.athenaTable
        athenaWorkgroup = settings.athenaWorkgroup
        athenaOutput = settings.athenaOutput
    }

    @Option(name: .customLong("athena-database"), help: ArgumentHelp("The Glue database of the table.", valueName: "name"))
    var athenaDatabase: String?

    @Option(name: .customLong("athena-catalog"), help: ArgumentHelp("The data catalog.", valueName: "name"))
    var athenaCatalog = "AwsDataCatalog"

    @Option(name: .customLong("athena-dialect"), help: ArgumentHelp(
        "The table layout: cloudtrail (CloudTrail's documented table) or ocsf (Security Lake).", valueName: "name"))
    var athenaDialect = "cloudtrail"

    @Option(name: .customLong("athena-partitions"), help: ArgumentHelp(
        "CloudTrail table partitions: year-month-day, timestamp (projected yyyy/MM/dd) or none.", valueName: "scheme"))
    var athenaPartitions = "year-month-day"

    @Option(name: .customLong("athena-region"), help: ArgumentHelp("Only this region partition (repeatable).", valueName: "region"))
    var athenaRegion: [String] = []

    /// Fetches into `store` for lookup/athena; returns the summary for JSON output (nil for local).
    /// Ctrl-C cancels the fetch (a running Athena query is stopped) and exits 130.
    func fetch(observable: Observable, window: TimeWindow, limit: Int, into store: Store, quiet: Bool) throws -> JSONValue? {
        let source: LiveActivityRequest.Source
        switch self.source {
        case "local":
            return nil
        case "lookup":
            source = try lookupSource(observable: observable)
        case "athena":
            source = try athenaSource(observable: observable, window: window, limit: limit)
        default:
            throw ValidationError("--source must be local, lookup or athena")
        }
        if case .athena(let table, _, _, _, _) = source, window == .all {
            Output.error("no time window: the Athena query scans every partition of \(table) "
                + "(narrow it with --around, --from/--to or --finding)")
        }
        let cancellation = AWSCancellation()
        let request = LiveActivityRequest(
            source: source, configuration: try aws.configuration(), options: try aws.clientOptions(),
            observable: observable, window: window, limit: limit)
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.restore() }
        let showProgress = Output.stderrIsTerminal && !quiet
        let summary: LiveActivitySummary
        do {
            summary = try LiveActivityFetch.run(request, store: store, cancellation: cancellation) { progress in
                if showProgress { Output.progress(progress.statusLine) }
            }
        } catch AWSError.cancelled {
            if showProgress { Output.progress("") }
            Output.error("\(source.name) cancelled; what arrived before is stored")
            throw ExitCode(130)
        } catch {
            if showProgress { Output.progress("") }
            let context = source.name == "lookup" ? "LookupEvents \((try? request.lookupAttribute())?.description ?? "")" : "Athena activity query"
            throw awsFailure(context, error)
        }
        if showProgress { Output.progress("") }
        if !quiet {
            if let attribute = summary.attribute {
                Output.error("LookupEvents \(attribute): \(summary.fetched) events in \(summary.pages) pages, "
                    + "\(summary.stored) new, \(summary.duplicate) already stored")
            } else {
                Output.error("Athena query \(summary.queryID ?? "?"): \(summary.fetched) rows, \(summary.stored) new, "
                    + "\(summary.duplicate) already stored" + (summary.dataScannedBytes.map { ", \($0) bytes scanned" } ?? ""))
            }
        }
        for reason in summary.rejected.prefix(20) { Output.error("skipped \(reason)") }
        return summary.json
    }

    func lookupSource(observable: Observable) throws -> LiveActivityRequest.Source {
        guard lookupMax > 0 else { throw ValidationError("--lookup-max must be positive") }
        var attribute: CloudTrailLookupAttribute?
        if let text = lookupAttribute {
            guard let parsed = CloudTrailLookupAttribute(parsing: text) else {
                throw ValidationError("--lookup-attribute must be KEY=value with KEY one of "
                    + CloudTrailLookupAttribute.Key.allCases.map(\.rawValue).joined(separator: ", "))
            }
            attribute = parsed
        }
        let source = LiveActivityRequest.Source.lookup(attribute: attribute, maxEvents: lookupMax)
        // Checked before any credentials are needed: an IP cannot be looked up.
        if attribute == nil, CloudTrailLookupAttribute.forObservable(observable) == nil {
            throw ValidationError("LookupEvents cannot search by \(observable.kind.label) (its lookup attributes are "
                + "access key, user name, resource name, event name/source/ID); use --source athena or --lookup-attribute")
        }
        return source
    }

    func athenaSource(observable: Observable, window: TimeWindow, limit: Int) throws -> LiveActivityRequest.Source {
        guard let table = athenaTable else { throw ValidationError("--source athena needs --athena-table") }
        guard let dialect = AthenaActivityQuery.Dialect(rawValue: athenaDialect) else {
            throw ValidationError("--athena-dialect must be cloudtrail or ocsf")
        }
        guard let partitioning = AthenaActivityQuery.Partitioning(rawValue: athenaPartitions) else {
            throw ValidationError("--athena-partitions must be year-month-day, timestamp or none")
        }
        if let output = athenaOutput, !output.hasPrefix("s3://") {
            throw ValidationError("--athena-output must be an s3:// URL")
        }
        do {
            _ = try AthenaActivityQuery(
                table: table, dialect: dialect, partitioning: partitioning, observable: observable, window: window,
                regions: athenaRegion, limit: limit).sql()
        } catch {
            throw ValidationError("\(error)")
        }
        let context = AthenaClient.Context(
            workgroup: athenaWorkgroup ?? "primary", outputLocation: athenaOutput, database: athenaDatabase, catalog: athenaCatalog)
        return .athena(table: table, context: context, dialect: dialect, partitioning: partitioning, regions: athenaRegion)
    }
}

/// Set by the SIGINT handler (a plain store: the only async-signal-safe thing to do).
nonisolated(unsafe) private var interruptReceived: sig_atomic_t = 0

/// Turns Ctrl-C into a cancellation while a live fetch runs, then restores the default.
/// The signal handler only sets a flag; a watcher thread turns it into `handler()`.
final class InterruptHandler: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    init(_ handler: @escaping @Sendable () -> Void) {
        interruptReceived = 0
        signal(SIGINT) { _ in interruptReceived = 1 }
        // A parent may have started us with SIGINT blocked (threads of test runners and
        // dispatch workers block it); unblock it on this thread so Ctrl-C is delivered.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        Thread { [self] in
            while !isStopped {
                if interruptReceived != 0 {
                    handler()
                    return
                }
                usleep(50_000)
            }
        }.start()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func restore() {
        lock.lock()
        stopped = true
        lock.unlock()
        signal(SIGINT, SIG_DFL)
    }
}
