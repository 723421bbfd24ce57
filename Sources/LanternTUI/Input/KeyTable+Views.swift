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
        KeyBinding([c("R")], .refresh, help: "reload: findings, counts and this view's data (after an ingest or sync)"),
        KeyBinding([c("q"), .ctrlC], .quit, help: "quit", footer: "quit"),
    ])

    /// The findings list.
    public static let findings = KeyTable(name: "Findings", bindings: movement + [
        KeyBinding([.enter], .open, help: "open the finding", footer: "open"),
        KeyBinding([c("/")], .filter, help: "filter: text, sev>=high, type:Recon, account:123, ip:1.2.3.4, -term", footer: "filter"),
        KeyBinding([c("s")], .sort, help: "sort by the next column", footer: "sort"),
        KeyBinding([c("S")], .reverseSort, help: "reverse the sort order"),
        KeyBinding([c("F")], .frequency, help: "frequency: group and count the shown findings by a column", footer: "frequency"),
        KeyBinding([c("n")], .nextMatch, help: "next finding matching the last search"),
        KeyBinding([c("N")], .previousMatch, help: "previous finding matching the last search"),
    ] + caseKeys)

    /// The frequency view over the findings list.
    public static let frequency = KeyTable(name: "Frequency", bindings: movement + [
        KeyBinding([.enter], .open, help: "filter the list to the group", footer: "filter to group"),
        KeyBinding([.tab, c("l"), .right, c("s")], .nextPane, help: "group by the next column", footer: "column"),
        KeyBinding([.backTab, c("h"), .left], .previousPane, help: "group by the previous column"),
        KeyBinding([c("F")], .frequency, help: "close the frequency view"),
    ])

    /// Searching a view: `/` and `n`/`N`.
    private static let searchKeys: [KeyBinding] = [
        KeyBinding([c("/")], .search, help: "search this view (n/N: next/previous match)", footer: "search"),
        KeyBinding([c("n")], .nextMatch, help: "next match"),
        KeyBinding([c("N")], .previousMatch, help: "previous match"),
    ]

    /// Live activity from AWS, when the TUI has a live source.
    private static let liveKey = KeyBinding(
        [c("L")], .fetchLive, help: "fetch the value's activity from AWS (--source lookup|athena); again to cancel")

    /// The case workflow, on the finding being triaged.
    private static let caseKeys: [KeyBinding] = [
        KeyBinding([c("v")], .verdict, help: "set the finding's verdict (true/false positive, benign, escalate)", footer: "verdict"),
        KeyBinding([c("e")], .note, help: "add a note to the finding's case"),
        KeyBinding([c("*")], .star, help: "star the selected event or value as evidence (with its pivot trail)"),
        KeyBinding([c("x")], .export, help: "export the finding's case as JSON (:export md|stix [PATH] for others)"),
    ]

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
        liveKey,
    ] + searchKeys + caseKeys)

    /// The observable profile.
    public static let profile = KeyTable(name: "Profile", bindings: movement + [
        KeyBinding([.enter], .open, help: "open the selected finding, value or event", footer: "pivot"),
        KeyBinding([c("i")], .nextQuery, help: "IR query pack over the value's whole history (all, persistence, data access, lateral, evasion, errors)", footer: "IR query"),
        liveKey,
    ] + searchKeys + caseKeys)

    /// The raw event record.
    public static let event = KeyTable(name: "Event", bindings: movement + [
        KeyBinding([.enter], .open, help: "pivot to the value on the selected line", footer: "pivot"),
    ] + searchKeys + caseKeys)

    /// While the help overlay is open.
    public static let helpOverlay = KeyTable(name: "Help", bindings: [
        KeyBinding([.escape, c("?"), c("q"), .enter], .closeHelp, help: "close help", footer: "close"),
        KeyBinding([c("j"), .down], .moveDown, help: "scroll down"),
        KeyBinding([c("k"), .up], .moveUp, help: "scroll up"),
    ])

    /// Every table, for documentation and tests.
    public static let all: [KeyTable] = [findings, frequency, finding, profile, event, global, helpOverlay]
}
