/// A named action a key can be bound to. Key tables map keys to commands;
/// the reducer gives each command its meaning in the active view.
public enum Command: String, CaseIterable, Sendable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case top
    case bottom
    case columnLeft = "column-left"
    case columnRight = "column-right"
    case open
    case back
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case filter
    case commandLine = "command-line"
    case help
    case closeHelp = "close-help"
    case sort
    case reverseSort = "reverse-sort"
    case narrowWindow = "narrow-window"
    case widenWindow = "widen-window"
    case nextQuery = "next-query"
    case copy
    case verdict
    case note
    case star
    case export
    case frequency
    case fetchLive = "fetch-live"
    case refresh
    case search
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case quit
}
