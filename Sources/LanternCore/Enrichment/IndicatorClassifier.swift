import Foundation

/// Recognises the kind of an intel or observable value and gives its canonical form.
public enum IndicatorClassifier {
    /// A recognised value: its kind and canonical text.
    public struct Classified: Hashable, Sendable {
        /// The kind of value.
        public var kind: IndicatorKind
        /// The canonical text used for matching.
        public var value: String
    }

    /// Classifies `raw` (trimmed, refanged: `hxxp`, `[.]`, `(.)`, `[:]`) as an IP, CIDR,
    /// URL, hash or domain; `nil` when it is none of them.
    ///
    /// Host-length CIDRs (`/32`, `/128`) become plain addresses; `*.example.com` becomes
    /// the domain `example.com` (which matches its subdomains anyway).
    public static func classify(_ raw: some StringProtocol) -> Classified? {
        var text = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        text = refang(text)
        guard !text.isEmpty else { return nil }
        if let address = IPAddress(text) {
            return Classified(kind: address.isIPv4 ? .ipv4 : .ipv6, value: address.description)
        }
        if text.contains("/"), !text.contains("://"), let network = IPNetwork(text) {
            if network.prefixLength == network.first.bitWidth {
                let address = network.first
                return Classified(kind: address.isIPv4 ? .ipv4 : .ipv6, value: address.description)
            }
            return Classified(kind: .cidr, value: network.description)
        }
        if text.contains("://") {
            guard let url = URLCanonicalizer.canonical(text) else { return nil }
            return Classified(kind: .url, value: url)
        }
        if let kind = hashKind(text) {
            return Classified(kind: kind, value: text.lowercased())
        }
        if let domain = canonicalDomain(text) {
            return Classified(kind: .domain, value: domain)
        }
        return nil
    }

    /// The hash algorithm implied by a hex string's length, or `nil` when it is not hex
    /// of 32 (MD5), 40 (SHA-1), 64 (SHA-256) or 128 (SHA-512) digits.
    public static func hashKind(_ text: some StringProtocol) -> IndicatorKind? {
        let kind: IndicatorKind
        switch text.utf8.count {
        case 32: kind = .md5
        case 40: kind = .sha1
        case 64: kind = .sha256
        case 128: kind = .sha512
        default: return nil
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                continue
            default:
                return nil
            }
        }
        return kind
    }

    /// The lower-case domain without a trailing dot or leading `*.`, or `nil` when `text`
    /// is not a plausible host name (two or more labels of letters, digits, `-` and `_`,
    /// a non-numeric last label, at most 253 characters).
    public static func canonicalDomain(_ text: some StringProtocol) -> String? {
        var name = text.lowercased()
        if name.hasPrefix("*.") { name.removeFirst(2) }
        if name.hasSuffix(".") { name.removeLast() }
        guard name.utf8.count <= 253, !name.isEmpty else { return nil }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return nil }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63 else { return nil }
            for byte in label.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "_"):
                    continue
                default:
                    // Internationalised names are kept as given (already lower-cased).
                    if byte < 0x80 { return nil }
                }
            }
        }
        if let last = labels.last, last.allSatisfy(\.isNumber) { return nil }
        return name
    }

    /// Undoes common defanging: `hxxp(s)`, `[.]`, `(.)`, `{.}`, `[dot]`, `[:]`.
    public static func refang(_ text: String) -> String {
        guard
            text.contains("[") || text.contains("(") || text.contains("{") || text.hasPrefix("hxxp")
                || text.hasPrefix("HXXP")
        else { return text }
        var result = text
        for (from, to) in [("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("[:]", ":")] {
            result = result.replacingOccurrences(of: from, with: to)
        }
        if result.lowercased().hasPrefix("hxxp") {
            result = "http" + result.dropFirst(4)
        }
        return result
    }
}
