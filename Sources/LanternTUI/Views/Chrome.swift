import LanternCore

/// The shared frame: breadcrumb, footer (hints, input line, messages) and status bar.
enum Chrome {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func breadcrumb(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, role: .text)
        var x = rect.x + 1
        for (index, crumb) in state.breadcrumb.enumerated() {
            if index > 0 { x += screen.put(" › ", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .muted) }
            let last = index == state.breadcrumb.count - 1
            let budget = last ? rect.maxX - x : min(rect.maxX - x, 40)
            x += screen.put(crumb, x: x, y: rect.y, maxWidth: budget, role: last ? .title : .breadcrumb)
            if x >= rect.maxX { break }
        }
    }

    static func footer(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, role: .text)
        switch state.mode {
        case .filter(let text, _):
            screen.fill(rect, role: .input)
            let used = screen.put("/" + text + "▏", x: rect.x, y: rect.y, maxWidth: rect.width, role: .input)
            if let error = state.list.filterError {
                screen.put("  " + error, x: rect.x + used, y: rect.y, maxWidth: rect.width - used, role: .error)
            }
            return
        case .command(let text):
            inputLine(":" + text, in: rect, into: &screen)
            return
        case .note(_, let text):
            inputLine("note: " + text, in: rect, into: &screen)
            return
        case .search(let text):
            inputLine("search: " + text, in: rect, into: &screen)
            return
        case .verdict:
            screen.fill(rect, role: .input)
            var x = rect.x + screen.put("verdict: ", x: rect.x, y: rect.y, maxWidth: rect.width, role: .input)
            for verdict in CaseVerdict.allCases {
                x += screen.put(String(verdict.pickKey), x: x, y: rect.y, maxWidth: rect.maxX - x, role: .key)
                x += screen.put(" " + verdict.label + "  ", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .input)
            }
            screen.put("Esc cancel", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .input)
            return
        case .normal:
            break
        }
        if let flash = state.flash {
            screen.put(" " + flash.text, x: rect.x, y: rect.y, maxWidth: rect.width, role: flash.isError ? .error : .warning)
            return
        }
        // The view's own hints first, leaving room for the global ones (back, command, help, quit).
        let global = state.showHelp ? [] : state.globalKeyTable.hints
        func width(_ hint: (key: String, text: String)) -> Int {
            screen.displayWidth(of: hint.key) + 1 + screen.displayWidth(of: hint.text) + 2
        }
        var x = rect.x + 1
        let globalWidth = global.reduce(0) { $0 + width($1) }
        var shown: [(key: String, text: String)] = []
        var used = 0
        for hint in state.activeKeyTable.hints where used + width(hint) + globalWidth <= rect.width - 1 {
            shown.append(hint)
            used += width(hint)
        }
        for hint in shown + global {
            guard x + width(hint) - 2 <= rect.maxX else { break }
            x += screen.put(hint.key, x: x, y: rect.y, role: .key)
            x += screen.put(" " + hint.text + "  ", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .hint)
        }
    }

    /// An input line: the prompt and text, then the cursor mark.
    static func inputLine(_ text: String, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, role: .input)
        screen.put(text + "▏", x: rect.x, y: rect.y, maxWidth: rect.width, role: .input)
    }

    static func status(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, role: .status)
        var parts: [(String, StyleRole)] = [(" lantern ", .statusAccent), (state.databasePath, .status)]
        let total = state.list.findings.count
        let shown = state.list.visible.count
        var counts = "\(total) findings"
        if shown != total { counts += " (\(shown) shown)" }
        if let events = state.eventCount { counts += " · \(events) events" }
        parts.append((" │ " + counts, .status))
        if let live = state.live { parts.append((" │ " + live.statusLine, .statusAccent)) }
        if !state.list.filterText.isEmpty { parts.append((" │ filter: " + state.list.filterText, .statusAccent)) }
        parts.append((" │ window: " + windowText(state), .status))
        if !state.timeText.zone.isUTC { parts.append((" │ times " + state.timeText.zone.timeZone.identifier, .status)) }
        parts.append((" │ theme: " + state.themeName, .status))
        var x = rect.x
        for (index, (text, role)) in parts.enumerated() {
            let budget = index == 1 ? min(rect.maxX - x - 2, max(12, rect.width / 4)) : rect.maxX - x - 2
            x += screen.put(text, x: x, y: rect.y, maxWidth: budget, role: role)
        }
        if state.pendingEffects > 0 {
            screen.put(spinner[state.spinnerFrame % spinner.count], x: rect.maxX - 2, y: rect.y, role: .statusAccent)
        }
    }

    static func windowText(_ state: AppState) -> String {
        if case .finding(let finding)? = state.top, let window = finding.window { return state.timeText.short(window) }
        if case .profile? = state.top { return "all time" }
        return "first seen −\(DurationText.text(state.windowBefore)) … last seen +\(DurationText.text(state.windowAfter))"
    }
}

extension TimeText {
    /// `07-09 11:57 … 07-11 11:57`.
    func short(_ window: TimeWindow) -> String {
        if window.from <= TimeWindow.all.from / 2 { return "all time" }
        return "\(monthDayTime(window.from).prefix(11)) … \(monthDayTime(window.to).prefix(11))"
    }
}
