import ArgumentParser
import Foundation
import LanternCore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a database from the bundled real sample data (and open it).",
        discussion: """
            The demo holds the real invictus-ir CloudTrail attack run (2023-07-10, MIT) and findings \
            authored on real GuardDuty and Security Hub shapes around its identities, keys and times. \
            It is rebuilt from scratch each time.
            """)

    @Option(name: .long, help: ArgumentHelp("Where to write the demo database.", valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Only build the database and print its path (do not open the TUI).")
    var noTui = false

    @Option(name: .long, help: ArgumentHelp("A theme name or a path to a .theme file.", valueName: "name|path"))
    var theme: String?

    func run() throws {
        let path = db ?? DemoData.defaultDatabasePath
        let report: IngestReport
        do {
            report = try DemoData.build(at: path)
        } catch {
            throw CLIError.runtime("cannot build the demo database: \(error)")
        }
        if report.hasProblems {
            for problem in report.problems { Output.error("\(problem.file): \(problem.reason)") }
            throw ExitCode(65)
        }
        if noTui {
            Output.line(path)
        } else {
            try TUILauncher.launch(databasePath: path, theme: theme)
        }
    }
}
