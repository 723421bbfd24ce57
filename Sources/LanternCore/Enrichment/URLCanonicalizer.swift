import Foundation

/// Gives URLs one canonical text so that intel and observables compare equal.
///
/// Scheme and host are lower-cased, a trailing dot on the host and the scheme's default port
/// are dropped, the fragment is removed and an empty path becomes `/`. Path and query keep
/// their case and encoding, since servers may treat them case-sensitively.
public enum URLCanonicalizer {
    /// The canonical form of `text`, or `nil` when it has no `scheme://host`.
    public static func canonical(_ text: some StringProtocol) -> String? {
        guard let parts = split(text) else { return nil }
        var result = parts.scheme + "://"
        if let userInfo = parts.userInfo { result += userInfo + "@" }
        result += parts.host
        if let port = parts.port { result += ":" + port }
        result += parts.pathAndQuery.isEmpty ? "/" : parts.pathAndQuery
        return result
    }

    /// The lower-case host of a URL (an IP address in canonical form, or a domain).
    public static func host(_ text: some StringProtocol) -> String? {
        split(text)?.host
    }

    struct Parts {
        var scheme: String
        var userInfo: String?
        var host: String
        var port: String?
        var pathAndQuery: String
    }

    static func split(_ text: some StringProtocol) -> Parts? {
        let trimmed = String(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let schemeEnd = trimmed.range(of: "://") else { return nil }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return nil
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let pathAndQuery = String(rest[authorityEnd...])
        var userInfo: String?
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        var host: Substring
        var port: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        var hostText = host.lowercased()
        if hostText.hasSuffix(".") { hostText.removeLast() }
        guard !hostText.isEmpty else { return nil }
        if let address = IPAddress(hostText) {
            hostText = address.isIPv4 ? address.description : "[\(address.description)]"
        }
        var portText = port.map(String.init)
        if let value = portText, value.isEmpty || value == defaultPort(scheme) { portText = nil }
        return Parts(
            scheme: scheme, userInfo: userInfo, host: hostText, port: portText,
            pathAndQuery: pathAndQuery)
    }

    static func defaultPort(_ scheme: String) -> String? {
        switch scheme {
        case "http", "ws": "80"
        case "https", "wss": "443"
        case "ftp": "21"
        default: nil
        }
    }
}
