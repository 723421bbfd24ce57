import LanternCore

/// The case workflow keys: `v` verdict, `e` note, `*` star, `x` export.
/// Each acts on the finding being triaged: the finding view at the bottom
/// of the stack, or the finding under the cursor in the list.
extension AppState {
    /// The finding the case keys act on, if any.
    var triagedFinding: Finding? {
        for view in stack {
            if case .finding(let state) = view { return state.finding }
        }
        return top == nil ? list.selected : nil
    }

    mutating func performCase(_ command: Command) -> [Effect] {
        guard let finding = triagedFinding else {
            flash = Flash("open a finding first: verdicts, notes and evidence belong to a finding's case", isError: true)
            return []
        }
        switch command {
        case .verdict:
            mode = .verdict(findingID: finding.id)
        case .note:
            mode = .note(findingID: finding.id, text: "")
        case .star:
            guard let item = starredItem() else {
                flash = Flash("nothing to star here: select an event or a value", isError: true)
                return []
            }
            return [.writeCase(findingID: finding.id, .star(item, trail: pivotTrail(to: item)))]
        case .export:
            return export(finding, format: .json, path: nil)
        default:
            break
        }
        return []
    }

    /// Exports the case of `finding` to `path`, or to a file named after
    /// the finding in the export directory.
    mutating func export(_ finding: Finding, format: CaseExporter.Format, path: String?) -> [Effect] {
        let name = "lantern-" + FileName.safe(finding.id) + "." + format.fileExtension
        let target = path ?? (exportDirectory.hasSuffix("/") ? exportDirectory : exportDirectory + "/") + name
        flash = Flash("exporting to \(target)…")
        return [.writeCase(findingID: finding.id, .export(format, path: target))]
    }

    /// Handles a key while the verdict prompt is open.
    mutating func pickVerdict(_ key: Key, findingID: String) -> [Effect] {
        mode = .normal
        guard case .character(let character) = key,
              let verdict = CaseVerdict.allCases.first(where: { $0.pickKey == Character(character.lowercased()) })
        else { return [] }
        return [.writeCase(findingID: findingID, .verdict(verdict))]
    }

    /// Edits the note line; Enter saves a non-empty note.
    mutating func editNote(_ key: Key, findingID: String, text: String) -> [Effect] {
        switch LineEditor.apply(key, to: text) {
        case .submit(let note):
            mode = .normal
            let trimmed = note.trimmingWhitespace
            return trimmed.isEmpty ? [] : [.writeCase(findingID: findingID, .note(trimmed))]
        case .cancel:
            mode = .normal
        case .edited(let newText):
            mode = .note(findingID: findingID, text: newText)
        case .other:
            break
        }
        return []
    }

    /// The event or value under the cursor, as evidence.
    func starredItem() -> CaseEvidence.Item? {
        switch top {
        case nil:
            return nil
        case .finding(let state)?:
            switch state.focus {
            case .observables:
                return state.selectedObservable.map(CaseEvidence.Item.observable)
            case .ownership:
                return selectedOwnership(state)?.pivot.map(CaseEvidence.Item.observable)
            case .activity:
                guard let events = state.activity?.value?.events, events.indices.contains(state.events.cursor),
                      let eventID = events[state.events.cursor].eventID
                else { return nil }
                return .event(eventID: eventID)
            }
        case .profile(let state)?:
            let lines = profileLines(state)
            switch lines.indices.contains(state.position.cursor) ? lines[state.position.cursor].target : nil {
            case .observable(let observable)?: return .observable(observable)
            case .event(let event)?: return event.eventID.map { .event(eventID: $0) }
            case .finding?, nil: return .observable(state.observable)
            }
        case .event(let state)?:
            return state.event.eventID.map { .event(eventID: $0) }
        }
    }

    /// The views the analyst went through to reach `item`, oldest first
    /// (the item itself left out).
    func pivotTrail(to item: CaseEvidence.Item) -> [PivotStep] {
        var steps: [PivotStep] = stack.compactMap { view in
            switch view {
            case .finding(let state): return PivotStep(kind: "finding", value: state.findingID)
            case .profile(let state): return PivotStep(kind: state.observable.kind.rawValue, value: state.observable.value)
            case .event(let state): return state.event.eventID.map { PivotStep(kind: "event", value: $0) }
            }
        }
        let own: PivotStep
        switch item {
        case .event(let eventID): own = PivotStep(kind: "event", value: eventID)
        case .observable(let observable): own = PivotStep(kind: observable.kind.rawValue, value: observable.value)
        }
        if steps.last == own { steps.removeLast() }
        return steps
    }

    mutating func caseLoaded(findingID: String, _ result: Result<CaseRecord?, EffectError>) {
        switch result {
        case .success(let record): cases[findingID] = .some(record)
        case .failure(let error): flash = Flash("cannot read the case: \(error.message)", isError: true)
        }
    }

    mutating func caseWritten(findingID: String, _ write: CaseWrite, _ result: Result<CaseOutcome, EffectError>) {
        switch result {
        case .failure(let error):
            flash = Flash(error.message, isError: true)
        case .success(let outcome):
            if let record = outcome.record {
                cases[findingID] = .some(record)
                if case .verdict(let verdict) = write { list.verdicts[findingID] = verdict }
            }
            flash = Flash(outcome.message)
        }
    }

    /// Evidence already starred in the finding's case, for marking rows.
    func isStarred(_ item: CaseEvidence.Item, inCaseOf findingID: String) -> Bool {
        guard let record = cases[findingID] ?? nil else { return false }
        return record.evidence.contains { $0.item == item }
    }
}

/// File names made from untrusted text.
enum FileName {
    /// `text` with everything but letters, digits, `-`, `_` and `.` replaced by `_` (at most 80 characters).
    static func safe(_ text: String) -> String {
        let mapped = text.unicodeScalars.prefix(80).map { scalar -> Character in
            let allowed = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_" || scalar == "."
            return allowed ? Character(scalar) : "_"
        }
        let name = String(mapped)
        return name.hasPrefix(".") ? "_" + name.dropFirst() : name
    }
}
