extension CaseExport {
    /// A readable incident summary for a ticket: summary, findings,
    /// timeline of starred events, observables with verdicts, notes and
    /// provenance.
    public var markdown: String {
        var out = "# Case \(Self.inline(record.id)): \(Self.inline(record.title))\n\n"
        out += "## Summary\n\n"
        out += "- **Verdict:** \(record.verdict.rawValue)\n"
        out += "- **Analyst:** \(Self.inline(record.analyst))\n"
        out += "- **Created:** \(record.created)\n"
        out += "- **Updated:** \(record.updated)\n"
        if !record.tags.isEmpty { out += "- **Tags:** \(record.tags.map(Self.inline).joined(separator: ", "))\n" }
        out += "- **Findings:** \(record.findings.count), **observables:** \(observables.count), "
            + "**starred events:** \(starredEvents.count), **correlated events:** \(correlatedEvents.count)\n\n"

        out += "## Findings\n\n| Severity | Title | Finding | Verdict | Tags |\n|---|---|---|---|---|\n"
        for entry in record.findings {
            let finding = findings.first { $0.id == entry.findingID }
            out += "| \(Self.cell(finding?.severityLabel ?? "?")) | \(Self.cell(finding?.title ?? "(not in store)")) | "
                + "`\(Self.code(entry.findingID))` | \(entry.verdict.rawValue) | \(Self.cell(entry.tags.joined(separator: ", "))) |\n"
        }

        out += "\n## Timeline\n\n"
        let timeline = starredEvents.sorted { ($0.event?.time ?? Int64.max, $0.eventID) < ($1.event?.time ?? Int64.max, $1.eventID) }
        if timeline.isEmpty {
            out += "No starred events.\n"
        } else {
            out += "| Time | Event | Principal | Source IP | Error | Event ID |\n|---|---|---|---|---|---|\n"
            for entry in timeline {
                let event = entry.event
                let name = [event?.eventSource, event?.eventName].compactMap { $0 }.joined(separator: " ")
                out += "| \(event.map { Timestamp.string(milliseconds: $0.time) } ?? "?") | \(Self.cell(name)) | "
                    + "\(Self.cell(event?.arn ?? event?.principalId ?? "")) | \(Self.cell(event?.sourceIPAddress ?? "")) | "
                    + "\(Self.cell(event?.errorCode ?? "")) | `\(Self.code(entry.eventID))` |\n"
            }
        }

        out += "\n## Observables\n\n| Kind | Value | Verdict | Reputation | Ownership | Events | Starred |\n|---|---|---|---|---|---|---|\n"
        for entry in observables {
            let ownership = entry.enrichment.ip?.summary ?? entry.enrichment.account?.summary ?? ""
            out += "| \(entry.observable.kind.label) | `\(Self.code(entry.observable.value))` | \(entry.enrichment.verdict.rawValue) | "
                + "\(Self.cell(entry.enrichment.reputation?.reason ?? "")) | \(Self.cell(ownership)) | "
                + "\(entry.activityWindow == nil ? "" : String(entry.activityTotal) + (entry.activityTruncated ? "+" : "")) | "
                + "\(entry.starred ? "★" : "") |\n"
        }

        out += "\n## Notes\n\n"
        if record.notes.isEmpty { out += "No notes.\n" }
        for note in record.notes {
            let about = note.findingID.map { " on `\(Self.code($0))`" } ?? ""
            out += "- \(note.time) — \(Self.inline(note.analyst))\(about): \(Self.inline(note.text))\n"
        }

        out += "\n## Provenance\n\n"
        out += "- Lantern \(LanternVersion.current), export schema \(CaseExporter.schemaVersion)\n"
        out += "- Source files: \(sources.count)\n"
        for source in enrichmentSources {
            out += "- Intel/ownership `\(Self.code(source.name))` loaded \(source.loadedAt) (\(source.entries) entries)\n"
        }
        out += "- Secrets redacted: \(CaseRedaction.secretKeys.sorted().joined(separator: ", "))\n"
        return out
    }

    /// Text safe on one Markdown line: controls and line breaks become spaces,
    /// Markdown punctuation is escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in TerminalText.sanitize(text).unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for a table cell.
    static func cell(_ text: String) -> String { inline(text) }

    /// Text inside a code span (no backticks, no line breaks, no pipes).
    static func code(_ text: String) -> String {
        String(TerminalText.sanitize(text).map { "`\n\r|".contains($0) ? " " : $0 })
    }
}
