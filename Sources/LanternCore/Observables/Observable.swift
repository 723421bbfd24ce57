/// A value an analyst can look up or pivot on, in canonical form.
///
/// Joins and pivots compare observables by `kind` and `value`, so the value
/// is always canonical: IPv4/IPv6 in standard text, domains and hashes in
/// lower case, ARNs and keys as written by AWS.
public struct Observable: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// What sort of value an observable is.
    public enum Kind: String, CaseIterable, Sendable, Comparable {
        case ipv4, ipv6, cidr, domain, url, md5, sha1, sha256
        case arn, accessKey, principalId, accountId, instanceId, bucket, email, userAgent

        /// A short human label, e.g. "access key".
        public var label: String {
            switch self {
            case .ipv4: return "IPv4"
            case .ipv6: return "IPv6"
            case .cidr: return "CIDR"
            case .domain: return "domain"
            case .url: return "URL"
            case .md5: return "MD5"
            case .sha1: return "SHA-1"
            case .sha256: return "SHA-256"
            case .arn: return "ARN"
            case .accessKey: return "access key"
            case .principalId: return "principal ID"
            case .accountId: return "account"
            case .instanceId: return "instance"
            case .bucket: return "bucket"
            case .email: return "email"
            case .userAgent: return "user agent"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// The kind of value.
    public let kind: Kind
    /// The canonical text of the value.
    public let value: String

    /// Makes an observable of `kind` from `text`, canonicalising it;
    /// nil when the text is not a valid value of that kind.
    public init?(kind: Kind, _ text: String) {
        guard let value = ObservableSyntax.canonical(text, as: kind) else { return nil }
        self.kind = kind
        self.value = value
    }

    /// Detects the kind of a bare string (`1.2.3.4`, `AKIA…`, `arn:aws:…`)
    /// and canonicalises it; nil when no kind fits.
    public init?(detecting text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for kind in ObservableSyntax.detectionOrder {
            if let value = ObservableSyntax.canonical(trimmed, as: kind) {
                self.kind = kind
                self.value = value
                return
            }
        }
        return nil
    }

    public static func < (lhs: Observable, rhs: Observable) -> Bool {
        (lhs.kind, lhs.value) < (rhs.kind, rhs.value)
    }

    public var description: String { "\(kind.rawValue):\(value)" }
}
