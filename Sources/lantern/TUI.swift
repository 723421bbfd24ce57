import ArgumentParser
import Foundation
import LanternCore
import LanternTUI
import LanternTerminal

struct TUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal UI on the database (the default command).",
        discussion: """
            Keys: j/k move, Enter open/pivot, Esc back, / filter, : command, ? help, q quit. \
            Themes: \(ThemeLocator.builtinNames.joined(separator: ", ")), or a .theme file; NO_COLOR is honoured.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("A theme name or a path to a .theme file.", valueName: "name|path"))
    var theme: String?

    @OptionGroup(title: "Live activity (L in a finding or profile)") var live: LiveActivityOptions

    func run() throws {
        try TUILauncher.launch(databasePath: database.path, theme: theme, live: try live.tuiRequestBuilder())
    }
}

/// Opens the TUI (shared by `lantern`, `lantern tui` and `lantern demo`).
enum TUILauncher {
    static func launch(
        databasePath: String, theme themeName: String?, live: (name: String, build: EffectRunner.LiveRequestBuilder)? = nil
    ) throws {
        let settings = try CLISettings.resolve([.theme: themeName])
        let theme: Theme
        do {
            theme = try ThemeLocator.load(settings.theme)
        } catch {
            throw CLIError.runtime("theme \(error)")
        }
        let keyMap = try KeyMapLoader.load(settings)
        // Configured intel is loaded into an existing database only: a mistyped path must not become a new store.
        let exists = FileManager.default.fileExists(atPath: databasePath)
        let sources = settings.readOnly || !exists
            ? ConfiguredSources.Report() : CLISettings.loadConfiguredSources(settings, databasePath: databasePath)
        guard try hasData(databasePath) else {
            Output.line("No data in \(databasePath) yet.")
            Output.line("Load CloudTrail logs and findings:  lantern ingest PATH…")
            Output.line("Or explore the bundled sample:       lantern demo")
            return
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError.runtime("the TUI needs a terminal; for scripts use `lantern findings`, `lantern show`, `lantern activity`")
        }
        let terminal = CursesTerminal(theme: theme)
        if settings.mouse { terminal.enableMouse() }
        let inbox = ActionInbox()
        let runner = EffectRunner(databasePath: databasePath, enrichment: StoreEnrichment(databasePath: databasePath), inbox: inbox,
                                  liveRequest: live?.build)
        let frameLog = ProcessInfo.processInfo.environment["LANTERN_FRAME_LOG"].map(FrameLog.init(path:))
        var state = AppState(databasePath: databasePath, themeName: theme.name)
        state.liveSource = live?.name
        state.keyMap = keyMap
        state.timeText = TimeText(zone: settings.displayTimeZone)
        state.windowBefore = settings.activityWindowMilliseconds
        state.windowAfter = settings.activityWindowMilliseconds
        // What the last session left: the list's filter and sort, `:` history, recent observables.
        let remembered = UIStateStore()
        var saved = UIState()
        var stateProblems: [String] = []
        do {
            saved = try remembered.load()
        } catch {
            stateProblems.append("\(error) (starting afresh)")
        }
        state.restore(saved)
        let notes = keyMap.conflicts.map { "keys: \($0)" } + sources.problems + stateProblems
        if let first = notes.first {
            state.flash = Flash(notes.count == 1 ? first : "\(first) (+\(notes.count - 1) more: lantern keys, lantern config show)", isError: true)
        }
        let app = App(state: state, terminal: terminal, runner: runner, inbox: inbox, frameLog: frameLog)
        app.clipboardEnabled = settings.clipboardOSC52
        let signal = app.run()
        terminal.close()
        do {
            try remembered.save(app.currentState.remembered(into: saved))
        } catch {
            Output.error("\(error)")
        }
        try frameLog?.write()
        if let signal { throw ExitCode(128 + signal) }
    }

    /// Whether the database exists and holds any findings or events; a database
    /// that is there but cannot be read is an error, not "no data".
    static func hasData(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        do {
            return try Store(path: path, readOnly: true).holdsData()
        } catch {
            throw DatabaseAccess.openFailure(path, error)
        }
    }
}
