import ArgumentParser
import Foundation
import LanternCore

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read CloudTrail logs and findings from files or directories into the database.",
        discussion: """
            Formats are recognised by content: CloudTrail S3 delivery files {"Records":[…]} (.json or \
            .json.gz, whole AWSLogs/ trees), bare arrays, JSON Lines, `aws cloudtrail lookup-events` output, \
            EventBridge events; Security Hub ASFF and native GuardDuty findings in any of their wrappers. \
            Re-ingesting is idempotent: events are unique by eventID, findings by Id (a newer UpdatedAt \
            replaces the stored copy). Exit status 65 when any record was skipped.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print the summary as one JSON object.")
    var json = false

    @Argument(help: ArgumentHelp("Files or directories to read.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let store = try database.open()
        let ingestor = try Ingestor(store: store)
        let showBar = Output.stderrIsTerminal && !json
        let started = Date()
        let report: IngestReport
        var lastTenth = -1
        do {
            report = try ingestor.ingest(paths: paths) { progress in
                if !showBar && !json && progress.filesTotal >= 10 {
                    // Not a terminal: a plain line at every tenth of the files.
                    let tenth = 10 * progress.filesDone / progress.filesTotal
                    if tenth > lastTenth {
                        lastTenth = tenth
                        Output.error("progress: \(progress.filesDone)/\(progress.filesTotal) files, "
                            + "\(progress.events) events, \(progress.findings) findings")
                    }
                } else if showBar {
                    let width = 30
                    let done = progress.filesTotal == 0 ? width : width * progress.filesDone / progress.filesTotal
                    let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
                    Output.progress("[\(bar)] \(progress.filesDone)/\(progress.filesTotal) files  "
                        + "\(progress.events) events  \(progress.findings) findings"
                        + (progress.indexing ? "  building the correlation index…" : ""))
                }
            }
        } catch {
            if showBar { Output.progress("") }
            throw CLIError.runtime("ingest failed: \(error)")
        }
        if showBar { Output.progress("") }
        if json {
            Output.json(report.json)
        } else {
            let seconds = Date().timeIntervalSince(started)
            Output.line("read \(report.files) files (\(report.bytes) bytes) in \(String(format: "%.2f", seconds)) s")
            Output.line("events:   \(report.events.stored) stored, \(report.events.duplicate) duplicate, \(report.events.skipped) skipped")
            Output.line("findings: \(report.findings.stored) stored, \(report.findings.updated) updated, "
                + "\(report.findings.duplicate) duplicate, \(report.findings.skipped) skipped")
            if report.unrecognized > 0 { Output.line("unrecognized records: \(report.unrecognized)") }
            for problem in report.problems.prefix(50) {
                Output.error("\(problem.file)\(problem.record.map { " record \($0)" } ?? ""): \(problem.reason)")
            }
            if report.problems.count > 50 {
                Output.error("… and \(report.problems.count - 50) more problems (use --json for all)")
            }
        }
        if report.hasProblems { throw ExitCode(65) }
    }
}
