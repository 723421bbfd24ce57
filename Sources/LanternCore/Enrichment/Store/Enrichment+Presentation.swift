import Foundation

extension Enrichment {
    /// The documented JSON object: kind, value, combined verdict and reason,
    /// reputation per source (benign context first), ownership.
    public var json: JSONValue {
        var ownershipMembers: [(key: String, value: JSONValue)] = []
        if let ip {
            ownershipMembers += [
                ("asn", ip.asn.map { .int(Int($0)) } ?? .null),
                ("org", .optional(ip.organization)),
                ("country", .optional(ip.countryCode)),
                ("countryName", .optional(ip.countryName)),
                ("aws", ip.aws.map { aws in
                    .object([("service", .string(aws.primaryService)), ("services", .array(aws.services.map(JSONValue.string))),
                             ("region", .string(aws.region)), ("networkBorderGroup", .string(aws.networkBorderGroup)),
                             ("prefix", .string(aws.prefix.description))])
                } ?? .null),
                ("range", ip.special.map { .object([("name", .string($0.name)), ("category", .string($0.category.rawValue)),
                                                    ("network", .string($0.network.description))]) } ?? .null),
                ("summary", .string(ip.summary)),
            ]
        }
        if let account { ownershipMembers.append(("account", account.json)) }
        if let identity {
            ownershipMembers.append(("identity", .object([
                ("arn", identity.arn.map { arn in
                    .object([("partition", .string(arn.partition)), ("service", .string(arn.service)),
                             ("account", .string(arn.account)), ("resourceType", .optional(arn.resourceType)),
                             ("resource", .string(arn.resourceID)), ("roleName", .optional(arn.roleName)),
                             ("sessionName", .optional(arn.sessionName))])
                } ?? .null),
                ("identifier", identity.identifier.map { id in
                    .object([("prefix", .string(id.kind.rawValue)), ("kind", .string(id.kind.humanName)),
                             ("accountFromKey", .optional(id.accountID))])
                } ?? .null),
            ])))
        }
        return .object([
            ("kind", .string(observable.kind.rawValue)),
            ("value", .string(observable.value)),
            ("verdict", .string(verdict.rawValue)),
            ("reason", .string(reputation?.reason ?? "no intel source applies to this kind")),
            ("reputation", .array((reputation?.sources ?? []).map { source in
                .object([
                    ("source", .string(source.source.name)), ("verdict", .string(source.verdict.rawValue)),
                    ("score", source.score.map { .number(String($0)) } ?? .null),
                    ("confidence", source.confidence.map { .int($0) } ?? .null),
                    ("reference", .optional(source.reference)),
                    ("firstSeen", source.firstSeen.map { .string(Timestamp.string(milliseconds: Int64($0.timeIntervalSince1970 * 1000))) } ?? .null),
                    ("lastSeen", source.lastSeen.map { .string(Timestamp.string(milliseconds: Int64($0.timeIntervalSince1970 * 1000))) } ?? .null),
                    ("loadedAt", .string(Timestamp.string(milliseconds: Int64(source.source.loadedAt.timeIntervalSince1970 * 1000)))),
                ])
            })),
            ("ownership", .object(ownershipMembers)),
        ])
    }

    /// Lines for plain output and the TUI panes.
    public var text: String {
        var lines = ["\(observable.kind.label) \(observable.value)", "verdict: \(verdict.rawValue) — \(reputation?.reason ?? "no intel applies")"]
        for source in reputation?.sources ?? [] {
            var line = "  \(source.verdict.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(source.source.name)"
            if let score = source.score { line += "  score \(score)" }
            if let reference = source.reference { line += "  \(reference)" }
            lines.append(line)
        }
        if let ip { lines.append("ownership: \(ip.summary)") }
        if let account { lines.append("account: \(account.summary)") }
        if let identity, let arn = identity.arn {
            lines.append("identity: \(arn.service) \(arn.resourceType ?? "") \(arn.resourceID) in account \(arn.account)")
        }
        if let identifier = identity?.identifier {
            lines.append("identifier: \(identifier.kind.humanName)" + (identifier.accountID.map { ", key of account \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

extension AccountOwnership {
    /// The account as JSON: id, name, OU, owner, environment, tags, vendor.
    public var json: JSONValue {
        .object([
            ("id", .string(id)), ("name", .optional(record?.name)), ("ou", .optional(record?.ou)),
            ("owner", .optional(record?.owner)), ("environment", .optional(record?.environment)),
            ("tags", .object((record?.tags ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("vendors", .array(vendors.map { .string($0.name) })), ("thirdParty", .bool(isThirdParty)),
        ])
    }
}
