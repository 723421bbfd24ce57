import Foundation

/// Builds a synthetic CloudTrail corpus in the S3 delivery layout
/// (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz`) from real
/// records used as templates, varying identities, keys, source IPs and
/// times deterministically from a seed.
public struct CorpusGenerator {
    public var events: Int
    public var seed: UInt64
    /// Records per delivery file.
    public var recordsPerFile = 1000
    /// Distinct IAM users (each with two keys) and roles.
    public var users = 500
    public var sourceIPs = 20_000
    /// First event time (ms); events are spread over `spanDays`.
    public var start: Int64 = 1_688_947_200_000  // 2023-07-10T00:00:00Z
    public var spanDays = 30

    public init(events: Int, seed: UInt64 = 42) {
        self.events = events
        self.seed = seed
    }

    /// What the generator wrote.
    public struct Result: Sendable {
        public var files: Int
        public var events: Int
        public var bytesCompressed: Int64
        public var bytesJSON: Int64
    }

    /// Writes the corpus under `directory` from `templates` (CloudTrail records).
    public func write(to directory: String, templates: [JSONValue]) throws -> Result {
        guard !templates.isEmpty else { throw ByteSourceError("no template records") }
        var rng = SplitMix64(seed: seed)
        let accounts = (0..<4).map { _ in String(format: "%012llu", rng.next() % 1_000_000_000_000) }
        let regions = ["us-east-1", "us-west-2", "eu-west-1"]
        let ips = (0..<sourceIPs).map { _ -> String in
            let v = UInt32(truncatingIfNeeded: rng.next())
            return "\(v >> 24 % 223 + 1).\((v >> 16) & 0xff).\((v >> 8) & 0xff).\(v & 0xff)"
        }
        let agents = ["aws-cli/2.13.0 Python/3.11.4 Linux/5.15", "Boto3/1.28.1 Python/3.11.4 Linux/5.15 Botocore/1.31.1",
                      "aws-sdk-go/1.44.298 (go1.20.5; linux; amd64)", "console.amazonaws.com",
                      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", "terraform-provider-aws/5.7.0"]
        let keyAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        func key(_ prefix: String) -> String {
            prefix + String((0..<16).map { _ in keyAlphabet[Int(rng.next() % 32)] })
        }
        struct Identity { var arn, principalId, userName, account: String; var keys: [String] }
        var identities: [Identity] = []
        for u in 0..<users {
            let account = accounts[u % accounts.count]
            identities.append(Identity(
                arn: "arn:aws:iam::\(account):user/user-\(u)", principalId: key("AIDA") + "X",
                userName: "user-\(u)", account: account, keys: [key("AKIA"), key("AKIA")]))
        }
        let writer = JSONWriter(pretty: false)
        var result = Result(files: 0, events: 0, bytesCompressed: 0, bytesJSON: 0)
        let span = Int64(spanDays) * 86_400_000
        let step = max(1, span / Int64(max(events, 1)))
        var produced = 0
        while produced < events {
            let count = min(recordsPerFile, events - produced)
            let fileStart = start + Int64(produced) * step
            let account = accounts[Int(rng.next() % UInt64(accounts.count))]
            let region = regions[Int(rng.next() % UInt64(regions.count))]
            let stamp = Timestamp.string(milliseconds: fileStart)
            let day = stamp.prefix(10).replacingOccurrences(of: "-", with: "/")
            let folder = "\(directory)/AWSLogs/\(account)/CloudTrail/\(region)/\(day)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let compact = stamp.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").prefix(13)
            let path = "\(folder)/\(account)_CloudTrail_\(region)_\(compact)Z_\(String(format: "%016llx", rng.next())).json.gz"
            var body = "{\"Records\":["
            for i in 0..<count {
                let template = templates[Int(rng.next() % UInt64(templates.count))]
                // A skewed pick: a few identities do most of the work, as in real accounts.
                let r = Double(rng.next() % 1_000_000) / 1_000_000
                let identity = identities[Int(pow(r, 3) * Double(identities.count)) % identities.count]
                let time = fileStart + Int64(i) * step + Int64(rng.next() % UInt64(max(step, 1)))
                let record = vary(template, identity: (identity.arn, identity.principalId, identity.userName,
                                                       identity.account, identity.keys[Int(rng.next() % 2)]),
                                  time: time, ip: ips[Int(pow(r, 2) * Double(ips.count)) % ips.count],
                                  agent: agents[Int(rng.next() % UInt64(agents.count))], region: region,
                                  eventID: uuid(&rng))
                if i > 0 { body += "," }
                body += writer.string(record)
            }
            body += "]}"
            let bytes = Array(body.utf8)
            let gzip = try GzipWriter(path: path)
            try gzip.write(bytes)
            try gzip.close()
            result.files += 1
            result.events += count
            result.bytesJSON += Int64(bytes.count)
            result.bytesCompressed += Int64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            produced += count
        }
        return result
    }

    private func vary(
        _ template: JSONValue, identity: (arn: String, principalId: String, userName: String, account: String, key: String),
        time: Int64, ip: String, agent: String, region: String, eventID: String
    ) -> JSONValue {
        guard case .object(var members) = template else { return template }
        for i in members.indices {
            switch members[i].key {
            case "eventID": members[i].value = .string(eventID)
            case "eventTime": members[i].value = .string(Timestamp.string(milliseconds: time))
            case "sourceIPAddress": members[i].value = .string(ip)
            case "userAgent": members[i].value = .string(agent)
            case "awsRegion": members[i].value = .string(region)
            case "recipientAccountId": members[i].value = .string(identity.account)
            case "userIdentity":
                members[i].value = .object([
                    ("type", .string("IAMUser")), ("principalId", .string(identity.principalId)),
                    ("arn", .string(identity.arn)), ("accountId", .string(identity.account)),
                    ("accessKeyId", .string(identity.key)), ("userName", .string(identity.userName)),
                ])
            default: break
            }
        }
        return .object(members)
    }

    private func uuid(_ rng: inout SplitMix64) -> String {
        let a = rng.next(), b = rng.next()
        let hex = String(format: "%016llx%016llx", a, b)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}

/// A small deterministic random number generator (SplitMix64).
public struct SplitMix64 {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
