/// Everything the loaded ownership data says about one IP address.
public struct IPOwnership: Sendable, Hashable {
    /// The address.
    public var address: IPAddress
    /// The special-purpose block (private, CGNAT, documentation, …) it lies in, if any.
    public var special: SpecialRanges.Block?
    /// AWS service(s) and region, when in AWS's published ranges.
    public var aws: AWSIPRanges.Match?
    /// The origin AS number.
    public var asn: UInt32?
    /// The AS handle (e.g. `AMAZON-AES`).
    public var asHandle: String?
    /// The AS organisation.
    public var organization: String?
    /// The announced prefix the AS facts come from.
    public var asnPrefix: IPNetwork?
    /// ISO country code.
    public var countryCode: String?
    /// Country name.
    public var countryName: String?
    /// The names of the tables that supplied each fact, e.g. `["asn": "pyasn", "country": "geoacumen"]`.
    public var provenance: [String: String]

    /// Whether no table knows anything about the address.
    public var isEmpty: Bool {
        special == nil && aws == nil && asn == nil && organization == nil && countryCode == nil
    }

    /// A one-line summary, e.g. `AWS EC2 us-east-1 · AS14618 AMAZON-AES · US`.
    public var summary: String {
        var parts: [String] = []
        if let special { parts.append("\(special.name) (\(special.network))") }
        if let aws { parts.append("AWS \(aws.primaryService) \(aws.region)") }
        if let asn {
            parts.append("AS\(asn)" + ([asHandle ?? organization].compactMap { $0 }.map { " " + $0 }.first ?? ""))
        } else if let organization {
            parts.append(organization)
        }
        if let countryCode { parts.append(countryCode) }
        return parts.isEmpty ? "no ownership data" : parts.joined(separator: " · ")
    }
}
