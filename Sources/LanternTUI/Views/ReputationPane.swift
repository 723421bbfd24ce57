import LanternCore

/// Per-source verdicts for the selected observable.
enum ReputationPane {
    static func render(_ observable: Observable?, enrichment: EnrichmentSummary?, answered: Bool, in rect: Rect, into screen: inout Screen) {
        guard !rect.isEmpty else { return }
        FindingView.paneTitle("Reputation", in: rect, into: &screen)
        let body = rect.splitTop(1).rest
        guard observable != nil else { return }
        guard answered else {
            screen.put("looking up…", x: body.x + 1, y: body.y, role: .muted)
            return
        }
        guard let enrichment, !enrichment.reputation.isEmpty else {
            // Unknown is never benign: say whether intel exists at all.
            let known = enrichment != nil
            screen.put(known ? "unknown: no intel source lists it" : "no intel loaded", x: body.x + 1, y: body.y,
                       maxWidth: body.width - 1, role: .muted)
            if body.height > 1 {
                screen.put(known ? "" : "(lantern ingest intel lists)", x: body.x + 1, y: body.y + 1,
                           maxWidth: body.width - 1, role: .muted)
            }
            return
        }
        for (row, line) in enrichment.reputation.prefix(body.height).enumerated() {
            let y = body.y + row
            var x = body.x + 1
            x += screen.put(line.verdict.glyph + " " + line.verdict.rawValue + " ", x: x, y: y, maxWidth: body.maxX - x, role: line.verdict.role)
            x += screen.put(line.source + " ", x: x, y: y, maxWidth: body.maxX - x, role: .text)
            let extra = [line.score, line.age, line.reference].compactMap { $0 }.joined(separator: " · ")
            screen.put(extra, x: x, y: y, maxWidth: body.maxX - x, role: .muted)
        }
    }
}
