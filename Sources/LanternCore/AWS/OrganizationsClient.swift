import Foundation

/// AWS Organizations (JSON 1.1) reads that build an ``AccountCatalog``:
/// `ListAccounts`, `DescribeAccount`, `ListParents`, `DescribeOrganizationalUnit`
/// and `ListTagsForResource`.
public final class OrganizationsClient: @unchecked Sendable {
    /// The signed client for the `organizations` service.
    public let client: AWSClient
    private var ouNames: [String: String] = [:]
    private var parents: [String: (id: String, type: String)] = [:]

    static let targetPrefix = "AWSOrganizationsV20161128."

    /// Wraps a client made for ``AWSService/organizations``.
    public init(client: AWSClient) {
        self.client = client
    }

    private func call(_ operation: String, _ body: [(key: String, value: JSONValue)]) throws(AWSError) -> JSONValue {
        try client.json(target: OrganizationsClient.targetPrefix + operation, body: .object(body))
    }

    /// Every account ID in the organisation (`ListAccounts`, all pages).
    public func listAccountIDs() throws(AWSError) -> [(id: String, name: String?, email: String?)] {
        var result: [(id: String, name: String?, email: String?)] = []
        var token: String?
        repeat {
            var body: [(key: String, value: JSONValue)] = []
            if let token { body.append(("NextToken", .string(token))) }
            let answer = try call("ListAccounts", body)
            for account in answer["Accounts"]?.arrayValue ?? [] {
                guard let id = account["Id"]?.nonEmptyString else { continue }
                result.append((id, account["Name"]?.nonEmptyString, account["Email"]?.nonEmptyString))
            }
            let next = answer["NextToken"]?.nonEmptyString
            if next != nil && next == token { throw .invalidResponse("ListAccounts returned the same NextToken twice") }
            token = next
        } while token != nil
        return result
    }

    /// One account's catalog record: name, OU path (`Root/Security/Prod`), owner and tags.
    /// - Throws: ``AWSError`` (`AccountNotFoundException` for an unknown account).
    public func accountRecord(id: String) throws(AWSError) -> AccountRecord {
        let described = try call("DescribeAccount", [("AccountId", .string(id))])
        guard let account = described["Account"] else {
            throw .invalidResponse("DescribeAccount answer has no Account")
        }
        let tags = try self.tags(resource: id)
        let path = try ouPath(child: id)
        let email = account["Email"]?.nonEmptyString
        let owner = tags["owner"] ?? tags["Owner"] ?? tags["team"] ?? tags["Team"] ?? tags["contact"] ?? email
        let environment = tags["environment"] ?? tags["Environment"] ?? tags["env"] ?? tags["Env"]
        return AccountRecord(
            id: AccountRecord.canonicalID(id) ?? id, name: account["Name"]?.nonEmptyString, ou: path, owner: owner,
            environment: environment, tags: tags)
    }

    /// Tags of an account or OU (`ListTagsForResource`, all pages).
    public func tags(resource: String) throws(AWSError) -> [String: String] {
        var tags: [String: String] = [:]
        var token: String?
        repeat {
            var body: [(key: String, value: JSONValue)] = [("ResourceId", .string(resource))]
            if let token { body.append(("NextToken", .string(token))) }
            let answer = try call("ListTagsForResource", body)
            for tag in answer["Tags"]?.arrayValue ?? [] {
                if let key = tag["Key"]?.stringValue { tags[key] = tag["Value"]?.stringValue ?? "" }
            }
            let next = answer["NextToken"]?.nonEmptyString
            if next != nil && next == token { throw .invalidResponse("ListTagsForResource repeated its NextToken") }
            token = next
        } while token != nil
        return tags
    }

    /// The OU path from the root down to `child`'s parent, e.g. `Root/Security`.
    public func ouPath(child: String) throws(AWSError) -> String {
        var names: [String] = []
        var current = child
        for _ in 0..<16 {  // Organizations nests OUs at most five deep.
            let parent = try self.parent(of: current)
            if parent.type == "ROOT" {
                names.append("Root")
                break
            }
            names.append(try ouName(parent.id))
            current = parent.id
        }
        return names.reversed().joined(separator: "/")
    }

    private func parent(of child: String) throws(AWSError) -> (id: String, type: String) {
        if let cached = parents[child] { return cached }
        let answer = try call("ListParents", [("ChildId", .string(child))])
        guard let first = answer["Parents"]?.arrayValue?.first, let id = first["Id"]?.nonEmptyString else {
            throw .invalidResponse("ListParents gave no parent for \(child)")
        }
        let parent = (id, first["Type"]?.stringValue ?? "ROOT")
        parents[child] = parent
        return parent
    }

    private func ouName(_ id: String) throws(AWSError) -> String {
        if let cached = ouNames[id] { return cached }
        let answer = try call("DescribeOrganizationalUnit", [("OrganizationalUnitId", .string(id))])
        let name = answer["OrganizationalUnit"]?["Name"]?.nonEmptyString ?? id
        ouNames[id] = name
        return name
    }

    /// The catalog as JSON that ``AccountCatalog/init(data:file:)`` reads
    /// (`{"accounts": [{"id", "name", "ou", "owner", "environment", "tags"}]}`).
    public static func catalogJSON(_ records: [AccountRecord]) -> Data {
        let accounts: [JSONValue] = records.sorted { $0.id < $1.id }.map { record in
            var members: [(key: String, value: JSONValue)] = [("id", .string(record.id))]
            if let name = record.name { members.append(("name", .string(name))) }
            if let ou = record.ou { members.append(("ou", .string(ou))) }
            if let owner = record.owner { members.append(("owner", .string(owner))) }
            if let environment = record.environment { members.append(("environment", .string(environment))) }
            members.append(("tags", .object(record.tags.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
            return .object(members)
        }
        return Data(JSONWriter(pretty: true).string(.object([("accounts", .array(accounts))])).utf8)
    }
}
