import LanternCore

/// A short message on the footer line until the next key.
public struct Flash: Equatable, Sendable {
    public var text: String
    public var isError: Bool

    /// Makes a message.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The whole state of the TUI. Changed only by ``apply(_:)``; views draw it.
public struct AppState: Sendable {
    /// The database shown in the status bar.
    public var databasePath: String
    /// The active theme's name, for the status bar.
    public var themeName: String
    public var width = 80
    public var height = 24
    public var list = FindingsListState()
    /// Views pushed above the list, the last one on top.
    public var stack: [ViewState] = []
    public var mode: InputMode = .normal
    public var showHelp = false
    public var helpScroll = 0
    /// Effects asked for and not yet answered.
    public var pendingEffects = 0
    public var spinnerFrame = 0
    public var flash: Flash?
    /// Text the user asked to copy; the app hands it to the terminal and clears it.
    public var clipboardRequest: String?
    /// Enrichment answers by observable (absent after an answer: nothing known).
    public var enrichment: [Observable: EnrichmentSummary] = [:]
    /// Observables whose enrichment has been answered.
    public var enriched: Set<Observable> = []
    public var eventCount: Int?
    public var commandHistory: [String] = []
    /// Observables recently pivoted to, the most recent first (`:` Tab offers them).
    public var recentObservables: [Observable] = []
    public var historyIndex: Int?
    /// The default activity window around a finding: first seen − before … last seen + after.
    public var windowBefore: Int64 = 24 * 3_600_000
    public var windowAfter: Int64 = 24 * 3_600_000
    /// Each opened finding's case as last read or written (absent: not
    /// read yet; a finding in no case maps to nil).
    public var cases: [String: CaseRecord?] = [:]
    /// Where `x` writes case exports.
    public var exportDirectory = "."
    /// The live source `L` fetches from (`lookup`, `athena`), if the TUI was given one.
    public var liveSource: String?
    /// The live fetch under way.
    public var live: LiveFetchState?
    /// The last search text, which `n`/`N` look for.
    public var search: String?
    /// Set when the user quits.
    public var shouldQuit = false
    var nextViewID = 1

    /// Makes the initial state.
    public init(databasePath: String, themeName: String) {
        self.databasePath = databasePath
        self.themeName = themeName
    }

    /// The effects to run at start.
    public static let initialEffects: [Effect] = [.loadFindings, .countEvents]

    /// The view on top, or nil on the findings list.
    public var top: ViewState? { stack.last }

    /// How times are shown (the display time zone).
    public var timeText = TimeText()

    /// The key tables in effect: the defaults with the configured preset and remappings.
    public var keyMap: KeyMap = .default

    /// The key table of the active view, as the key map has it.
    public var activeKeyTable: KeyTable {
        let table: KeyTable
        if showHelp {
            table = .helpOverlay
        } else {
            switch top {
            case nil: table = list.frequency == nil ? .findings : .frequency
            case .finding?: table = .finding
            case .profile?: table = .profile
            case .event?: table = .event
            }
        }
        return keyMap.effective(table)
    }

    /// The keys that work in every view, as the key map has them.
    public var globalKeyTable: KeyTable { keyMap.effective(.global) }

    /// The trail of views from the list to the one on top.
    public var breadcrumb: [String] {
        ["Findings"] + (list.frequency.map { ["frequency by \($0.column.rawValue)"] } ?? []) + stack.map { view in
            switch view {
            case .finding(let state): return FindingRow.shortType(state.summary.type)
            case .profile(let state): return "\(state.observable.kind.label) \(state.observable.value)"
            case .event(let state): return "event \(state.event.eventName ?? "?")"
            }
        }
    }
}

extension AppState {
    /// The lines of profile `state` as shown now (with its enrichment and the display time zone).
    func profileLines(_ state: ProfileViewState, enrichment: EnrichmentSummary?? = nil) -> [DocumentLine] {
        ProfileDocument.lines(state, enrichment: enrichment ?? self.enrichment[state.observable], time: timeText)
    }
}
