import Foundation

/// What the client needs to know about one AWS service.
public struct AWSService: Sendable, Equatable {
    /// The SigV4 signing name, e.g. `securityhub`.
    public var signingName: String
    /// The host prefix, e.g. `securityhub` in `securityhub.us-east-1.amazonaws.com`.
    public var endpointPrefix: String
    /// The suffix of the per-service endpoint variable (`AWS_ENDPOINT_URL_<ID>`).
    public var environmentID: String
    /// The region every request is signed for, for global services (Organizations).
    public var globalRegion: String?

    /// Makes a service description.
    public init(signingName: String, endpointPrefix: String, environmentID: String, globalRegion: String? = nil) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.environmentID = environmentID
        self.globalRegion = globalRegion
    }

    /// AWS Security Hub (REST-JSON).
    public static let securityHub = AWSService(
        signingName: "securityhub", endpointPrefix: "securityhub", environmentID: "SECURITYHUB")
    /// AWS Organizations (JSON 1.1, global, signed for us-east-1).
    public static let organizations = AWSService(
        signingName: "organizations", endpointPrefix: "organizations", environmentID: "ORGANIZATIONS",
        globalRegion: "us-east-1")
    /// AWS CloudTrail (JSON 1.1).
    public static let cloudTrail = AWSService(
        signingName: "cloudtrail", endpointPrefix: "cloudtrail", environmentID: "CLOUDTRAIL")
    /// Amazon Athena (JSON 1.1).
    public static let athena = AWSService(signingName: "athena", endpointPrefix: "athena", environmentID: "ATHENA")
    /// Amazon GuardDuty (REST-JSON).
    public static let guardDuty = AWSService(
        signingName: "guardduty", endpointPrefix: "guardduty", environmentID: "GUARDDUTY")
    /// AWS STS (query protocol).
    public static let sts = AWSService(signingName: "sts", endpointPrefix: "sts", environmentID: "STS")
}
