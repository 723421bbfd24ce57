import Crypto
import Foundation

/// Keeps credential secrets out of the store: in a raw JSON record, the string
/// value of every `sessionToken` and `secretAccessKey` member (any case, any
/// depth, escaped or not — the names of ``CaseRedaction/secretKeys``) becomes
/// `<redacted:sessionToken sha256:0123456789ab>`, a fixed marker with the first
/// 12 hex digits of the value's SHA-256 (so two events naming the same token can
/// still be matched). Every other byte of the record is kept as it was, and the
/// record stays valid JSON.
///
/// CloudTrail writes such values in `responseElements.credentials` of
/// `AssumeRole*`, `GetSessionToken`, `GetFederationToken` and SSO
/// `GetRoleCredentials`.
public enum CredentialRedaction {
    /// Whether `record` may name a secret member: some `k` or `K` is inside
    /// `token"` or `accesskey"` (any case), or the record has a `\u` escape (a
    /// member name may spell letters with one). A fast filter before the exact
    /// scan: memchr jumps between the few `k`s and backslashes of a record.
    static func mayHoldSecret(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
        func any(_ byte: UInt8, _ test: (Int) -> Bool) -> Bool {
            guard let base = record.baseAddress else { return false }
            var offset = 0
            while offset < record.count, let found = memchr(base + offset, Int32(byte), record.count - offset) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if test(index) { return true }
                offset = index + 1
            }
            return false
        }
        let nameEnd = { (k: Int) in matches(record, at: k - 2, "token\"") || matches(record, at: k - 6, "accesskey\"") }
        return any(UInt8(ascii: "k"), nameEnd) || any(UInt8(ascii: "K"), nameEnd)
            || any(UInt8(ascii: "\\")) { $0 + 1 < record.count && record[$0 + 1] == UInt8(ascii: "u") }
    }

    /// Whether the bytes at `start` are `word` (lower-case ASCII letters and `"`), letters in any case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start >= 0, start + count <= bytes.count else { return false }
        let letters = word.utf8Start
        for index in 0..<count where bytes[start + index] | 0x20 != letters[index] { return false }
        return true
    }

    /// The marker that replaces the secret `value` (its decoded bytes) of the member `key`.
    public static func marker(key: String, value: [UInt8]) -> String {
        let digest = SHA256.hash(data: value).prefix(6).map { String(format: "%02x", $0) }.joined()
        return "<redacted:\(key) sha256:\(digest)>"
    }

    /// `record` (one valid JSON value) with every secret string value replaced by
    /// its marker, or nil when it holds none (the common case, decided by a
    /// byte search).
    public static func redacted(_ record: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard mayHoldSecret(record) else { return nil }
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while index < record.count {
            guard record[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            let keyStart = index
            index = stringEnd(record, from: index)
            var next = skipSpace(record, from: index)
            guard next < record.count, record[next] == UInt8(ascii: ":"),
                  let name = secretName(UnsafeBufferPointer(rebasing: record[keyStart..<index]))
            else { continue }
            next = skipSpace(record, from: next + 1)
            guard next < record.count, record[next] == UInt8(ascii: "\"") else { continue }
            let valueEnd = stringEnd(record, from: next)
            let literal = UnsafeBufferPointer(rebasing: record[next..<valueEnd])
            let value = (try? JSONValue.parse(literal))?.stringValue.map { Array($0.utf8) } ?? Array(literal)
            output.append(contentsOf: record[copied..<next])
            output.append(contentsOf: "\"\(marker(key: name, value: value))\"".utf8)
            copied = valueEnd
            index = valueEnd
        }
        guard copied > 0 else { return nil }
        output.append(contentsOf: record[copied...])
        return output
    }

    /// The index just past the string literal that starts at `start` (its opening quote).
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index
    }

    /// `sessionToken` or `secretAccessKey` when the string literal `key` (with its
    /// quotes) names a secret member, whatever its case or escapes.
    private static func secretName(_ key: UnsafeBufferPointer<UInt8>) -> String? {
        guard (14...120).contains(key.count) else { return nil }
        let name = key.contains(UInt8(ascii: "\\"))
            ? (try? JSONValue.parse(key))?.stringValue
            : String(decoding: key.dropFirst().dropLast(), as: UTF8.self)
        switch name?.lowercased() {
        case "sessiontoken": return "sessionToken"
        case "secretaccesskey": return "secretAccessKey"
        default: return nil
        }
    }
}
