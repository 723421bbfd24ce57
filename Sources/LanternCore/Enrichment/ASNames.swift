import Foundation

/// The registered name of an autonomous system, split from text like
/// `AMAZON-02 - Amazon.com, Inc., US` into handle, organisation and country.
public struct ASName: Sendable, Hashable, Codable {
    /// The AS number.
    public var number: UInt32
    /// The handle (e.g. `AMAZON-02`).
    public var handle: String
    /// The organisation (e.g. `Amazon.com, Inc.`), or the handle when none is given.
    public var organization: String
    /// The ISO 3166 country code, when the text ends with one.
    public var country: String?

    /// Splits `text` (`HANDLE - Org, CC`, `HANDLE Org, CC` or just `HANDLE`).
    public init(number: UInt32, text: String) {
        self.number = number
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let comma = rest.lastIndex(of: ",") {
            let tail = rest[rest.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if tail.count == 2, tail.allSatisfy({ $0.isASCII && $0.isLetter && $0.isUppercase }) {
                country = tail
                rest = rest[..<comma]
            }
        }
        if let dash = rest.range(of: " - ") {
            handle = String(rest[..<dash.lowerBound])
            organization = String(rest[dash.upperBound...]).trimmingCharacters(in: .whitespaces)
        } else if let space = rest.firstIndex(of: " ") {
            handle = String(rest[..<space])
            organization = String(rest[rest.index(after: space)...]).trimmingCharacters(in: .whitespaces)
        } else {
            handle = String(rest)
            organization = String(rest)
        }
        if organization.isEmpty { organization = handle }
    }
}

/// AS names keyed by number, from pyasn's `asnames.json` (`{"16509": "AMAZON-02 - Amazon.com, Inc., US"}`).
public struct ASNames: Sendable {
    /// Names by AS number.
    public private(set) var byNumber: [UInt32: ASName] = [:]

    /// An empty table.
    public init() {}

    /// Parses the JSON object; keys that are not AS numbers are skipped.
    /// - Throws: ``EnrichmentError`` when the data is not a JSON object.
    public init(data: Data, file: String? = nil, gunzip: Gunzip? = nil) throws {
        let plain = try CompressedInput.plain(data, file: file, gunzip: gunzip)
        guard let object = (try? JSONSerialization.jsonObject(with: plain)) as? [String: Any] else {
            throw EnrichmentError(file: file, line: nil, reason: "not an AS-names JSON object {\"asn\": \"NAME\"}")
        }
        byNumber.reserveCapacity(object.count)
        for (key, value) in object {
            let digits = key.hasPrefix("AS") ? String(key.dropFirst(2)) : key
            guard let number = UInt32(digits), let text = value as? String else { continue }
            byNumber[number] = ASName(number: number, text: text)
        }
    }

    /// The name of AS `number`.
    public subscript(number: UInt32) -> ASName? { byNumber[number] }
}
