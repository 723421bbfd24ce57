/// The fields of a CloudTrail record that Lantern indexes and shows.
///
/// The record itself is kept losslessly beside these (see ``Store``); this
/// is its normalised face.
public struct CloudTrailEvent: Sendable, Equatable {
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
    /// ARNs and names of resources the event acted on (`resources[].ARN`,
    /// and request parameters naming resources), as observables.
    public var resources: [Observable] = []
    /// An access key the event issued (`responseElements.credentials.accessKeyId`).
    public var issuedAccessKey: String?
    /// An assumed-role session the event issued (`responseElements.assumedRoleUser.arn`).
    public var issuedSession: String?

    /// Makes an event at `time` with no other fields.
    public init(time: Int64) {
        self.time = time
    }

    /// The values this event is found by, with the part each plays.
    public var indexEntries: [(value: String, role: EventRole)] {
        var entries: [(String, EventRole)] = []
        func add(_ value: String?, _ role: EventRole) {
            if let value, !value.isEmpty { entries.append((value, role)) }
        }
        add(sourceIPAddress, .sourceIP)
        add(userAgent, .userAgent)
        add(accessKeyId, .accessKey)
        add(arn, .principalArn)
        add(principalId, .principalId)
        add(accountId, .account)
        add(recipientAccountId, .recipientAccount)
        add(sessionIssuerArn, .sessionIssuer)
        add(issuedAccessKey, .issuedAccessKey)
        add(issuedSession, .issuedSession)
        for resource in resources { add(resource.value, .resource) }
        return entries
    }
}
