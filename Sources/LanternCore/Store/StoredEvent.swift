/// A CloudTrail event read back from the store: its indexed fields and
/// where its raw record is kept.
@dynamicMemberLookup
public struct StoredEvent: Sendable, Equatable {
    /// The event's row id in the store.
    public var rowID: Int64
    /// The indexed fields (`event.eventName` reads through to them).
    public var fields: EventFields
    var block: Int64
    var slot: Int

    /// Makes an event read back from row `rowID` (block and slot locate its raw record).
    public init(rowID: Int64, fields: EventFields, block: Int64 = 0, slot: Int = 0) {
        self.rowID = rowID
        self.fields = fields
        self.block = block
        self.slot = slot
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<EventFields, T>) -> T {
        fields[keyPath: keyPath]
    }

    /// The event's fields as JSON, in the documented order.
    public var json: JSONValue {
        let f = fields
        return .object([
            ("eventID", .optional(f.eventID)),
            ("eventTime", .string(Timestamp.string(milliseconds: f.time))),
            ("eventSource", .optional(f.eventSource)),
            ("eventName", .optional(f.eventName)),
            ("sourceIPAddress", .optional(f.sourceIPAddress)),
            ("userAgent", .optional(f.userAgent)),
            ("errorCode", .optional(f.errorCode)),
            ("awsRegion", .optional(f.awsRegion)),
            ("recipientAccountId", .optional(f.recipientAccountId)),
            ("readOnly", f.readOnly.map(JSONValue.bool) ?? .null),
            ("principal", .object([
                ("type", .optional(f.identityType)), ("arn", .optional(f.arn)),
                ("accessKeyId", .optional(f.accessKeyId)), ("principalId", .optional(f.principalId)),
                ("accountId", .optional(f.accountId)), ("sessionIssuer", .optional(f.sessionIssuerArn)),
            ])),
        ])
    }
}
