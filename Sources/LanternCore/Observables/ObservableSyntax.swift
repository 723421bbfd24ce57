import Foundation

/// The syntax rules that recognise and canonicalise each observable kind.
enum ObservableSyntax {
    /// Kinds tried, in order, when detecting a bare string. Bucket and user
    /// agent are never detected: they look like domains and free text, and
    /// are only known from where they were found.
    static let detectionOrder: [Observable.Kind] = [
        .ipv4, .ipv6, .cidr, .arn, .accessKey, .principalId, .accountId, .instanceId,
        .md5, .sha1, .sha256, .url, .email, .domain,
    ]

    static let accessKeyPrefixes: Set<String> = ["AKIA", "ASIA", "ABIA", "ACCA"]
    static let principalPrefixes: Set<String> = [
        "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "AGPA", "ASCA", "ACCA", "AKIA", "ASIA",
    ]

    /// The canonical form of `text` as `kind`, or nil when it is not one.
    static func canonical(_ text: String, as kind: Observable.Kind) -> String? {
        guard !text.isEmpty, text.utf8.count <= 4096 else { return nil }
        switch kind {
        case .ipv4:
            guard let address = IPAddress(text), address.isIPv4 else { return nil }
            return address.description
        case .ipv6:
            guard text.contains(":"), let address = IPAddress(text), !address.isIPv4 else { return nil }
            return address.description
        case .cidr:
            guard text.contains("/"), let network = IPNetwork(text) else { return nil }
            return network.description
        case .arn:
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty,
                  !parts[5].isEmpty, !containsWhitespace(text)
            else { return nil }
            return text
        case .accessKey:
            guard text.utf8.count == 20, accessKeyPrefixes.contains(String(text.prefix(4))),
                  isUpperAlphanumeric(text)
            else { return nil }
            return text
        case .principalId:
            // AROA…:session-name for assumed roles, AIDA… for users.
            let id = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
            guard (16...32).contains(id.utf8.count), principalPrefixes.contains(String(id.prefix(4))),
                  isUpperAlphanumeric(id), !accessKeyPrefixes.contains(String(id.prefix(4))) || id.utf8.count != 20
            else { return nil }
            return text
        case .accountId:
            guard text.utf8.count == 12, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
            return text
        case .instanceId:
            let lower = text.lowercased()
            guard lower.hasPrefix("i-"), [10, 19].contains(lower.utf8.count),
                  lower.utf8.dropFirst(2).allSatisfy(isHexDigit)
            else { return nil }
            return lower
        case .md5: return hexDigest(text, length: 32)
        case .sha1: return hexDigest(text, length: 40)
        case .sha256: return hexDigest(text, length: 64)
        case .url:
            guard let schemeEnd = text.range(of: "://"),
                  ["http", "https", "ftp", "hxxp", "hxxps", "s3"].contains(text[..<schemeEnd.lowerBound].lowercased()),
                  !text.contains(where: \.isWhitespace)
            else { return nil }
            // Scheme and host are case-insensitive; the path is not.
            let scheme = text[..<schemeEnd.lowerBound].lowercased()
            let rest = text[schemeEnd.upperBound...]
            let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
            return scheme + "://" + rest[..<hostEnd].lowercased() + rest[hostEnd...]
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace),
                  let domain = canonical(String(parts[1]), as: .domain)
            else { return nil }
            return parts[0] + "@" + domain
        case .domain:
            return canonicalDomain(text)
        case .bucket:
            let lower = text.hasPrefix("s3://") ? String(text.dropFirst(5).prefix { $0 != "/" }) : text
            guard (3...63).contains(lower.utf8.count),
                  lower.utf8.allSatisfy({ isLowerAlphanumeric($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F })
            else { return nil }
            return lower
        case .userAgent:
            return text
        }
    }

    /// Whether `text` has any whitespace; bytes only when it is ASCII (most ARNs).
    private static func containsWhitespace(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.contains { (9...13).contains($0) || $0 == 0x20 }
        }
        return text.contains(where: \.isWhitespace)
    }

    private static func canonicalDomain(_ text: String) -> String? {
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, name.utf8.count <= 253,
              let tld = labels.last, tld.utf8.count >= 2, tld.utf8.allSatisfy({ (97...122).contains($0) })
                || tld.hasPrefix("xn--")
        else { return nil }
        for label in labels {
            guard (1...63).contains(label.utf8.count),
                  label.utf8.allSatisfy({ isLowerAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F }),
                  label.first != "-", label.last != "-"
            else { return nil }
        }
        return name
    }

    private static func hexDigest(_ text: String, length: Int) -> String? {
        guard text.utf8.count == length, text.utf8.allSatisfy(isHexDigit) else { return nil }
        return text.lowercased()
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...122).contains(byte)
    }

    private static func isUpperAlphanumeric(_ text: String) -> Bool {
        text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) }
    }
}
