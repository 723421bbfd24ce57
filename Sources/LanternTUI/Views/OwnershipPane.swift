import LanternCore

/// Who the selected observable belongs to: enrichment, else what its syntax says.
enum OwnershipPane {
    /// Draws the pane; with `cursor` (the pane has focus) that line is selected.
    static func render(_ observable: Observable?, enrichment: EnrichmentSummary?, cursor: Int?, in rect: Rect, into screen: inout Screen) {
        guard !rect.isEmpty else { return }
        FindingView.paneTitle("Ownership", in: rect, into: &screen)
        let body = rect.splitTop(1).rest
        guard let observable else { return }
        let facts = LocalFacts.effective(observable, enrichment)
        guard !facts.isEmpty else {
            screen.put("no ownership data loaded", x: body.x + 1, y: body.y, maxWidth: body.width - 1, role: .muted)
            return
        }
        let labelWidth = min(10, (facts.map(\.label.count).max() ?? 0) + 1)
        for (row, fact) in facts.prefix(body.height).enumerated() {
            let y = body.y + row
            let selected = row == cursor
            if selected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection) }
            screen.put(fact.label, x: body.x + 1, y: y, maxWidth: labelWidth, role: selected ? .selection : .muted)
            screen.put(fact.value, x: body.x + 1 + labelWidth, y: y, maxWidth: body.width - 1 - labelWidth,
                       role: selected ? .selection : (fact.pivot == nil ? .text : .link))
        }
    }
}
