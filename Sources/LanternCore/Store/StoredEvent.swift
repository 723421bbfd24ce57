/// A CloudTrail event read back from the store: its indexed fields and
/// where its raw record is kept.
public struct StoredEvent: Sendable, Equatable {
    /// The event's row id in the store.
    public var rowID: Int64
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
    var block: Int64
    var slot: Int

    /// The event's fields as JSON, in the documented order.
    public var json: JSONValue {
        .object([
            ("eventID", .optional(eventID)),
            ("eventTime", .string(Timestamp.string(milliseconds: time))),
            ("eventSource", .optional(eventSource)),
            ("eventName", .optional(eventName)),
            ("sourceIPAddress", .optional(sourceIPAddress)),
            ("userAgent", .optional(userAgent)),
            ("errorCode", .optional(errorCode)),
            ("awsRegion", .optional(awsRegion)),
            ("recipientAccountId", .optional(recipientAccountId)),
            ("readOnly", readOnly.map(JSONValue.bool) ?? .null),
            ("principal", .object([
                ("type", .optional(identityType)), ("arn", .optional(arn)),
                ("accessKeyId", .optional(accessKeyId)), ("principalId", .optional(principalId)),
                ("accountId", .optional(accountId)), ("sessionIssuer", .optional(sessionIssuerArn)),
            ])),
        ])
    }
}
