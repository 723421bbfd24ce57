import Foundation

/// One AWS account as the organisation describes it.
public struct AccountRecord: Sendable, Hashable, Codable {
    /// The 12-digit account ID.
    public var id: String
    /// The account's name (alias).
    public var name: String?
    /// The organisational-unit path, e.g. `Root/Workloads/Prod`.
    public var ou: String?
    /// The owner or contact (team, person or e-mail).
    public var owner: String?
    /// The environment, e.g. `prod`, `dev`.
    public var environment: String?
    /// Any other tags.
    public var tags: [String: String]

    /// Makes a record.
    public init(
        id: String, name: String? = nil, ou: String? = nil, owner: String? = nil, environment: String? = nil,
        tags: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.ou = ou
        self.owner = owner
        self.environment = environment
        self.tags = tags
    }

    /// The canonical 12-digit form of an account ID (restoring leading zeros that
    /// spreadsheets drop), or `nil` when `text` is not 1–12 digits.
    public static func canonicalID(_ text: some StringProtocol) -> String? {
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(repeating: "0", count: 12 - digits.count) + digits
    }
}

/// The organisation's own accounts, loaded from CSV, JSON or YAML.
///
/// Field names are matched loosely: `id` / `account_id` / `accountid` / `account` / `Id`;
/// `name` / `account_name` / `alias`; `ou` / `ou_path` / `organizational_unit`; `owner` /
/// `contact` / `email` / `team`; `environment` / `env` / `stage`; `tags` (a map, or
/// `k=v;k=v` text in CSV); any other field becomes a tag. JSON may be an array of objects,
/// `{"accounts": [...]}` or AWS Organizations `list-accounts` output (`{"Accounts": [...]}`);
/// YAML a list of maps or `accounts:` holding one.
public struct AccountCatalog: Sendable {
    /// Records by canonical account ID.
    public private(set) var accounts: [String: AccountRecord] = [:]
    /// Records that were skipped, with reasons.
    public private(set) var issues: [EnrichmentError] = []

    /// An empty catalog.
    public init() {}

    /// Makes a catalog from records (later duplicates win).
    public init(_ records: [AccountRecord]) {
        for record in records { accounts[record.id] = record }
    }

    /// The record for an account ID (leading zeros optional).
    public func account(_ id: some StringProtocol) -> AccountRecord? {
        AccountRecord.canonicalID(id).flatMap { accounts[$0] }
    }

    /// Adds (or replaces) records from another catalog.
    public mutating func merge(_ other: AccountCatalog) {
        accounts.merge(other.accounts) { _, new in new }
        issues += other.issues
    }

    /// Loads a catalog, detecting CSV, JSON or YAML by content.
    /// - Throws: ``EnrichmentError`` when the file is none of these or its structure is wrong.
    public init(data: Data, file: String? = nil) throws {
        let text = String(decoding: data, as: UTF8.self)
        let body = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        var collector = IssueCollector(file: file)
        if body.first == "{" || body.first == "[" {
            guard let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) else {
                throw EnrichmentError(file: file, line: nil, reason: "not valid JSON")
            }
            var list: [Any] = []
            if let array = json as? [Any] {
                list = array
            } else if let object = json as? [String: Any] {
                guard let array = (object["accounts"] ?? object["Accounts"]) as? [Any] else {
                    throw EnrichmentError(file: file, line: nil, reason: "JSON object has no \"accounts\" array")
                }
                list = array
            }
            for (offset, item) in list.enumerated() {
                guard let object = item as? [String: Any] else {
                    collector.report(line: offset + 1, "account entry \(offset + 1) is not an object")
                    continue
                }
                var fields: [String: String] = [:]
                var tags: [String: String] = [:]
                for (key, value) in object {
                    if AccountCatalog.normalise(key) == "tags" {
                        tags.merge(AccountCatalog.jsonTags(value)) { _, new in new }
                    } else if let text = AccountCatalog.jsonText(value) {
                        fields[key] = text
                    }
                }
                add(fields: fields, tags: tags, line: offset + 1, collector: &collector)
            }
        } else if AccountCatalog.looksLikeYAML(body) {
            let yaml = try SimpleYAML.parse(String(body), file: file)
            var list: [YAMLValue] = []
            if case .list(let items) = yaml {
                list = items
            } else if case .list(let items)? = yaml["accounts"] ?? yaml["Accounts"] {
                list = items
            } else {
                throw EnrichmentError(
                    file: file, line: nil, reason: "YAML is not a list of accounts (nor has an 'accounts:' list)")
            }
            for (offset, item) in list.enumerated() {
                guard case .map(let map) = item else {
                    collector.report(line: nil, "account entry \(offset + 1) is not a map")
                    continue
                }
                var fields: [String: String] = [:]
                var tags: [String: String] = [:]
                for (key, value) in map {
                    switch value {
                    case .scalar(let text): fields[key] = text
                    case .map(let inner) where AccountCatalog.normalise(key) == "tags":
                        for (tag, tagValue) in inner { tags[tag] = tagValue.string ?? "" }
                    case .list(let items) where AccountCatalog.normalise(key) == "tags":
                        for item in items {
                            if let key = item["Key"]?.string ?? item["key"]?.string {
                                tags[key] = item["Value"]?.string ?? item["value"]?.string ?? ""
                            }
                        }
                    default: break
                    }
                }
                add(fields: fields, tags: tags, line: offset + 1, collector: &collector)
            }
        } else {
            var header: [String]?
            CSVReader.forEachRecord(in: data) { row, line in
                guard let names = header else {
                    header = row
                    return true
                }
                var fields: [String: String] = [:]
                for (index, name) in names.enumerated() where index < row.count {
                    let value = row[index].trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { fields[name] = value }
                }
                add(fields: fields, tags: [:], line: line, collector: &collector)
                return true
            }
            if let names = header,
                !names.contains(where: { AccountCatalog.idKeys.contains(AccountCatalog.normalise($0)) })
            {
                throw EnrichmentError(
                    file: file, line: 1, reason: "CSV header has no account id column (id, account_id, …)")
            }
        }
        issues = collector.issues
    }

    static let idKeys: Set<String> = ["id", "account_id", "accountid", "account", "aws_account_id", "account_number"]
    static let nameKeys: Set<String> = ["name", "account_name", "accountname", "alias", "account_alias"]
    static let ouKeys: Set<String> = ["ou", "ou_path", "oupath", "organizational_unit", "organizationalunit", "path"]
    static let ownerKeys: Set<String> = ["owner", "contact", "email", "team", "owner_email"]
    static let environmentKeys: Set<String> = ["environment", "env", "stage"]
    static let ignoredKeys: Set<String> = [
        "arn", "status", "joinedmethod", "joined_method", "joinedtimestamp", "joined_timestamp", "state",
    ]

    static func normalise(_ key: String) -> String {
        String(key.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    static func looksLikeYAML(_ body: Substring) -> Bool {
        guard
            let first = body.split(whereSeparator: \.isNewline).first(where: {
                !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            })
        else { return false }
        let line = first.trimmingCharacters(in: .whitespaces)
        return line.hasPrefix("- ") || line.hasPrefix("---") || (line.contains(": ") && !line.contains(","))
            || line.hasSuffix(":")
    }

    static func jsonText(_ value: Any) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    static func jsonTags(_ value: Any) -> [String: String] {
        var tags: [String: String] = [:]
        if let map = value as? [String: Any] {
            for (key, item) in map { tags[key] = jsonText(item) ?? "" }
        } else if let list = value as? [[String: Any]] {
            for item in list {
                if let key = (item["Key"] ?? item["key"]).flatMap(jsonText) {
                    tags[key] = (item["Value"] ?? item["value"]).flatMap(jsonText) ?? ""
                }
            }
        }
        return tags
    }

    private mutating func add(
        fields: [String: String], tags: [String: String], line: Int, collector: inout IssueCollector
    ) {
        var record = AccountRecord(id: "")
        var rawID: String?
        record.tags = tags
        for (key, value) in fields {
            let name = AccountCatalog.normalise(key)
            if AccountCatalog.idKeys.contains(name) {
                rawID = value
            } else if AccountCatalog.nameKeys.contains(name) {
                record.name = value
            } else if AccountCatalog.ouKeys.contains(name) {
                record.ou = value
            } else if AccountCatalog.ownerKeys.contains(name) {
                record.owner = record.owner ?? value
            } else if AccountCatalog.environmentKeys.contains(name) {
                record.environment = value
            } else if name == "tags" {
                for pair in value.split(whereSeparator: { $0 == ";" || $0 == "|" }) {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    let key = parts[0].trimmingCharacters(in: .whitespaces)
                    if !key.isEmpty {
                        record.tags[key] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                    }
                }
            } else if !AccountCatalog.ignoredKeys.contains(name) {
                record.tags[key] = value
            }
        }
        if record.environment == nil {
            record.environment = record.tags["environment"] ?? record.tags["Environment"] ?? record.tags["env"]
        }
        guard let rawID else {
            collector.report(line: line, "account entry has no id")
            return
        }
        guard let id = AccountRecord.canonicalID(rawID) else {
            collector.report(line: line, "account id '\(rawID.prefix(30))' is not 12 digits")
            return
        }
        record.id = id
        accounts[id] = record
    }
}
