import LanternCore

/// Ownership facts Lantern can state from a value's syntax alone, shown
/// while no ownership data is loaded: ARN parts, key kinds, private ranges.
public enum LocalFacts {
    /// The ownership lines shown for `observable`: the enrichment's when it
    /// has any, else what the value's syntax says.
    public static func effective(_ observable: Observable, _ enrichment: EnrichmentSummary?) -> [OwnershipLine] {
        (enrichment?.ownership).flatMap { $0.isEmpty ? nil : $0 } ?? ownership(of: observable)
    }

    /// The facts about `observable`.
    public static func ownership(of observable: Observable) -> [OwnershipLine] {
        switch observable.kind {
        case .arn:
            return arn(observable.value)
        case .accessKey:
            let temporary = observable.value.hasPrefix("ASIA")
            return [OwnershipLine(label: "kind", value: temporary ? "temporary key (STS session)" : "long-term key (IAM user)")]
        case .ipv4, .ipv6:
            if let range = privateRange(observable.value) { return [OwnershipLine(label: "range", value: range)] }
            return []
        case .accountId:
            return [OwnershipLine(label: "account", value: observable.value)]
        case .principalId:
            let prefix = String(observable.value.prefix(4))
            let kinds = ["AIDA": "IAM user", "AROA": "IAM role", "AIPA": "EC2 instance profile", "ANPA": "managed policy"]
            return kinds[prefix].map { [OwnershipLine(label: "kind", value: $0)] } ?? []
        case .cidr, .domain, .url, .md5, .sha1, .sha256, .instanceId, .bucket, .email, .userAgent:
            return []
        }
    }

    static func arn(_ text: String) -> [OwnershipLine] {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else { return [] }
        var lines: [OwnershipLine] = []
        if !parts[4].isEmpty {
            lines.append(OwnershipLine(label: "account", value: parts[4], pivot: Observable(kind: .accountId, parts[4])))
        }
        let resource = parts[5]
        let pieces = resource.split(separator: "/").map(String.init)
        switch (parts[2], pieces.first) {
        case ("sts", "assumed-role"?) where pieces.count >= 3:
            let role = "arn:\(parts[1]):iam::\(parts[4]):role/\(pieces[1])"
            lines.append(OwnershipLine(label: "type", value: "assumed-role session"))
            lines.append(OwnershipLine(label: "role", value: pieces[1], pivot: Observable(kind: .arn, role)))
            lines.append(OwnershipLine(label: "session", value: pieces[2...].joined(separator: "/")))
        case ("iam", "user"?):
            lines.append(OwnershipLine(label: "type", value: "IAM user"))
            lines.append(OwnershipLine(label: "name", value: pieces.last ?? resource))
        case ("iam", "role"?):
            lines.append(OwnershipLine(label: "type", value: "IAM role"))
            lines.append(OwnershipLine(label: "name", value: pieces.last ?? resource))
        default:
            lines.append(OwnershipLine(label: "service", value: parts[2] + (parts[3].isEmpty ? "" : " " + parts[3])))
            lines.append(OwnershipLine(label: "resource", value: resource))
        }
        return lines
    }

    /// The name of the special range an address is in, if any.
    static func privateRange(_ text: String) -> String? {
        let octets = text.split(separator: ".").compactMap { Int($0) }
        if octets.count == 4 {
            switch (octets[0], octets[1]) {
            case (10, _): return "private (RFC 1918 10/8)"
            case (172, 16...31): return "private (RFC 1918 172.16/12)"
            case (192, 168): return "private (RFC 1918 192.168/16)"
            case (127, _): return "loopback"
            case (169, 254): return "link-local"
            case (100, 64...127): return "carrier-grade NAT (100.64/10)"
            default: return nil
            }
        }
        let lower = text.lowercased()
        if lower == "::1" { return "loopback" }
        if lower.hasPrefix("fe80:") { return "link-local" }
        if lower.hasPrefix("fc") || lower.hasPrefix("fd") { return "unique local (fc00::/7)" }
        return nil
    }
}
