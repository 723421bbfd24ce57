/// The kinds of unique identifiers IAM and STS issue, told apart by their 4-letter prefix.
public enum AWSIdentifierKind: String, Sendable, Codable, CaseIterable {
    case accessKey = "AKIA"
    case temporaryAccessKey = "ASIA"
    case bearerToken = "ABIA"
    case contextCredential = "ACCA"
    case group = "AGPA"
    case user = "AIDA"
    case instanceProfile = "AIPA"
    case managedPolicy = "ANPA"
    case managedPolicyVersion = "ANVA"
    case publicKey = "APKA"
    case role = "AROA"
    case certificate = "ASCA"
    case sshPublicKey = "APKQ"
    case legacyAccessKey = "A3T"

    /// A human name, e.g. `long-term access key (IAM user or root)`.
    public var humanName: String {
        switch self {
        case .accessKey: "long-term access key (IAM user or root)"
        case .temporaryAccessKey: "temporary access key (STS session)"
        case .bearerToken: "AWS STS service bearer token"
        case .contextCredential: "context-specific credential"
        case .group: "IAM group"
        case .user: "IAM user"
        case .instanceProfile: "EC2 instance profile"
        case .managedPolicy: "managed policy"
        case .managedPolicyVersion: "managed policy version"
        case .publicKey: "public key (CloudFront key pair)"
        case .role: "IAM role"
        case .certificate: "certificate"
        case .sshPublicKey: "SSH public key"
        case .legacyAccessKey: "access key (legacy format)"
        }
    }

    /// Whether identifiers of this kind are access key IDs (used to sign requests).
    public var isAccessKey: Bool {
        self == .accessKey || self == .temporaryAccessKey || self == .legacyAccessKey
    }
}

/// An IAM/STS unique identifier — access key ID (`AKIA…`, `ASIA…`) or principal ID
/// (`AIDA…` user, `AROA…` role, …) — with its kind and, for new-format keys, the account
/// ID encoded in it.
public struct AWSIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The identifier text, upper-case.
    public var value: String
    /// Its kind.
    public var kind: AWSIdentifierKind

    /// The identifier text.
    public var description: String { value }

    /// Parses `text` (16–128 characters, upper-case letters and digits, known prefix).
    /// An assumed-role principal ID `AROA…:session` is accepted; its session is dropped
    /// here (see ``session(of:)``).
    public init?(_ text: some StringProtocol) {
        var id = Substring(text.trimmingCharacters(in: .whitespaces))
        if let colon = id.firstIndex(of: ":") { id = id[..<colon] }
        guard id.count >= 16, id.count <= 128,
            id.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") })
        else { return nil }
        let prefix = String(id.prefix(4))
        if let kind = AWSIdentifierKind(rawValue: prefix) {
            self.kind = kind
        } else if id.hasPrefix("A3T") {
            self.kind = .legacyAccessKey
        } else {
            return nil
        }
        value = String(id)
    }

    /// The session part of a principal ID such as `AROAEXAMPLE:alice@example.com`.
    public static func session(of principalID: some StringProtocol) -> String? {
        guard let colon = principalID.firstIndex(of: ":") else { return nil }
        let rest = principalID[principalID.index(after: colon)...]
        return rest.isEmpty ? nil : String(rest)
    }

    /// The AWS account ID encoded in a new-format identifier, or `nil` for old-format ones.
    /// Principal IDs (`AIDA`, `AROA`, …) carry the same encoding as access keys: in the
    /// invictus CloudTrail sample, `ASIATFQR7NSC…`, `AIDATFQR7NSC…` and `AROATFQR7NSC…` all
    /// decode to the account 218007301253.
    ///
    /// Characters 5–12 onward are base32 (`A–Z2–7`); of the first 48 decoded bits, bit 0 marks
    /// the new format and bits 1–40 hold the account number (Aidan Steele's and Tal Be'ery's
    /// analyses; e.g. `ASIAY34FZKBOKMUTVV7A` → `609629065308`). Old-format identifiers
    /// (the fifth character before `Q`, e.g. `AKIAI…`) do not encode the account.
    public var accountID: String? {
        let characters = Array(value.utf8.dropFirst(4).prefix(10))
        guard characters.count == 10 else { return nil }
        var bits: UInt64 = 0
        for character in characters {
            let digit: UInt64
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(character - UInt8(ascii: "A"))
            case UInt8(ascii: "2")...UInt8(ascii: "7"): digit = UInt64(character - UInt8(ascii: "2") + 26)
            default: return nil
            }
            bits = bits << 5 | digit
        }
        // 50 bits read; keep the first 48.
        let first48 = bits >> 2
        guard first48 >> 47 == 1 else { return nil }
        let account = (first48 & 0x7fff_ffff_ff80) >> 7
        let text = String(account)
        return String(repeating: "0", count: max(0, 12 - text.count)) + text
    }
}
