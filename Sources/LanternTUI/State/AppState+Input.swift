import LanternCore

extension AppState {
    /// Edits the live filter: every change re-filters the list.
    mutating func editFilter(_ key: Key, text: String, previous: String) -> [Effect] {
        switch LineEditor.apply(key, to: text) {
        case .submit:
            mode = .normal
            if list.filterError != nil { flash = Flash("filter: \(list.filterError ?? "")", isError: true) }
            return []
        case .cancel:
            mode = .normal
            return key == .escape ? setFilter(previous) : []
        case .edited(let newText):
            mode = .filter(text: newText, previous: previous)
            return setFilter(newText)
        case .other:
            return []
        }
    }

    /// Sets the findings filter and asks the store about observable terms it has not resolved.
    mutating func setFilter(_ text: String) -> [Effect] {
        list.filterText = text
        let previous = list.filter
        switch FindingFilter.parse(text) {
        case .success(let filter):
            list.filter = filter
            list.filterError = nil
        case .failure(let error):
            list.filterError = error.description
            return []
        }
        // Typing on narrows the filter: only what was shown can still match.
        let narrowed = list.filter.narrows(previous) && list.sortedBy == list.sort && list.sortedOrder.count == list.findings.count
        refreshVisible(keeping: list.selected?.id, within: narrowed ? list.visible : nil)
        let unresolved = list.filter.observables.filter { list.termMatches[$0] == nil }
        return unresolved.map(Effect.resolveFilterTerm)
    }

    /// Edits the `:` line: history on ↑/↓, completion on Tab, run on Enter.
    mutating func editCommand(_ key: Key, text: String) -> [Effect] {
        var newText = text
        switch LineEditor.apply(key, to: text) {
        case .submit:
            mode = .normal
            let line = text.trimmingWhitespace
            guard !line.isEmpty else { return [] }
            if commandHistory.last != line { commandHistory.append(line) }
            historyIndex = nil
            return run(line)
        case .cancel:
            mode = .normal
            return []
        case .edited(let edited):
            newText = edited
        case .other(.tab):
            newText = CommandLineCommand.complete(newText, recent: recentObservables)
        case .other(.up):
            guard !commandHistory.isEmpty else { return [] }
            let index = max(0, (historyIndex ?? commandHistory.count) - 1)
            historyIndex = index
            newText = commandHistory[index]
        case .other(.down):
            guard let index = historyIndex else { return [] }
            if index + 1 < commandHistory.count {
                historyIndex = index + 1
                newText = commandHistory[index + 1]
            } else {
                historyIndex = nil
                newText = ""
            }
        case .other:
            return []
        }
        mode = .command(text: newText)
        return []
    }

    /// Runs a `:` command line.
    mutating func run(_ line: String) -> [Effect] {
        switch CommandLineCommand.parse(line) {
        case .failure(let error):
            flash = Flash(":\(line) — \(error.description)", isError: true)
            return []
        case .success(let command):
            switch command {
            case .quit:
                shouldQuit = true
                return []
            case .help:
                showHelp = true
                return []
            case .pivot(let observable):
                return pivot(to: observable)
            case .window(let before, let after):
                let effects = setWindow(before: before, after: after)
                flash = Flash("window: first seen −\(DurationText.text(before)) … last seen +\(DurationText.text(after))")
                return effects
            case .filter(let text):
                stack.removeAll()
                return setFilter(text)
            case .export(let format, let path):
                guard let finding = triagedFinding else {
                    flash = Flash(":export needs a finding: open one (or select it in the list)", isError: true)
                    return []
                }
                return export(finding, format: format, path: path)
            case .sort(let column):
                list.sort = FindingSort(column: column, descending: column == .severity || column == .time)
                refreshVisible(keeping: list.selected?.id)
                return []
            }
        }
    }
}
