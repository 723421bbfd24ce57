import Foundation

/// One CloudTrail `LookupEvents` lookup attribute (the API takes exactly one per call).
public struct CloudTrailLookupAttribute: Sendable, Equatable, CustomStringConvertible {
    /// The attribute keys LookupEvents accepts.
    public enum Key: String, Sendable, CaseIterable {
        case eventId = "EventId"
        case eventName = "EventName"
        case readOnly = "ReadOnly"
        case username = "Username"
        case resourceType = "ResourceType"
        case resourceName = "ResourceName"
        case eventSource = "EventSource"
        case accessKeyId = "AccessKeyId"
    }

    /// The key.
    public var key: Key
    /// The value to match exactly.
    public var value: String

    /// Makes an attribute.
    public init(key: Key, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `Key=value` (the key case-insensitive, e.g. `username=alice`).
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
        let value = String(text[text.index(after: equals)...])
        guard !value.isEmpty, let key = Key.allCases.first(where: { $0.rawValue.lowercased() == name }) else { return nil }
        self.init(key: key, value: value)
    }

    public var description: String { "\(key.rawValue)=\(value)" }

    /// The attribute that finds an observable's activity, or nil when
    /// LookupEvents cannot search for that kind (source IPs, accounts,
    /// principal IDs, user agents are not lookup attributes).
    ///
    /// Access keys use `AccessKeyId`; an IAM user ARN its user name
    /// (`Username`); an assumed-role session ARN its session name (`Username`,
    /// as CloudTrail records it); any other ARN and names of resources
    /// (buckets, instances) use `ResourceName`.
    public static func forObservable(_ observable: Observable) -> CloudTrailLookupAttribute? {
        switch observable.kind {
        case .accessKey:
            return CloudTrailLookupAttribute(key: .accessKeyId, value: observable.value)
        case .arn:
            let parts = observable.value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if parts.count == 6 {
                let resource = parts[5]
                if parts[2] == "iam", resource.hasPrefix("user/"), let name = resource.split(separator: "/").last {
                    return CloudTrailLookupAttribute(key: .username, value: String(name))
                }
                if parts[2] == "sts", resource.hasPrefix("assumed-role/") {
                    let pieces = resource.split(separator: "/")
                    if pieces.count >= 3, let session = pieces.last {
                        return CloudTrailLookupAttribute(key: .username, value: String(session))
                    }
                }
            }
            return CloudTrailLookupAttribute(key: .resourceName, value: observable.value)
        case .instanceId, .bucket:
            return CloudTrailLookupAttribute(key: .resourceName, value: observable.value)
        case .ipv4, .ipv6, .cidr, .domain, .url, .md5, .sha1, .sha256, .principalId, .accountId, .email, .userAgent:
            return nil
        }
    }
}
