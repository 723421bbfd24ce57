/// Finds every observable in a finding record by walking all of it.
///
/// Shape-agnostic on purpose: GuardDuty nests the same facts differently in
/// its native form, in ASFF `Resources[].Details` and in ASFF
/// `ProductFields` keys such as `action/awsApiCallAction/remoteIpDetails/ipAddressV4`.
/// Every string is tested; kinds that look alike (account IDs, domains,
/// buckets, hashes) are taken only under member names that say what they are.
enum ObservableExtractor {
    /// Members that describe the finding or its product, not the incident.
    static let skippedKeys: Set<String> = [
        "ProductArn", "GeneratorId", "SchemaVersion", "schemaVersion", "SourceUrl", "Types",
        "CompanyName", "ProductName", "Remediation", "Compliance", "FindingProviderFields", "Note",
        "detectorId", "RecommendationUrl", "aws/securityhub/ProductName", "aws/securityhub/CompanyName",
        "aws/securityhub/FindingId", "aws/guardduty/service/detectorId",
    ]

    static func observables(in record: JSONValue, format: Finding.Format) -> [FindingObservable] {
        var found: [FindingObservable] = []
        var seen: Set<FindingObservable> = []
        guard case .object(let members) = record else { return [] }
        for member in members {
            // The finding's own identifier is not an observable of the incident.
            if member.key == "Id" || member.key == "arn" || member.key == "id" { continue }
            walk(member.value, key: member.key, path: member.key, into: &found, seen: &seen)
        }
        return found
    }

    private static func walk(
        _ value: JSONValue, key: String, path: String,
        into found: inout [FindingObservable], seen: inout Set<FindingObservable>
    ) {
        if skippedKeys.contains(key) { return }
        switch value {
        case .string(let text):
            for observable in classify(text, key: key) {
                let item = FindingObservable(observable: observable, path: path)
                if seen.insert(item).inserted { found.append(item) }
            }
        case .array(let elements):
            for element in elements { walk(element, key: key, path: path, into: &found, seen: &seen) }
        case .object(let members):
            for member in members {
                walk(member.value, key: member.key, path: path + "." + member.key, into: &found, seen: &seen)
            }
        case .number(let text) where text.utf8.count == 12 && leaf(key).lowercased().contains("account"):
            if let account = Observable(kind: .accountId, text) {
                let item = FindingObservable(observable: account, path: path)
                if seen.insert(item).inserted { found.append(item) }
            }
        case .null, .bool, .number:
            break
        }
    }

    /// The last segment of a `ProductFields` key such as `a/b/ipAddressV4`.
    private static func leaf(_ key: String) -> Substring {
        key.split(separator: "/").last ?? Substring(key)
    }

    /// The observables a string is, given the member name it was found under.
    static func classify(_ raw: String, key: String) -> [Observable] {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.utf8.count <= 2048 else { return [] }
        let name = leaf(key).lowercased()
        if name.contains("useragent") { return Observable(kind: .userAgent, text).map { [$0] } ?? [] }
        if let ip = Observable(kind: .ipv4, text) ?? Observable(kind: .ipv6, text) { return [ip] }
        if text.hasPrefix("arn:"), let arn = Observable(kind: .arn, text) {
            // An S3 bucket ARN also names the bucket.
            if text.hasPrefix("arn:aws:s3:::"), !text.dropFirst(13).contains("/"),
               let bucket = Observable(kind: .bucket, String(text.dropFirst(13))) {
                return [arn, bucket]
            }
            return [arn]
        }
        if let key = Observable(kind: .accessKey, text) { return [key] }
        if let instance = Observable(kind: .instanceId, text) { return [instance] }
        if name.contains("principalid"), let principal = Observable(kind: .principalId, text) { return [principal] }
        if name.contains("account"), let account = Observable(kind: .accountId, text) { return [account] }
        if name.contains("bucket"), let bucket = Observable(kind: .bucket, text) { return [bucket] }
        if name.contains("hash") || name.contains("sha") || name.contains("md5") {
            for kind in [Observable.Kind.md5, .sha1, .sha256] {
                if let hash = Observable(kind: kind, text) { return [hash] }
            }
        }
        if name.contains("domain") || name.contains("hostname") || name == "host",
           let domain = Observable(kind: .domain, text) {
            return [domain]
        }
        if name.contains("email"), let email = Observable(kind: .email, text) { return [email] }
        if name.contains("url") || name.contains("uri"), let url = Observable(kind: .url, text) { return [url] }
        return []
    }
}
