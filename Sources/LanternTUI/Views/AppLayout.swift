/// The frame every screen shares: breadcrumb on top, the view, the footer
/// (hints or input line) and the status bar at the bottom.
public struct AppLayout: Equatable, Sendable {
    public var breadcrumb: Rect
    public var content: Rect
    public var footer: Rect
    public var status: Rect

    /// The layout of a `width` × `height` screen.
    public init(width: Int, height: Int) {
        let all = Rect(x: 0, y: 0, width: width, height: height)
        let (top, rest) = all.splitTop(1)
        let (middle, bottom) = rest.splitBottom(2)
        breadcrumb = top
        content = middle
        footer = bottom.splitTop(1).top
        status = bottom.splitTop(1).rest
    }
}

/// Where the finding view's parts go for a given content area.
public struct FindingLayout: Equatable, Sendable {
    /// How the three panes are arranged.
    public enum Arrangement: Equatable, Sendable {
        /// Reputation, ownership and activity in three columns.
        case sideBySide
        /// Reputation and ownership side by side above the activity.
        case pairAbove
        /// All three stacked.
        case stacked
    }

    public var summary: Rect
    public var observables: Rect
    public var reputation: Rect
    public var ownership: Rect
    public var activity: Rect
    public var arrangement: Arrangement

    /// The layout for `content`.
    public init(content: Rect) {
        let summaryRows = content.height >= 20 ? 3 : 2
        let (summaryRect, body) = content.splitTop(summaryRows + 1)
        summary = Rect(x: summaryRect.x, y: summaryRect.y, width: summaryRect.width, height: summaryRows)
        let leftWidth = content.width < 100 ? max(22, content.width * 30 / 100) : min(44, max(30, content.width * 27 / 100))
        let (left, rightWithRule) = body.splitLeft(leftWidth)
        observables = left
        let right = Rect(x: rightWithRule.x + 1, y: rightWithRule.y, width: rightWithRule.width - 1, height: rightWithRule.height)
        if right.width >= 170 {
            arrangement = .sideBySide
            let (rep, rest) = right.splitLeft(32)
            let (own, act) = rest.splitLeft(37)
            reputation = rep
            ownership = Rect(x: own.x + 1, y: own.y, width: own.width - 1, height: own.height)
            activity = Rect(x: act.x + 1, y: act.y, width: act.width - 1, height: act.height)
        } else if right.width >= 72 {
            arrangement = .pairAbove
            let topRows = min(8, max(4, right.height / 3))
            let (top, bottom) = right.splitTop(topRows)
            let (rep, own) = top.splitLeft(top.width * 45 / 100)
            reputation = rep
            ownership = Rect(x: own.x + 1, y: own.y, width: own.width - 1, height: own.height)
            activity = bottom
        } else {
            arrangement = .stacked
            let paneRows = right.height >= 18 ? 4 : 3
            let (rep, rest) = right.splitTop(paneRows)
            let (own, act) = rest.splitTop(paneRows)
            reputation = rep
            ownership = own
            activity = act
        }
    }

    /// Rows of observables visible (the pane's title takes one).
    public var observableRows: Int { max(1, observables.height - 1) }

    /// Where the activity pane puts its table and summary.
    public var activityParts: (table: Rect, summary: Rect) {
        let body = activity.splitTop(1).rest
        if body.width >= 130 {
            let (table, summary) = body.splitLeft(body.width - 44)
            return (table, Rect(x: summary.x + 1, y: summary.y, width: summary.width - 1, height: summary.height))
        }
        let summaryRows = body.height >= 24 ? 9 : (body.height >= 14 ? 5 : (body.height >= 8 ? 2 : 0))
        let (table, summary) = body.splitBottom(summaryRows)
        return (table, summary)
    }

    /// Rows of events visible (the table's header takes one).
    public var eventRows: Int { max(1, activityParts.table.height - 1) }
}
