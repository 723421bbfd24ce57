/// The normalised fields of a CloudTrail event that Lantern indexes and
/// shows; shared by events being ingested (``CloudTrailEvent``) and events
/// read back (``StoredEvent``).
public struct EventFields: Sendable, Equatable {
    public var eventID: String?
    /// Milliseconds since the epoch.
    public var time: Int64
    public var eventSource: String?
    public var eventName: String?
    public var sourceIPAddress: String?
    public var userAgent: String?
    public var errorCode: String?
    public var awsRegion: String?
    public var recipientAccountId: String?
    public var identityType: String?
    public var arn: String?
    public var accessKeyId: String?
    public var principalId: String?
    public var accountId: String?
    public var sessionIssuerArn: String?
    public var readOnly: Bool?

    /// Makes fields; everything but the time is optional.
    public init(
        eventID: String? = nil, time: Int64, eventSource: String? = nil, eventName: String? = nil,
        sourceIPAddress: String? = nil, userAgent: String? = nil, errorCode: String? = nil, awsRegion: String? = nil,
        recipientAccountId: String? = nil, identityType: String? = nil, arn: String? = nil, accessKeyId: String? = nil,
        principalId: String? = nil, accountId: String? = nil, sessionIssuerArn: String? = nil, readOnly: Bool? = nil
    ) {
        self.eventID = eventID
        self.time = time
        self.eventSource = eventSource
        self.eventName = eventName
        self.sourceIPAddress = sourceIPAddress
        self.userAgent = userAgent
        self.errorCode = errorCode
        self.awsRegion = awsRegion
        self.recipientAccountId = recipientAccountId
        self.identityType = identityType
        self.arn = arn
        self.accessKeyId = accessKeyId
        self.principalId = principalId
        self.accountId = accountId
        self.sessionIssuerArn = sessionIssuerArn
        self.readOnly = readOnly
    }
}
