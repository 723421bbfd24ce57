/// What the TUI remembers between runs: the last filter and sort of each view,
/// the observables recently pivoted to, and the `:` command history.
/// Saved by ``UIStateStore``.
public struct UIState: Codable, Equatable, Sendable {
    /// The last sort of a view: a column name and the direction.
    public struct Sort: Codable, Equatable, Sendable {
        public var column: String
        public var descending: Bool

        /// Makes a sort.
        public init(column: String, descending: Bool) {
            self.column = column
            self.descending = descending
        }
    }

    /// An observable recently pivoted to: its kind's name and its canonical value.
    public struct RecentObservable: Codable, Equatable, Sendable {
        public var kind: String
        public var value: String

        /// Makes one.
        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    /// How many recent observables are kept.
    public static let recentObservableLimit = 50
    /// How many `:` commands are kept.
    public static let commandHistoryLimit = 200

    /// The file format's version.
    public var version = 1
    /// The last filter text per view (`findings`…), absent when none.
    public var filters: [String: String] = [:]
    /// The last sort per view.
    public var sorts: [String: Sort] = [:]
    /// Recent observables, the most recent first, without repeats.
    public var recentObservables: [RecentObservable] = []
    /// `:` commands, the oldest first (as the TUI's history is), without adjacent repeats.
    public var commandHistory: [String] = []

    /// An empty state.
    public init() {}

    /// Puts `observable` first, removing an earlier mention, keeping at most the limit.
    public mutating func remember(observable: RecentObservable) {
        recentObservables.removeAll { $0 == observable }
        recentObservables.insert(observable, at: 0)
        if recentObservables.count > UIState.recentObservableLimit {
            recentObservables.removeLast(recentObservables.count - UIState.recentObservableLimit)
        }
    }

    /// Appends `command` (unless it repeats the last one), keeping at most the limit.
    public mutating func remember(command: String) {
        guard !command.isEmpty, commandHistory.last != command else { return }
        commandHistory.append(command)
        if commandHistory.count > UIState.commandHistoryLimit {
            commandHistory.removeFirst(commandHistory.count - UIState.commandHistoryLimit)
        }
    }
}
