import ArgumentParser
import Foundation
import LanternCore

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Cases: group findings, record verdicts, notes and starred evidence, export and import.",
        discussion: "The analyst name is $LANTERN_ANALYST, else $USER, unless --analyst is given.",
        subcommands: [CaseNewCommand.self, CaseAddCommand.self, CaseNoteCommand.self, CaseVerdictCommand.self, CaseTagCommand.self, CaseStarCommand.self,
                      CaseListCommand.self, CaseShowCommand.self, CaseExportCommand.self, CaseImportCommand.self])
}

/// Options shared by commands that record who did something.
struct AnalystOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The analyst name (default $LANTERN_ANALYST or $USER).", valueName: "name"))
    var analyst: String?

    var name: String { analyst ?? Store.defaultAnalyst }
}

/// Runs `body`, turning case errors into a message and exit status 1.
private func runCase<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CaseError {
        Output.error(error.description)
        throw ExitCode.failure
    }
}

struct CaseNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a case; prints its id.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var analyst: AnalystOptions

    @Argument(help: ArgumentHelp("The case title.", valueName: "title"))
    var title: String

    @Option(name: .long, help: ArgumentHelp("Add this finding to the new case.", valueName: "finding-id"))
    var finding: [String] = []

    func run() throws {
        let store = try database.openExisting(writing: true)
        let record = try runCase { () -> CaseRecord in
            let record = try store.createCase(title: title, analyst: analyst.name)
            for id in finding { try store.addFinding(id, toCase: record.id) }
            return record
        }
        Output.line(record.id)
    }
}

struct CaseAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add findings to a case.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String

    @Argument(help: ArgumentHelp("Finding ids.", valueName: "finding-id"))
    var findings: [String]

    func run() throws {
        let store = try database.openExisting(writing: true)
        try runCase { for id in findings { try store.addFinding(id, toCase: caseID) } }
    }
}

struct CaseNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a timestamped note to a case or one of its findings.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var analyst: AnalystOptions

    @Option(name: .long, help: ArgumentHelp("The finding the note is about.", valueName: "finding-id"))
    var finding: String?

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String

    @Argument(help: ArgumentHelp("The note.", valueName: "text"))
    var text: String

    func run() throws {
        let store = try database.openExisting(writing: true)
        try runCase { try store.addNote(text, toCase: caseID, finding: finding, analyst: analyst.name) }
    }
}

struct CaseVerdictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdict",
        abstract: "Set the verdict of a case, or of one of its findings: true-positive, false-positive, benign, needs-escalation, undecided.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var analyst: AnalystOptions

    @Option(name: .long, help: ArgumentHelp("The finding (added to the case when missing).", valueName: "finding-id"))
    var finding: String?

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String

    @Argument(help: ArgumentHelp("The verdict.", valueName: "verdict"))
    var verdict: String

    func run() throws {
        guard let parsed = CaseVerdict(rawValue: verdict) else {
            throw ValidationError("unknown verdict \(verdict); one of: \(CaseVerdict.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let store = try database.openExisting(writing: true)
        try runCase { try store.setVerdict(parsed, case: caseID, finding: finding, analyst: analyst.name) }
    }
}

struct CaseTagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Tag a case or one of its findings.")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("The finding to tag.", valueName: "finding-id"))
    var finding: String?

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String

    @Argument(help: ArgumentHelp("Tags.", valueName: "tag"))
    var tags: [String]

    func run() throws {
        let store = try database.openExisting(writing: true)
        try runCase { for tag in tags { try store.addTag(tag, case: caseID, finding: finding) } }
    }
}

struct CaseStarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "star",
        abstract: "Star an event (--event ID) or an observable (VALUE [--kind K]) as evidence, with the pivot trail (--via).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var analyst: AnalystOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String

    @Argument(help: ArgumentHelp("The observable to star (IP, key, ARN…).", valueName: "value"))
    var value: String?

    @Option(name: .long, help: ArgumentHelp("The observable's kind when it cannot be detected.", valueName: "kind"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("The CloudTrail eventID to star.", valueName: "event-id"))
    var event: String?

    @Option(name: .long, help: ArgumentHelp(
        "A pivot step that led here, KIND:VALUE (finding:ID, ipv4:1.2.3.4, event:ID…); repeat in order.", valueName: "step"))
    var via: [String] = []

    func run() throws {
        let trail = try via.map { text -> PivotStep in
            guard let step = PivotStep(parsing: text) else { throw ValidationError("--via: expected KIND:VALUE, got \(text)") }
            return step
        }
        let item: CaseEvidence.Item
        switch (event, value) {
        case (let eventID?, nil):
            item = .event(eventID: eventID)
        case (nil, let value?):
            item = .observable(try ObservableOptions.parse([value] + (kind.map { ["--kind", $0] } ?? [])).observable())
        default:
            throw ValidationError("give either --event ID or a value")
        }
        let store = try database.openExisting(writing: true)
        try runCase { try store.star(item, case: caseID, trail: trail, analyst: analyst.name) }
    }
}

struct CaseListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, most recently updated first.")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openExisting()
        let cases = try store.cases()
        if json {
            Output.json(.array(cases.map { record in
                .object([
                    ("id", .string(record.id)), ("title", .string(record.title)), ("analyst", .string(record.analyst)),
                    ("created", .string(record.created)), ("updated", .string(record.updated)),
                    ("verdict", .string(record.verdict.rawValue)), ("findings", .int(record.findings.count)),
                    ("notes", .int(record.notes.count)), ("evidence", .int(record.evidence.count)),
                ])
            }))
            return
        }
        for record in cases {
            Output.line("\(record.id)  \(record.updated)  \(Output.cell(record.verdict.rawValue, 16))  "
                + "\(record.findings.count) findings  \(record.title)")
        }
    }
}

struct CaseShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case: findings, verdicts, notes, evidence.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String

    func run() throws {
        let store = try database.openExisting()
        guard let record = try store.caseRecord(id: caseID) else {
            Output.error("no case \(caseID)")
            throw ExitCode.failure
        }
        Output.line("\(record.id): \(record.title)")
        Output.line("verdict \(record.verdict.rawValue) · analyst \(record.analyst) · created \(record.created) · updated \(record.updated)")
        if !record.tags.isEmpty { Output.line("tags: \(record.tags.joined(separator: ", "))") }
        Output.line("findings:")
        for finding in record.findings {
            let tags = finding.tags.isEmpty ? "" : "  [\(finding.tags.joined(separator: ", "))]"
            Output.line("  \(finding.findingID)  \(finding.verdict.rawValue)\(tags)")
        }
        if !record.evidence.isEmpty { Output.line("evidence:") }
        for evidence in record.evidence {
            let item: String
            switch evidence.item {
            case .event(let eventID): item = "event \(eventID)"
            case .observable(let observable): item = "\(observable.kind.rawValue) \(observable.value)"
            }
            let trail = evidence.trail.map { "\($0.kind):\($0.value)" }.joined(separator: " → ")
            Output.line("  ★ \(item)\(trail.isEmpty ? "" : "  via \(trail)")")
        }
        if !record.notes.isEmpty { Output.line("notes:") }
        for note in record.notes {
            Output.line("  \(note.time) \(note.analyst)\(note.findingID.map { " (\($0))" } ?? ""): \(note.text)")
        }
    }
}

struct CaseExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a case (or the case of a finding) as JSON, Markdown or a STIX 2.1 bundle.",
        discussion: """
            Writes atomically with mode 0600, or prints to standard output without -o. Session tokens and \
            secret keys in records are redacted. The same case exports byte-identical files.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var analyst: AnalystOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "case"))
    var caseID: String?

    @Option(name: .long, help: ArgumentHelp(
        "Export the (first) case holding this finding, or the finding alone when it is in none.", valueName: "finding-id"))
    var finding: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The output file.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("json, md or stix.", valueName: "format"))
    var format: String = "json"

    func run() throws {
        guard let parsedFormat = CaseExporter.Format(rawValue: format) else {
            throw ValidationError("unknown format \(format); one of: json, md, stix")
        }
        let store = try database.openExisting()
        let record: CaseRecord
        switch (caseID, finding) {
        case (let id?, nil):
            guard let stored = try store.caseRecord(id: id) else {
                Output.error("no case \(id)")
                throw ExitCode.failure
            }
            record = stored
        case (nil, let findingID?):
            guard let stored = try store.exportCase(forFinding: findingID, analyst: analyst.name) else {
                Output.error("no finding with Id \(findingID)")
                throw ExitCode.failure
            }
            record = stored
        default:
            throw ValidationError("give a case id or --finding ID")
        }
        let exporter = try CaseExporter(store: store)
        let text = try exporter.render(record, format: parsedFormat)
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try runCase { try AtomicFile.write(text, to: output) }
    }
}

struct CaseImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Re-create a case from its JSON export.")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Replace a case with the same id.")
    var replace = false

    @Argument(help: ArgumentHelp("The JSON export.", valueName: "file"))
    var path: String

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            Output.error("cannot read \(path): \(error.localizedDescription)")
            throw ExitCode(65)
        }
        let store = try database.open()
        do {
            let record = try CaseImporter.importCase(text, into: store, replace: replace)
            Output.line(record.id)
        } catch let error as CaseError {
            Output.error(error.description)
            if case .caseExists = error { throw ExitCode.failure }
            throw ExitCode(65)
        }
    }
}
