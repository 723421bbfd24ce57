/// Reading findings and their observables back.
extension Store {
    /// The finding columns; without `raw` the original record reads as "" (lists need no records).
    private static func findingColumns(raw: Bool = true) -> String {
        """
        id, format, product, type, title, description, severity_label, severity, account, region,
        created, updated, first_seen, last_seen, resource_type, resource_id, principal, status, \(raw ? "raw" : "''")
        """
    }

    /// Every finding, most severe first, then newest first; with
    /// `includingRaw` false their original records are left out (`raw` is "").
    public func findings(includingRaw: Bool = true) throws -> [Finding] {
        try db.prepare("SELECT \(Store.findingColumns(raw: includingRaw)) FROM findings ORDER BY severity DESC, updated DESC, id")
            .query { try Store.finding(from: $0, observables: []) }
    }

    /// The finding with `id` and its observables, or nil.
    public func finding(id: String) throws -> Finding? {
        guard var finding = try db.prepare("SELECT \(Store.findingColumns()) FROM findings WHERE id = ?")
            .query([.text(id)], { try Store.finding(from: $0, observables: []) }).first
        else { return nil }
        finding.observables = try db.prepare("""
            SELECT o.kind, o.value, l.path FROM finding_observables l JOIN observables o ON o.id = l.observable
            WHERE l.finding = ? ORDER BY l.rowid
            """).query([.text(id)]) { row in
            guard let kind = Observable.Kind(rawValue: row.text(0) ?? ""), let observable = Observable(kind: kind, row.text(1) ?? "")
            else { throw SQLiteError(code: 0, message: "bad observable row", sql: nil) }
            return FindingObservable(observable: observable, path: row.text(2) ?? "")
        }
        return finding
    }

    private static func finding(from row: SQLiteRow, observables: [FindingObservable]) throws -> Finding {
        Finding(
            id: row.text(0) ?? "", format: Finding.Format(rawValue: row.text(1) ?? "") ?? .asff,
            product: row.text(2) ?? "", type: row.text(3) ?? "", title: row.text(4) ?? "",
            description: row.text(5), severityLabel: row.text(6) ?? "", severity: Int(row.int(7)),
            account: row.text(8), region: row.text(9), created: row.text(10), updated: row.text(11),
            firstSeen: row.text(12), lastSeen: row.text(13), resourceType: row.text(14), resourceId: row.text(15),
            principal: row.text(16), status: row.text(17), raw: row.text(18) ?? "", observables: observables)
    }
}

extension Finding {
    /// The finding's normalised fields as JSON, in the documented order
    /// (without the original record and observables).
    public var summaryJSON: JSONValue {
        .object([
            ("id", .string(id)), ("product", .string(product)), ("type", .string(type)), ("title", .string(title)),
            ("severity", .object([("label", .string(severityLabel)), ("normalized", .int(severity))])),
            ("account", .optional(account)), ("region", .optional(region)),
            ("created", .optional(created)), ("updated", .optional(updated)),
            ("firstSeen", .optional(firstSeen)), ("lastSeen", .optional(lastSeen)),
            ("resource", .object([("type", .optional(resourceType)), ("id", .optional(resourceId))])),
            ("principal", .optional(principal)), ("status", .optional(status)), ("format", .string(format.rawValue)),
        ])
    }

    /// The finding with its description, observables and original record as JSON.
    public var detailJSON: JSONValue {
        guard case .object(var members) = summaryJSON else { return summaryJSON }
        members.append(("description", .optional(description)))
        members.append(("observables", .array(observables.map {
            .object([("kind", .string($0.observable.kind.rawValue)), ("value", .string($0.observable.value)),
                     ("path", .string($0.path))])
        })))
        members.append(("original", (try? JSONValue.parse(raw)) ?? .string(raw)))
        return .object(members)
    }
}
