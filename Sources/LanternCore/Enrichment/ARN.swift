/// An Amazon Resource Name split into its parts, with IAM/STS principals understood.
///
/// `arn:partition:service:region:account:resource`, where the resource is `type/id`,
/// `type:id` or just `id`. For IAM users, roles, groups and policies the path and name are
/// separated (`user/division/alice` → path `/division/`, name `alice`); for STS
/// `assumed-role/Role/Session` the role and session names are given; the root user is
/// recognised.
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    public var partition: String
    /// `iam`, `sts`, `s3`, `ec2`, …
    public var service: String
    /// The region, empty for global services.
    public var region: String
    /// The 12-digit account ID, empty for S3 buckets and AWS-managed policies' `aws`.
    public var account: String
    /// Everything after the account field.
    public var resource: String
    /// The resource type (`user`, `role`, `assumed-role`, `instance`, …), when the resource has one.
    public var resourceType: String?
    /// The resource id: the part after the type (for IAM, the name without the path).
    public var resourceID: String
    /// The IAM path, e.g. `/` or `/service-role/`, for path-bearing IAM resources.
    public var path: String?

    /// The text of the ARN.
    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// The role name for an STS `assumed-role` ARN or an IAM `role` ARN.
    public var roleName: String? {
        switch (service, resourceType) {
        case ("sts", "assumed-role"): return resourceID.split(separator: "/", maxSplits: 1).first.map(String.init)
        case ("iam", "role"): return resourceID
        default: return nil
        }
    }

    /// The session name of an STS `assumed-role` ARN.
    public var sessionName: String? {
        guard service == "sts", resourceType == "assumed-role" else { return nil }
        let parts = resourceID.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// The user name of an IAM `user` or STS `federated-user` ARN.
    public var userName: String? {
        switch (service, resourceType) {
        case ("iam", "user"), ("sts", "federated-user"): resourceID
        default: nil
        }
    }

    /// Whether this is an account's root user (`arn:aws:iam::123456789012:root`).
    public var isRoot: Bool { service == "iam" && resource == "root" }

    /// A short human description of the principal or resource kind.
    public var kindDescription: String {
        switch (service, resourceType) {
        case ("iam", nil) where resource == "root": "root user"
        case ("iam", "user"): "IAM user"
        case ("iam", "role"): "IAM role"
        case ("iam", "group"): "IAM group"
        case ("iam", "policy"): "IAM policy"
        case ("iam", "instance-profile"): "instance profile"
        case ("sts", "assumed-role"): "assumed-role session"
        case ("sts", "federated-user"): "federated user"
        default: resourceType.map { "\(service) \($0)" } ?? "\(service) resource"
        }
    }

    static let iamPathTypes: Set<String> = [
        "user", "role", "group", "policy", "instance-profile", "server-certificate",
    ]

    /// Parses `text`; `nil` when it is not `arn:` followed by five `:`-separated fields
    /// with a non-empty partition, service and resource.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty, !parts[5].isEmpty else {
            return nil
        }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
        guard account.isEmpty || account == "aws" || (account.count == 12 && account.allSatisfy(\.isNumber)) else {
            return nil
        }
        let separator = resource.firstIndex { $0 == "/" || $0 == ":" }
        if let separator {
            let type = String(resource[..<separator])
            var id = String(resource[resource.index(after: separator)...])
            resourceType = type
            if service == "iam", ARN.iamPathTypes.contains(type), let slash = id.lastIndex(of: "/") {
                path = "/" + id[..<slash] + "/"
                id = String(id[id.index(after: slash)...])
            } else if service == "iam", ARN.iamPathTypes.contains(type) {
                path = "/"
            }
            resourceID = id
        } else {
            resourceType = nil
            resourceID = resource
        }
        if service == "s3", resourceType == nil || !resource.contains(":") {
            // S3 ARNs are `bucket` or `bucket/key`: there is no type.
            resourceType = nil
            resourceID = resource
        }
    }
}
