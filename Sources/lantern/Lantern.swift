import Foundation
import ArgumentParser
import LanternCore

@main
struct Lantern: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Triage AWS security findings: reputation, ownership and CloudTrail activity, offline.",
        discussion: """
            Exit status: 0 ok, 1 runtime failure, 64 usage error, 65 bad input data \
            (something was skipped; the rest was stored).
            """,
        version: LanternVersion.current,
        subcommands: [TUI.self, Ingest.self, Findings.self, Show.self, Enrich.self, Intel.self, ActivityCommand.self, Related.self, Chain.self, Sync.self, Demo.self, Bench.self, CaseCommand.self, ConfigCommand.self, KeysCommand.self],
        defaultSubcommand: TUI.self
    )
}

/// Options every command that opens the database takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", valueName: "path"))
    var db: String?

    /// `--db`, else `LANTERN_DB`, else `database` in the configuration, else the default.
    var path: String { CLISettings.resolvedOrDefault([.database: db]).database }

    /// Opens a database that must already exist: commands that only read
    /// say so instead of creating an empty one at a mistyped path. A reader
    /// (`writing` false) reads a database it cannot write, read-only.
    func openExisting(writing: Bool = false) throws -> Store {
        let path = self.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.notFound("no database at \(path) (lantern ingest PATH… or lantern demo creates one)")
        }
        return try open(readOnly: !writing && DatabaseAccess.writeProblem(path) != nil)
    }

    /// Opens the database for `enrich` and `intel list`, whose data may come from
    /// the configuration alone: when it names intel, ownership or account files, a
    /// missing database is created and they are loaded into it; otherwise it must exist.
    func openForEnrichment() throws -> Store {
        let settings = CLISettings.resolvedOrDefault([.database: db])
        if !FileManager.default.fileExists(atPath: settings.database), !ConfiguredSources.paths(settings).isEmpty {
            return try open()
        }
        return try openExisting()
    }

    /// Reports a bad configuration file (exit 65) before the command runs.
    func validate() throws { _ = try CLISettings.resolve([.database: db]) }

    /// Opens the database (read-only when asked or when `read-only` is set) and
    /// loads the intel and ownership files the configuration names when they changed.
    func open(readOnly: Bool = false) throws -> Store {
        let settings = CLISettings.resolvedOrDefault([.database: db])
        let path = settings.database
        let writing = !readOnly && !settings.readOnly
        if writing, let problem = DatabaseAccess.writeProblem(path) {
            throw CLIError.runtime("cannot write database \(path): \(problem)")
        }
        let store: Store
        do {
            store = try Store(path: path, readOnly: !writing)
        } catch {
            // Store reads a read-only database once on opening, so a database it
            // cannot read (a WAL database whose -shm file cannot be made) fails here.
            throw !writing && DatabaseAccess.writeProblem(path) != nil
                ? DatabaseAccess.readFailure(path, error) : DatabaseAccess.openFailure(path, error)
        }
        if writing { CLISettings.report(ConfiguredSources.sync(settings, into: store)) }
        return store
    }
}

/// Failures with the exit status they map to. Their text is printed by the
/// argument parser, so it is sanitised here: paths and names in it may come
/// from an attacker (a file named with escape sequences).
enum CLIError: Error, CustomStringConvertible {
    case runtime(String)
    case badData(String)
    case notFound(String)

    var description: String {
        switch self {
        case .runtime(let m), .badData(let m), .notFound(let m): return TerminalText.sanitize(m)
        }
    }
}

extension ParsableCommand {
    /// Prints `message` to standard error, sanitised, and exits with `code`.
    func fail(_ message: String, code: Int32) -> ExitCode {
        Output.error(message)
        return ExitCode(code)
    }
}
