/// The default key tables (PRODUCT.md "Screens and keys").
extension KeyTable {
    private static func c(_ character: Character) -> Key { .character(character) }

    private static let movement: [KeyBinding] = [
        KeyBinding([c("j"), .down], .moveDown, help: "move down", footer: "move"),
        KeyBinding([c("k"), .up], .moveUp, help: "move up"),
        KeyBinding([.pageDown, c(" ")], .pageDown, help: "page down"),
        KeyBinding([.pageUp], .pageUp, help: "page up"),
        KeyBinding([c("g"), .home], .top, help: "go to the top"),
        KeyBinding([c("G"), .end], .bottom, help: "go to the bottom"),
    ]

    /// Keys that work in every view (after the view's own table).
    public static let global = KeyTable(name: "Everywhere", bindings: [
        KeyBinding([.escape, .backspace], .back, help: "go back to where you were", footer: "back"),
        KeyBinding([c(":")], .commandLine, help: "command line (:ip, :key, :arn, :window -6h +2h, :sort, :filter, :q)", footer: "command"),
        KeyBinding([c("?")], .help, help: "help for this view", footer: "help"),
        KeyBinding([c("y")], .copy, help: "copy the selected value to the clipboard (OSC 52, works through tmux)"),
        KeyBinding([c("q"), .ctrlC], .quit, help: "quit", footer: "quit"),
    ])

    /// The findings list.
    public static let findings = KeyTable(name: "Findings", bindings: movement + [
        KeyBinding([.enter], .open, help: "open the finding", footer: "open"),
        KeyBinding([c("/")], .filter, help: "filter: text, sev>=high, type:Recon, account:123, ip:1.2.3.4, -term", footer: "filter"),
        KeyBinding([c("s")], .sort, help: "sort by the next column", footer: "sort"),
        KeyBinding([c("S")], .reverseSort, help: "reverse the sort order"),
    ])

    /// The finding view: observables, reputation, ownership, activity.
    public static let finding = KeyTable(name: "Finding", bindings: movement + [
        KeyBinding([.tab], .nextPane, help: "next pane (observables, activity)", footer: "pane"),
        KeyBinding([.backTab], .previousPane, help: "previous pane"),
        KeyBinding([c("h"), .left], .columnLeft, help: "activity: previous column"),
        KeyBinding([c("l"), .right], .columnRight, help: "activity: next column"),
        KeyBinding([.enter], .open, help: "pivot to the selected value, or open the event", footer: "pivot"),
        KeyBinding([c("<")], .narrowWindow, help: "halve the time window", footer: "window"),
        KeyBinding([c(">")], .widenWindow, help: "double the time window"),
        KeyBinding([c("i")], .nextQuery, help: "next IR query (all, persistence, data access, lateral, evasion, errors)", footer: "IR query"),
    ])

    /// The observable profile.
    public static let profile = KeyTable(name: "Profile", bindings: movement + [
        KeyBinding([.enter], .open, help: "open the selected finding, value or event", footer: "pivot"),
    ])

    /// The raw event record.
    public static let event = KeyTable(name: "Event", bindings: movement + [
        KeyBinding([.enter], .open, help: "pivot to the value on the selected line", footer: "pivot"),
    ])

    /// While the help overlay is open.
    public static let helpOverlay = KeyTable(name: "Help", bindings: [
        KeyBinding([.escape, c("?"), c("q"), .enter], .closeHelp, help: "close help", footer: "close"),
        KeyBinding([c("j"), .down], .moveDown, help: "scroll down"),
        KeyBinding([c("k"), .up], .moveUp, help: "scroll up"),
    ])

    /// Every table, for documentation and tests.
    public static let all: [KeyTable] = [findings, finding, profile, event, global, helpOverlay]
}
