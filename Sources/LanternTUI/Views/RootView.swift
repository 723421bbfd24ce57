/// Draws the whole screen from the state.
public enum RootView {
    /// Renders `state` into a new screen of the state's size.
    public static func render(_ state: AppState, measure: @escaping DisplayWidth.Measure = DisplayWidth.standard) -> Screen {
        var screen = Screen(width: state.width, height: state.height, measure: measure)
        render(state, into: &screen)
        return screen
    }

    /// Renders `state` into `screen`.
    public static func render(_ state: AppState, into screen: inout Screen) {
        let layout = AppLayout(width: screen.width, height: screen.height)
        screen.fill(screen.bounds)
        if screen.width < 40 || screen.height < 10 {
            screen.put("Lantern needs at least 40×10 (80×24 recommended)", x: 0, y: 0, role: .warning)
            return
        }
        Chrome.breadcrumb(state, in: layout.breadcrumb, into: &screen)
        switch state.top {
        case nil:
            FindingsListView.render(state, in: layout.content, into: &screen)
        case .finding(let finding)?:
            FindingView.render(finding, state: state, in: layout.content, into: &screen)
        case .profile(let profile)?:
            let lines = state.profileLines(profile)
            DocumentView.render(title: "Profile", lines: .loaded(lines), position: profile.position,
                                selectableOnly: true, in: layout.content, into: &screen)
        case .event(let event)?:
            let title = "Event \(event.event.eventName ?? "?") · \(state.timeText.full(event.event.time)) · \(event.event.eventID ?? "")"
            DocumentView.render(title: title, lines: event.lines, position: event.position,
                                selectableOnly: false, in: layout.content, into: &screen)
        }
        Chrome.footer(state, in: layout.footer, into: &screen)
        Chrome.status(state, in: layout.status, into: &screen)
        if state.showHelp { HelpOverlay.render(state, into: &screen) }
    }
}
