extension CaseExport {
    /// A STIX 2.1 bundle: the analyst's identity, an indicator and a
    /// sighting for each malicious observable STIX patterns can express,
    /// a note per case note, and a report over them. Ids are name-based
    /// UUIDs of their content, and every time is a stored one, so the
    /// bundle is deterministic.
    public var stixBundle: JSONValue {
        let created = Self.stixTime(record.created)
        let modified = Self.stixTime(record.updated)
        let identityID = "identity--" + NameUUID.v5("lantern-identity|\(record.analyst)")
        var objects: [JSONValue] = [
            .object([
                ("type", .string("identity")), ("spec_version", .string("2.1")), ("id", .string(identityID)),
                ("created", .string(created)), ("modified", .string(created)),
                ("name", .string(record.analyst)), ("identity_class", .string("individual")),
            ]),
        ]
        var refs = [identityID]
        for entry in observables where entry.enrichment.verdict == .malicious {
            guard let pattern = Self.stixPattern(entry.observable) else { continue }
            let key = "\(record.id)|\(entry.observable.kind.rawValue)|\(entry.observable.value)"
            let indicatorID = "indicator--" + NameUUID.v5("lantern-indicator|" + key)
            var indicator: [(key: String, value: JSONValue)] = [
                ("type", .string("indicator")), ("spec_version", .string("2.1")), ("id", .string(indicatorID)),
                ("created_by_ref", .string(identityID)), ("created", .string(created)), ("modified", .string(modified)),
                ("name", .string("\(entry.observable.kind.label) \(entry.observable.value)")),
                ("description", .string(entry.enrichment.reputation?.reason ?? "malicious")),
                ("indicator_types", .array([.string("malicious-activity")])),
                ("pattern", .string(pattern)), ("pattern_type", .string("stix")), ("pattern_version", .string("2.1")),
                ("valid_from", .string(created)),
            ]
            let sources = (entry.enrichment.reputation?.sources ?? []).filter { $0.verdict == .malicious }.map(\.source.name)
            if !sources.isEmpty { indicator.append(("labels", .array(sources.sorted().map(JSONValue.string)))) }
            objects.append(.object(indicator))
            refs.append(indicatorID)

            let sightingID = "sighting--" + NameUUID.v5("lantern-sighting|" + key)
            var sighting: [(key: String, value: JSONValue)] = [
                ("type", .string("sighting")), ("spec_version", .string("2.1")), ("id", .string(sightingID)),
                ("created_by_ref", .string(identityID)), ("created", .string(created)), ("modified", .string(modified)),
                ("sighting_of_ref", .string(indicatorID)), ("where_sighted_refs", .array([.string(identityID)])),
                ("count", .int(max(1, entry.activityTotal))),
            ]
            if let first = entry.firstSeen, let last = entry.lastSeen {
                sighting.append(("first_seen", .string(Self.stixTime(milliseconds: first))))
                sighting.append(("last_seen", .string(Self.stixTime(milliseconds: last))))
            }
            sighting.append(("description", .string(
                entry.activityWindow == nil ? "named by the case's findings" : "CloudTrail events in the case window")))
            objects.append(.object(sighting))
            refs.append(sightingID)
        }
        let reportID = "report--" + NameUUID.v5("lantern-report|\(record.id)")
        var description = "Lantern case \(record.id), verdict \(record.verdict.rawValue). Findings: "
        description += record.findings.map(\.findingID).joined(separator: ", ")
        objects.append(.object([
            ("type", .string("report")), ("spec_version", .string("2.1")), ("id", .string(reportID)),
            ("created_by_ref", .string(identityID)), ("created", .string(created)), ("modified", .string(modified)),
            ("name", .string(record.title)), ("description", .string(description)),
            ("report_types", .array([.string("incident")])), ("published", .string(modified)),
            ("object_refs", .array(refs.map(JSONValue.string))),
        ]))
        for (index, note) in record.notes.enumerated() {
            let time = Self.stixTime(note.time)
            objects.append(.object([
                ("type", .string("note")), ("spec_version", .string("2.1")),
                ("id", .string("note--" + NameUUID.v5("lantern-note|\(record.id)|\(index)|\(note.time)|\(note.text)"))),
                ("created_by_ref", .string(identityID)), ("created", .string(time)), ("modified", .string(time)),
                ("content", .string(note.text)), ("authors", .array([.string(note.analyst)])),
                ("object_refs", .array([.string(reportID)])),
            ]))
        }
        return .object([
            ("type", .string("bundle")),
            ("id", .string("bundle--" + NameUUID.v5("lantern-bundle|\(record.id)|\(record.updated)"))),
            ("objects", .array(objects)),
        ])
    }

    /// The STIX pattern matching `observable`, or nil for kinds STIX has no
    /// cyber-observable for (ARNs, access keys, accounts…).
    static func stixPattern(_ observable: Observable) -> String? {
        let value = observable.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        switch observable.kind {
        case .ipv4: return "[ipv4-addr:value = '\(value)']"
        case .ipv6: return "[ipv6-addr:value = '\(value)']"
        case .cidr: return value.contains(":") ? "[ipv6-addr:value = '\(value)']" : "[ipv4-addr:value = '\(value)']"
        case .domain: return "[domain-name:value = '\(value)']"
        case .url: return "[url:value = '\(value)']"
        case .email: return "[email-addr:value = '\(value)']"
        case .md5: return "[file:hashes.MD5 = '\(value)']"
        case .sha1: return "[file:hashes.'SHA-1' = '\(value)']"
        case .sha256: return "[file:hashes.'SHA-256' = '\(value)']"
        default: return nil
        }
    }

    /// A stored RFC 3339 time as a STIX timestamp (UTC, milliseconds).
    static func stixTime(_ text: String) -> String {
        stixTime(milliseconds: Timestamp.milliseconds(text) ?? 0)
    }

    /// A time in milliseconds as a STIX timestamp.
    static func stixTime(milliseconds: Int64) -> String {
        let whole = Timestamp.string(milliseconds: milliseconds)
        let fraction = ((milliseconds % 1000) + 1000) % 1000
        return String(whole.dropLast()) + "." + String(fraction).leftPadded(to: 3) + "Z"
    }
}
