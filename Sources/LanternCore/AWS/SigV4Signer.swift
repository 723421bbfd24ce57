import Crypto
import Foundation

/// Signs HTTP requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`).
///
/// The signer adds `X-Amz-Date`, `X-Amz-Security-Token` (for temporary
/// credentials) and `Authorization`; every header passed in is signed, plus
/// `host`. Secrets stay inside this value: nothing here logs or prints them.
public struct SigV4Signer: Sendable {
    /// The credentials to sign with.
    public var credentials: AWSCredentials
    /// The region of the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The signing name of the service, e.g. `securityhub`.
    public var service: String

    /// The SHA-256 of an empty payload, hex-encoded.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Makes a signer for one service and region.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The pieces of one signature, for tests and diagnostics (no secrets).
    public struct Signature: Sendable {
        /// The canonical request that was hashed.
        public var canonicalRequest: String
        /// The string that was signed.
        public var stringToSign: String
        /// The hex signature.
        public var signature: String
        /// The `Authorization` header value.
        public var authorization: String
        /// Every header to send, including `Authorization` and `X-Amz-Date`, by original name.
        public var headers: [(name: String, value: String)]
    }

    /// Signs a request and returns the headers to send.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - url: the full URL (its host, port, path and query are signed).
    ///   - headers: headers to send and sign (`Host` is added when missing).
    ///   - body: the exact bytes that will be sent.
    ///   - date: the signing time.
    public func sign(
        method: String, url: URL, headers: [(name: String, value: String)], body: Data, date: Date = Date()
    ) -> Signature {
        let (amzDate, day) = SigV4Signer.timestamps(date)
        var all = headers.filter {
            let name = $0.name.lowercased()
            return name != "authorization" && name != "x-amz-date" && name != "x-amz-security-token"
        }
        if !all.contains(where: { $0.name.lowercased() == "host" }) {
            all.append(("Host", SigV4Signer.hostHeader(url)))
        }
        all.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken { all.append(("X-Amz-Security-Token", token)) }

        // Canonical headers: lower-case names, trimmed values with runs of spaces
        // collapsed, repeated names joined by commas, sorted by name.
        var grouped: [String: [String]] = [:]
        for header in all {
            grouped[header.name.lowercased(), default: []].append(SigV4Signer.trimValue(header.value))
        }
        let names = grouped.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(grouped[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let payloadHash = SigV4Signer.hex(SHA256.hash(data: body))

        let canonicalRequest = [
            method.uppercased(),
            SigV4Signer.canonicalPath(url),
            SigV4Signer.canonicalQuery(url),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope,
            SigV4Signer.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let key = signingKey(day: day)
        let signature = SigV4Signer.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        all.append(("Authorization", authorization))
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, headers: all)
    }

    /// The derived key: HMAC chain over date, region, service and `aws4_request`.
    func signingKey(day: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        let secret = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        return hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
    }

    /// `X-Amz-Date` (`yyyyMMdd'T'HHmmss'Z'`) and the scope day (`yyyyMMdd`) in UTC.
    static func timestamps(_ date: Date) -> (amzDate: String, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let day = pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2)
        return (day + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z", day)
    }

    /// `host` or `host:port` when the port is not the scheme's default.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    static func trimValue(_ value: String) -> String {
        var out = ""
        var lastWasSpace = false
        for character in value.trimmingCharacters(in: .whitespaces) {
            if character == " " || character == "\t" {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(character)
                lastWasSpace = false
            }
        }
        return out
    }

    /// The path with dot segments removed and each segment URI-encoded once.
    static func canonicalPath(_ url: URL) -> String {
        let raw = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "/"
        if raw.isEmpty { return "/" }
        var segments: [String] = []
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for part in parts {
            let decoded = String(part).removingPercentEncoding ?? String(part)
            switch decoded {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(uriEncode(decoded))
            }
        }
        var path = "/" + segments.joined(separator: "/")
        if raw.hasSuffix("/") && !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// Query parameters URI-encoded and sorted by name, then value.
    static func canonicalQuery(_ url: URL) -> String {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery,
            !query.isEmpty
        else { return "" }
        let pairs: [(String, String)] = query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func clean(_ text: Substring) -> String {
                uriEncode(String(text).replacingOccurrences(of: "+", with: "%20").removingPercentEncoding ?? String(text))
            }
            return (clean(parts[0]), parts.count > 1 ? clean(parts[1]) : "")
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 encoding: everything but `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case hex).
    public static func uriEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 15)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
