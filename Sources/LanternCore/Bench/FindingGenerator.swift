import Foundation

/// Writes GuardDuty findings (the `aws guardduty get-findings` shape) naming
/// the principals, keys and source IPs of stored events, so benchmarks run
/// on a store whose findings correlate with its CloudTrail like real ones.
public struct FindingGenerator {
    /// How many findings.
    public var count: Int
    /// The same seed picks the same events.
    public var seed: UInt64

    /// Makes a generator.
    public init(count: Int, seed: UInt64 = 11) {
        self.count = count
        self.seed = seed
    }

    static let types: [(type: String, severity: Double)] = [
        ("CredentialAccess:IAMUser/AnomalousBehavior", 5),
        ("Discovery:IAMUser/AnomalousBehavior", 2),
        ("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8),
        ("Recon:IAMUser/MaliciousIPCaller.Custom", 5),
        ("Persistence:IAMUser/AnomalousBehavior", 5),
        ("Stealth:IAMUser/CloudTrailLoggingDisabled", 2),
        ("PenTest:IAMUser/KaliLinux", 5),
        ("Impact:IAMUser/AnomalousBehavior", 8),
    ]

    /// Writes the findings to `path` as `{"Findings": [...]}`; returns how many.
    @discardableResult
    public func write(to path: String, store: Store) throws -> Int {
        let events = try store.sampleEvents(count: count, seed: seed)
        var rng = SplitMix64(seed: seed)
        var findings: [JSONValue] = []
        for event in events {
            let (type, severity) = Self.types[Int(rng.next() % UInt64(Self.types.count))]
            let id = String(format: "%016llx%016llx", rng.next(), rng.next())
            let account = event.recipientAccountId ?? event.accountId ?? "000000000000"
            let region = event.awsRegion ?? "us-east-1"
            let user = event.arn.flatMap { $0.split(separator: "/").last.map(String.init) } ?? "unknown"
            let first = Timestamp.string(milliseconds: event.time)
            let last = Timestamp.string(milliseconds: event.time + Int64(rng.next() % 600_000))
            let created = Timestamp.string(milliseconds: event.time + 900_000)
            var action: [(String, JSONValue)] = [
                ("api", .string(event.eventName ?? "Unknown")), ("callerType", .string("Remote IP")),
                ("serviceName", .string(event.eventSource ?? "unknown")),
            ]
            if let ip = event.sourceIPAddress { action.append(("remoteIpDetails", .object([("ipAddressV4", .string(ip))]))) }
            if let agent = event.userAgent { action.append(("userAgent", .string(agent))) }
            findings.append(.object([
                ("accountId", .string(account)),
                ("arn", .string("arn:aws:guardduty:\(region):\(account):detector/bench/finding/\(id)")),
                ("createdAt", .string(created)), ("id", .string(id)), ("partition", .string("aws")), ("region", .string(region)),
                ("resource", .object([
                    ("accessKeyDetails", .object([
                        ("accessKeyId", .optional(event.accessKeyId)), ("principalId", .optional(event.principalId)),
                        ("userName", .string(user)), ("userType", .optional(event.identityType)),
                    ])),
                    ("resourceType", .string("AccessKey")),
                ])),
                ("schemaVersion", .string("2.0")),
                ("service", .object([
                    ("action", .object([("actionType", .string("AWS_API_CALL")), ("awsApiCallAction", .object(action))])),
                    ("archived", .bool(false)), ("count", .int(1 + Int(rng.next() % 20))),
                    ("eventFirstSeen", .string(first)), ("eventLastSeen", .string(last)), ("serviceName", .string("guardduty")),
                ])),
                ("severity", .number(String(severity))),
                ("title", .string("\(type.split(separator: "/").first ?? "") by \(user) (benchmark finding \(findings.count + 1))")),
                ("type", .string(type)), ("updatedAt", .string(created)),
            ]))
        }
        try AtomicFile.write(JSONWriter(pretty: false).string(.object([("Findings", .array(findings))])), to: path)
        return findings.count
    }
}
