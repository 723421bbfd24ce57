/// A scrollable document of lines (profile, raw event), cursor on one line.
enum DocumentView {
    static func render(
        title: String, lines: Loadable<[DocumentLine]>, position: ListPosition, selectableOnly: Bool,
        in rect: Rect, into screen: inout Screen
    ) {
        let (titleRect, body) = rect.splitTop(1)
        screen.horizontalLine(x: titleRect.x, y: titleRect.y, width: titleRect.width)
        screen.put(" \(title) ", x: titleRect.x + 2, y: titleRect.y, maxWidth: titleRect.width - 4, role: .title)
        switch lines {
        case .loading:
            screen.put("loading…", x: body.x + 1, y: body.y, role: .muted)
        case .failed(let message):
            screen.put(message, x: body.x + 1, y: body.y, maxWidth: body.width - 2, role: .error)
        case .loaded(let lines):
            let end = min(lines.count, position.scroll + body.height)
            guard position.scroll < end else { return }
            for (row, index) in (position.scroll..<end).enumerated() {
                let line = lines[index]
                let y = body.y + row
                let selected = index == position.cursor && (!selectableOnly || line.target != nil)
                if selected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection) }
                var x = body.x + 1
                for span in line.spans {
                    x += screen.put(span.text, x: x, y: y, maxWidth: body.maxX - x, role: selected ? .selection : span.role)
                    if x >= body.maxX { break }
                }
            }
        }
    }
}
