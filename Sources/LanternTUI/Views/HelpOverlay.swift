/// The `?` overlay: generated from the active view's key table and the global one.
public enum HelpOverlay {
    /// The overlay's lines for the view under it.
    public static func lines(for state: AppState) -> [DocumentLine] {
        var viewState = state
        viewState.showHelp = false
        let tables = [viewState.activeKeyTable, viewState.globalKeyTable]
        var lines: [DocumentLine] = []
        for table in tables {
            if !lines.isEmpty { lines.append(DocumentLine("")) }
            lines.append(DocumentLine(table.name, .header))
            for binding in table.bindings {
                lines.append(DocumentLine([Span("  " + pad(binding.keyLabel, 16), .key), Span(binding.help, .overlay)]))
            }
        }
        lines.append(DocumentLine(""))
        lines.append(DocumentLine("Commands (:)", .header))
        let commands = [
            (":ip 1.2.3.4", "profile of an IP"), (":key AKIA…", "profile of an access key"),
            (":arn arn:aws:…", "profile of an ARN"), (":obs VALUE", "profile of any value (kind detected)"),
            (":window -6h +2h", "activity window: first seen − 6 h … last seen + 2 h (:window reset)"),
            (":filter EXPR", "filter the findings list"), (":sort COLUMN", "sort the list"), (":q", "quit"),
        ]
        for (command, help) in commands {
            lines.append(DocumentLine([Span("  " + pad(command, 16), .key), Span(help, .overlay)]))
        }
        return lines
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// Draws the overlay centred on the screen.
    static func render(_ state: AppState, into screen: inout Screen) {
        let lines = lines(for: state)
        let width = min(screen.width - 4, 96)
        let height = min(screen.height - 4, lines.count + 2)
        let box = Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
        screen.fill(box, role: .overlay)
        screen.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: box.x, y: box.y, role: .border)
        screen.put("└" + String(repeating: "─", count: width - 2) + "┘", x: box.x, y: box.maxY - 1, role: .border)
        screen.verticalLine(x: box.x, y: box.y + 1, height: height - 2)
        screen.verticalLine(x: box.maxX - 1, y: box.y + 1, height: height - 2)
        screen.put(" Help · \(state.activeKeyTableBelowHelp.name) ", x: box.x + 2, y: box.y, role: .title)
        let visible = height - 2
        let scroll = min(state.helpScroll, max(0, lines.count - visible))
        for (row, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            var x = box.x + 2
            for span in line.spans {
                x += screen.put(span.text, x: x, y: box.y + 1 + row, maxWidth: box.maxX - 2 - x, role: span.role)
            }
        }
        if lines.count > visible {
            screen.put(" j/k scroll ", x: box.maxX - 14, y: box.maxY - 1, role: .muted)
        }
    }
}

extension AppState {
    /// The key table of the view under the help overlay.
    var activeKeyTableBelowHelp: KeyTable {
        var copy = self
        copy.showHelp = false
        return copy.activeKeyTable
    }
}
