import ArgumentParser
import Foundation
import LanternCore

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pull findings and account data straight from AWS into the database.",
        discussion: """
            Credentials, region and endpoint are found as AWS tools find them: --profile / AWS_PROFILE, \
            AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, ~/.aws/credentials and \
            ~/.aws/config, --region / AWS_REGION / AWS_DEFAULT_REGION, --endpoint-url / AWS_ENDPOINT_URL / \
            AWS_ENDPOINT_URL_<SERVICE>. Secrets are never printed or stored. Exit status 1 on any AWS \
            error (bad credentials, access denied, throttling after retries, unknown account).
            """,
        subcommands: [SyncSecurityHub.self, SyncGuardDuty.self, SyncOrganizations.self, SyncCloudTrail.self])
}

/// Prints an AWS failure (sanitised: service messages come from the network)
/// and returns its exit status: 130 after Ctrl-C (what arrived before is kept), else 1.
func awsFailure(_ context: String, _ error: Error) -> ExitCode {
    if case AWSError.cancelled? = error as? AWSError {
        Output.error("\(context) cancelled; what arrived before is stored")
        return ExitCode(130)
    }
    Output.error("\(context) failed: \(error)")
    return ExitCode(1)
}

/// Options every `sync` command takes.
struct AWSOptions: ParsableArguments {
    @Option(name: .long, help: "The AWS profile (default: AWS_PROFILE, then environment keys, then 'default').")
    var profile: String?

    @Option(name: .long, help: "The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("Send requests to this endpoint.", valueName: "url"))
    var endpointURL: String?

    @Flag(name: .customLong("allow-insecure"), help: "Allow a plain http endpoint that is not on loopback.")
    var allowInsecure = false

    @Option(name: .long, help: ArgumentHelp("Seconds before one request is abandoned.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .customLong("max-attempts"), help: ArgumentHelp("Attempts per request, retries on throttling and 5xx included (1-10).", valueName: "n"))
    var maxAttempts = 5

    /// Timeouts and retries from the options.
    func clientOptions() throws -> AWSClient.Options {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard (1...10).contains(maxAttempts) else { throw ValidationError("--max-attempts must be between 1 and 10") }
        var options = AWSClient.Options()
        options.timeout = timeout
        options.maxAttempts = maxAttempts
        return options
    }

    /// Credentials, region and endpoint; a problem is printed and exits 1.
    /// `aws.profile`/`aws.region` of the configuration act as AWS_PROFILE/AWS_REGION when those are unset.
    func configuration() throws -> AWSConfiguration {
        let settings = CLISettings.resolvedOrDefault()
        var environment = ProcessInfo.processInfo.environment
        for (key, variable) in [(SettingKey.awsProfile, "AWS_PROFILE"), (.awsRegion, "AWS_REGION")] {
            if case .file = settings[key].origin, let value = settings[key].value.string { environment[variable] = value }
        }
        do {
            return try AWSConfiguration.resolve(
                profile: profile, region: region, endpointURL: endpointURL, allowInsecure: allowInsecure, environment: environment)
        } catch {
            Output.error("\(error)")
            throw ExitCode(1)
        }
    }

    func client(for service: AWSService, cancellation: AWSCancellation = AWSCancellation()) throws -> AWSClient {
        var options = try clientOptions()
        options.cancellation = cancellation
        let configuration = try configuration()
        do {
            return try AWSClient(configuration: configuration, service: service, options: options)
        } catch {
            Output.error("\(error)")
            throw ExitCode(1)
        }
    }
}

struct SyncSecurityHub: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "securityhub",
        abstract: "GetFindings (all pages) into the findings store; a newer UpdatedAt replaces a stored copy.",
        discussion: """
            Filters (repeatable, values comma-separated): severity=HIGH,CRITICAL  workflow=NEW,NOTIFIED  \
            account=123456789012  record-state=ACTIVE (the default)  since=2026-11-01T00:00:00Z  \
            until=…  days=7.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var aws: AWSOptions

    @Option(name: .long, help: ArgumentHelp("A filter such as severity=HIGH,CRITICAL (repeatable).", valueName: "name=values"))
    var filter: [String] = []

    @Option(name: .customLong("page-size"), help: "Findings per request (1-100).")
    var pageSize = 100

    @Flag(name: .long, help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        let filters: SecurityHubFilters
        do {
            filters = try SecurityHubFilters(parsing: filter)
        } catch {
            throw ValidationError("\(error)")
        }
        let cancellation = AWSCancellation()
        let client = SecurityHubClient(client: try aws.client(for: .securityHub, cancellation: cancellation), pageSize: pageSize)
        let store = try database.open()
        let showProgress = Output.stderrIsTerminal && !json
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.restore() }
        let report: SecurityHubSync.Report
        do {
            report = try SecurityHubSync.run(
                client: client, filters: filters, into: store, cancellation: cancellation
            ) { report in
                if showProgress {
                    Output.progress("Security Hub: \(report.pages) pages, \(report.fetched) findings")
                }
            }
        } catch {
            if showProgress { Output.progress("") }
            throw awsFailure("sync securityhub", error)
        }
        if showProgress { Output.progress("") }
        try finish(report, json: json, headline: "Security Hub: \(report.fetched) findings in \(report.pages) pages")
    }
}

struct SyncOrganizations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizations",
        abstract: "Accounts, OU paths and tags into the account catalog ownership uses.",
        discussion: "Without --account, every account in the organisation (ListAccounts) is described.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var aws: AWSOptions

    @Option(name: .long, help: ArgumentHelp("Only this account (repeatable).", valueName: "id"))
    var account: [String] = []

    @Option(name: .long, help: "The enrichment source name to save the catalog as.")
    var name = OrganizationsSync.defaultSourceName

    @Flag(name: .long, help: "Print the accounts as JSON.")
    var json = false

    func run() throws {
        var ids: [String] = []
        for value in account {
            guard value.count == 12, let id = AccountRecord.canonicalID(value) else {
                throw ValidationError("--account \(value) is not a 12-digit account ID")
            }
            ids.append(id)
        }
        let cancellation = AWSCancellation()
        let client = OrganizationsClient(client: try aws.client(for: .organizations, cancellation: cancellation))
        let store = try database.open()
        let showProgress = Output.stderrIsTerminal && !json
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.restore() }
        let records: [AccountRecord]
        do {
            records = try OrganizationsSync.run(
                client: client, accountIDs: ids, into: store, name: name, cancellation: cancellation
            ) { done, total in
                if showProgress { Output.progress("Organizations: \(done)/\(total) accounts") }
            }
        } catch {
            if showProgress { Output.progress("") }
            throw awsFailure("sync organizations", error)
        }
        if showProgress { Output.progress("") }
        if json {
            Output.json(.array(records.map { record in
                .object([
                    ("id", .string(record.id)), ("name", .optional(record.name)), ("ou", .optional(record.ou)),
                    ("owner", .optional(record.owner)), ("environment", .optional(record.environment)),
                    ("tags", .object(record.tags.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ])
            }))
        } else {
            Output.line("Organizations: \(records.count) accounts saved as source '\(name)'")
            for record in records {
                Output.line("\(record.id)  \(record.name ?? "-")  \(record.ou ?? "-")")
            }
        }
    }
}

struct SyncGuardDuty: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardduty",
        abstract: "ListFindings/GetFindings (all pages, every detector in the region) into the findings store.",
        discussion: """
            Findings are normalised as when ingesting GuardDuty files; a newer updatedAt replaces a stored \
            copy. By default only findings that are not archived.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var aws: AWSOptions

    @Option(name: .long, help: ArgumentHelp("Only this detector (repeatable; default: ListDetectors).", valueName: "id"))
    var detector: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only findings updated in the last N days.", valueName: "n"))
    var days: Int?

    @Option(name: .customLong("min-severity"), help: ArgumentHelp("Only findings with at least this severity (0-10).", valueName: "score"))
    var minSeverity: Double?

    @Flag(name: .customLong("include-archived"), help: "Include archived findings.")
    var includeArchived = false

    @Option(name: .customLong("page-size"), help: "Finding IDs per request (1-50).")
    var pageSize = 50

    @Flag(name: .long, help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        if let days, days <= 0 { throw ValidationError("--days must be positive") }
        if let minSeverity, !(0...10).contains(minSeverity) { throw ValidationError("--min-severity must be 0-10") }
        let since = days.map { Int64(Date().timeIntervalSince1970 * 1000) - Int64($0) * 86_400_000 }
        let criteria = GuardDutyClient.Criteria(
            updatedSince: since, minimumSeverity: minSeverity, includeArchived: includeArchived)
        let cancellation = AWSCancellation()
        let client = GuardDutyClient(client: try aws.client(for: .guardDuty, cancellation: cancellation), pageSize: pageSize)
        let store = try database.open()
        let showProgress = Output.stderrIsTerminal && !json
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.restore() }
        let report: GuardDutySync.Report
        do {
            report = try GuardDutySync.run(
                client: client, detectors: detector, criteria: criteria, into: store, cancellation: cancellation
            ) { report in
                if showProgress { Output.progress("GuardDuty: \(report.pages) pages, \(report.fetched) findings") }
            }
        } catch {
            if showProgress { Output.progress("") }
            throw awsFailure("sync guardduty", error)
        }
        if showProgress { Output.progress("") }
        try finish(
            report, json: json,
            headline: "GuardDuty: \(report.fetched) findings from \(report.detectors.count) detectors in \(report.pages) pages",
            extra: [("detectors", .array(report.detectors.map(JSONValue.string)))])
    }
}

struct SyncCloudTrail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cloudtrail",
        abstract: "CloudTrail LookupEvents for one attribute into the database (newest first, about 2 requests/s).",
        discussion: """
            LookupEvents takes exactly one attribute: AccessKeyId, Username, EventName, EventSource, EventId, \
            ReadOnly, ResourceType or ResourceName, and covers the last 90 days. Events already stored \
            (same eventID) are counted as duplicates. `lantern activity VALUE --source lookup` does the same \
            for a value and then shows its activity.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var aws: AWSOptions

    @Option(name: .long, help: ArgumentHelp("The lookup attribute, e.g. Username=alice.", valueName: "key=value"))
    var attribute: String

    @Option(name: .long, help: ArgumentHelp("Earliest event time (RFC 3339).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Latest event time (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(name: .customLong("max-events"), help: ArgumentHelp("The most events to fetch (newest first).", valueName: "n"))
    var maxEvents = 5000

    @Flag(name: .long, help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        guard let parsed = CloudTrailLookupAttribute(parsing: attribute) else {
            throw ValidationError("--attribute must be KEY=value with KEY one of "
                + CloudTrailLookupAttribute.Key.allCases.map(\.rawValue).joined(separator: ", "))
        }
        func time(_ text: String?, _ name: String) throws -> Int64? {
            guard let text else { return nil }
            guard let ms = Timestamp.milliseconds(text) else { throw ValidationError("--\(name): not an RFC 3339 time: \(text)") }
            return ms
        }
        guard maxEvents > 0 else { throw ValidationError("--max-events must be positive") }
        let query = CloudTrailLookupClient.Query(
            attribute: parsed, start: try time(from, "from"), end: try time(to, "to"), maxEvents: maxEvents)
        let cancellation = AWSCancellation()
        let client = CloudTrailLookupClient(client: try aws.client(for: .cloudTrail, cancellation: cancellation))
        let store = try database.open()
        let showProgress = Output.stderrIsTerminal && !json
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.restore() }
        let report: CloudTrailLookupSync.Report
        do {
            report = try CloudTrailLookupSync.run(client: client, query: query, into: store, cancellation: cancellation) {
                if showProgress { Output.progress("LookupEvents \(parsed): \($0.pages) pages, \($0.fetched) events") }
            }
        } catch {
            if showProgress { Output.progress("") }
            throw awsFailure("LookupEvents \(parsed)", error)
        }
        if showProgress { Output.progress("") }
        if json {
            Output.json(.object([
                ("attribute", .string(parsed.key.rawValue)), ("value", .string(parsed.value)),
                ("pages", .int(report.pages)), ("fetched", .int(report.fetched)), ("stored", .int(report.stored)),
                ("duplicate", .int(report.duplicate)), ("skipped", .int(report.rejected.count)),
            ]))
        } else {
            Output.line("LookupEvents \(parsed): \(report.fetched) events in \(report.pages) pages")
            Output.line("events: \(report.stored) stored, \(report.duplicate) duplicate, \(report.rejected.count) skipped")
        }
        for reason in report.rejected.prefix(20) { Output.error("skipped \(reason)") }
        if !report.rejected.isEmpty { throw ExitCode(65) }
    }
}

extension ParsableCommand {
    /// Prints a findings sync's outcome (JSON, or a headline and the counts)
    /// and exits 65 when findings were skipped.
    func finish(
        _ report: some FindingSyncReport, json: Bool, headline: String, extra: [(key: String, value: JSONValue)] = []
    ) throws {
        if json {
            Output.json(.object(extra + report.countMembers))
        } else {
            Output.line(headline)
            Output.line(report.storedLine)
            for reason in report.rejected.prefix(20) { Output.error("skipped finding \(reason)") }
        }
        if !report.rejected.isEmpty { throw ExitCode(65) }
    }
}
