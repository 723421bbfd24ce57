import LanternCore

/// The CloudTrail activity of the selected observable: a virtualised table and its summary.
enum ActivityPane {
    /// Draws the pane; events whose eventID is in `starred` are marked ★.
    static func render(_ view: FindingViewState, layout: FindingLayout, starred: Set<String>, time: TimeText, into screen: inout Screen) {
        let rect = layout.activity
        guard !rect.isEmpty else { return }
        var title = "Activity"
        if view.query != .all { title += " · \(view.query.rawValue)" }
        if let window = view.window { title += " · " + time.window(window) }
        if let activity = view.activity?.value {
            title += " · \(activity.events.count) events" + (activity.truncated ? " (truncated)" : "")
        }
        FindingView.paneTitle(title, in: rect, into: &screen, role: view.focus == .activity ? .title : .muted)
        let body = rect.splitTop(1).rest
        guard view.selectedObservable != nil else { return }
        guard view.window != nil else {
            screen.put("the finding has no times; set a window with :window", x: body.x + 1, y: body.y, maxWidth: body.width - 1, role: .muted)
            return
        }
        switch view.activity {
        case nil, .loading?:
            screen.put("querying CloudTrail…", x: body.x + 1, y: body.y, role: .muted)
        case .failed(let message)?:
            screen.put(message, x: body.x + 1, y: body.y, maxWidth: body.width - 1, role: .error)
        case .loaded(let activity)?:
            let (table, summary) = layout.activityParts
            self.table(activity, view: view, starred: starred, time: time, in: table, into: &screen)
            if !summary.isEmpty {
                if summary.x > table.x { screen.verticalLine(x: summary.x - 1, y: summary.y, height: summary.height) }
                self.summary(activity.summary, time: time, in: summary, into: &screen)
            }
        }
    }

    static func columns(width: Int, x: Int) -> [PlacedColumn<ActivityColumn>] {
        ColumnFitter.fit([
            ColumnSpec(ActivityColumn.time, "TIME", width: 14, priority: 0),
            ColumnSpec(ActivityColumn.source, "SOURCE", width: 10, priority: 3),
            ColumnSpec(ActivityColumn.name, "EVENT", width: 20, priority: 1),
            ColumnSpec(ActivityColumn.ip, "SOURCE IP", width: 15, priority: 2),
            ColumnSpec(ActivityColumn.userAgent, "USER AGENT", width: 10, priority: 5, flexible: true),
            ColumnSpec(ActivityColumn.error, "ERROR", width: 9, priority: 4),
        ], x: x, width: width)
    }

    /// The text of one cell.
    static func cell(_ column: ActivityColumn, _ event: StoredEvent, time: TimeText) -> String {
        switch column {
        case .time: return time.monthDayTime(event.time)
        case .source: return (event.eventSource ?? "-").replacingOccurrences(of: ".amazonaws.com", with: "")
        case .name: return event.eventName ?? "-"
        case .ip: return event.sourceIPAddress ?? "-"
        case .userAgent: return event.userAgent ?? "-"
        case .error: return event.errorCode ?? ""
        }
    }

    static func table(
        _ activity: Activity, view: FindingViewState, starred: Set<String>, time: TimeText, in rect: Rect, into screen: inout Screen
    ) {
        let columns = columns(width: rect.width - 1, x: rect.x + 1)
        let (header, body) = rect.splitTop(1)
        for column in columns {
            let current = view.focus == .activity && column.id == view.column
            screen.put(column.title, x: column.x, y: header.y, maxWidth: column.width, role: current ? .cursor : .header)
        }
        if activity.events.isEmpty {
            screen.put("no events for this value in the window (try > to widen it)", x: body.x + 1, y: body.y,
                       maxWidth: body.width - 1, role: .muted)
            return
        }
        let end = min(activity.events.count, view.events.scroll + body.height)
        guard view.events.scroll < end else { return }
        for (row, index) in (view.events.scroll..<end).enumerated() {
            let event = activity.events[index]
            let y = body.y + row
            let selected = index == view.events.cursor
            let rowRole: StyleRole? = selected ? (view.focus == .activity ? .selection : .selectionInactive) : nil
            if let rowRole { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: rowRole) }
            for column in columns {
                var role: StyleRole = column.id == .error ? .error : (column.id == .ip ? .link : .text)
                if column.id == .time { role = .muted }
                if let rowRole { role = rowRole }
                if selected, view.focus == .activity, column.id == view.column { role = .cursor }
                screen.put(cell(column.id, event, time: time), x: column.x, y: y, maxWidth: column.width, role: role)
            }
            if let eventID = event.eventID, starred.contains(eventID) {
                screen.put("★", x: body.x, y: y, role: rowRole ?? .warning)
            }
        }
    }

    /// `1 event`, `2 events`.
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static func summary(_ summary: ActivitySummary, time: TimeText, in rect: Rect, into screen: inout Screen) {
        var lines: [[Span]] = []
        let ips = Set(summary.ipUserAgentPairs.map(\.sourceIPAddress)).count
        let agents = Set(summary.ipUserAgentPairs.map(\.userAgent)).count
        let errorCount = summary.errors.reduce(0) { $0 + $1.count }
        lines.append([Span("\(plural(summary.total, "event")) · \(plural(ips, "IP")) · \(plural(agents, "agent")) · ", .text),
                      Span(plural(errorCount, "error"), errorCount > 0 ? .error : .muted),
                      Span(" · read \(summary.readOnly) / write \(summary.mutating)", .muted)])
        lines.append([Span("events ", .muted), Span(summary.byEventName.prefix(8).map { "\($0.name) \($0.count)" }.joined(separator: " · "))])
        lines.append([Span("sources ", .muted), Span(summary.byEventSource.prefix(6).map {
            "\($0.name.replacingOccurrences(of: ".amazonaws.com", with: "")) \($0.count)"
        }.joined(separator: " · "))])
        if !summary.errors.isEmpty {
            lines.append([Span("errors ", .muted), Span(summary.errors.prefix(6).map { "\($0.name) \($0.count)" }.joined(separator: " · "), .error)])
        }
        lines.append([Span("IP × user agent", .header)])
        for pair in summary.ipUserAgentPairs.prefix(12) {
            lines.append([
                Span(pair.sourceIPAddress + " ", .link), Span("\(pair.count) ", .text),
                Span("\(time.monthDayTime(pair.firstSeen).suffix(8))–\(time.monthDayTime(pair.lastSeen).suffix(8)) ", .muted),
                Span(pair.userAgent, .text),
            ])
        }
        for (row, spans) in lines.prefix(rect.height).enumerated() {
            var x = rect.x + 1
            for span in spans where x < rect.maxX {
                x += screen.put(span.text, x: x, y: rect.y + row, maxWidth: rect.maxX - x, role: span.role)
            }
        }
    }
}
