/// The fields of a CloudTrail record that Lantern indexes and shows.
///
/// The record itself is kept losslessly beside these (see ``Store``); this
/// is its normalised face.
@dynamicMemberLookup
public struct CloudTrailEvent: Sendable, Equatable {
    /// The indexed fields (`event.eventName` reads through to them).
    public var fields: EventFields
    /// ARNs and names of resources the event acted on (`resources[].ARN`,
    /// and request parameters naming resources), as observables.
    public var resources: [Observable] = []
    /// An access key the event issued (`responseElements.credentials.accessKeyId`).
    public var issuedAccessKey: String?
    /// An assumed-role session the event issued (`responseElements.assumedRoleUser.arn`).
    public var issuedSession: String?

    /// Makes an event at `time` with no other fields.
    public init(time: Int64) {
        fields = EventFields(time: time)
    }

    public subscript<T>(dynamicMember keyPath: WritableKeyPath<EventFields, T>) -> T {
        get { fields[keyPath: keyPath] }
        set { fields[keyPath: keyPath] = newValue }
    }

    /// The values this event is found by, with the part each plays.
    public var indexEntries: [(value: String, role: EventRole)] {
        var entries: [(String, EventRole)] = []
        func add(_ value: String?, _ role: EventRole) {
            if let value, !value.isEmpty { entries.append((value, role)) }
        }
        add(fields.sourceIPAddress, .sourceIP)
        add(fields.userAgent, .userAgent)
        add(fields.accessKeyId, .accessKey)
        add(fields.arn, .principalArn)
        add(fields.principalId, .principalId)
        add(fields.accountId, .account)
        add(fields.recipientAccountId, .recipientAccount)
        add(fields.sessionIssuerArn, .sessionIssuer)
        add(issuedAccessKey, .issuedAccessKey)
        add(issuedSession, .issuedSession)
        for resource in resources { add(resource.value, .resource) }
        return entries
    }
}
