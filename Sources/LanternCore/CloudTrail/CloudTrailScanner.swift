/// Reads the indexed fields of one CloudTrail record straight from its bytes.
///
/// Members Lantern does not index are skipped without being built, which
/// keeps ingest fast; `requestParameters` and `responseElements` are parsed
/// only to find the resources and credentials they name.
public enum CloudTrailScanner {
    /// Why a record is not a usable CloudTrail event.
    public enum Rejection: Error, Equatable, CustomStringConvertible {
        case notCloudTrail
        case badTime(String?)
        case malformed(JSONError)

        public var description: String {
            switch self {
            case .notCloudTrail: return "not a CloudTrail record (no eventTime/eventName)"
            case .badTime(let text): return "eventTime is missing or invalid (\(text.map { "\"\($0)\"" } ?? "absent"))"
            case .malformed(let error): return "malformed JSON: \(error)"
            }
        }
    }

    /// Request-parameter names whose values name a bucket.
    static let bucketKeys: Set<String> = ["bucketName", "bucket", "Bucket"]

    /// Scans one record.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(Rejection) -> CloudTrailEvent {
        var spans = RawRecordElision.Spans()
        return try scan(bytes, spans: &spans)
    }

    /// Scans one record, noting in `spans` where the values a stored form
    /// leaves out lie in `bytes` (so the writer need not look for them again).
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, spans: inout RawRecordElision.Spans
    ) throws(Rejection) -> CloudTrailEvent {
        var cursor = JSONCursor(bytes)
        var event = CloudTrailEvent(time: 0)
        var timeText: String?
        var sawName = false
        do {
            try cursor.forEachMember { (key, c) throws(JSONError) in
                switch key {
                case "eventID": event.eventID = try string(.eventID, &c, &spans)
                case "eventTime": timeText = try string(.eventTime, &c, &spans)
                case "eventSource": event.eventSource = try string(.eventSource, &c, &spans)
                case "eventName":
                    event.eventName = try string(.eventName, &c, &spans)
                    sawName = event.eventName != nil
                case "awsRegion": event.awsRegion = try string(.awsRegion, &c, &spans)
                case "sourceIPAddress": event.sourceIPAddress = try string(.sourceIPAddress, &c, &spans)
                case "userAgent": event.userAgent = try string(.userAgent, &c, &spans)
                case "errorCode": event.errorCode = try string(.errorCode, &c, &spans)
                case "recipientAccountId": event.recipientAccountId = try string(.recipientAccountId, &c, &spans)
                case "readOnly":
                    switch try c.peek() {
                    case UInt8(ascii: "t"), UInt8(ascii: "f"): event.readOnly = try c.parseValue().boolValue
                    case UInt8(ascii: "\""): event.readOnly = try c.readString() == "true"
                    default: try c.skipValue()
                    }
                case "userIdentity": try scanIdentity(&c, into: &event, spans: &spans)
                case "resources": try scanResources(&c, into: &event)
                case "requestParameters":
                    if try c.peek() == UInt8(ascii: "{") {
                        collectResources(in: try c.parseValue(), key: "", into: &event.resources)
                    } else {
                        try c.skipValue()
                    }
                case "responseElements":
                    if try c.peek() == UInt8(ascii: "{") {
                        let response = try c.parseValue()
                        event.issuedAccessKey = response[path: "credentials", "accessKeyId"]?.nonEmptyString
                        event.issuedSession = response[path: "assumedRoleUser", "arn"]?.nonEmptyString
                            ?? response[path: "federatedUser", "arn"]?.nonEmptyString
                    } else {
                        try c.skipValue()
                    }
                default: try c.skipValue()
                }
            }
        } catch {
            throw .malformed(error)
        }
        guard sawName || timeText != nil else { throw .notCloudTrail }
        guard let timeText, let ms = Timestamp.milliseconds(timeText) else { throw .badTime(timeText) }
        event.time = ms
        return event
    }

    /// A string member's value (nil for null or any other kind of value),
    /// its contents' span noted as `field`'s.
    private static func string(
        _ field: RawRecordElision.Field, _ c: inout JSONCursor, _ spans: inout RawRecordElision.Spans
    ) throws(JSONError) -> String? {
        guard try c.peek() == UInt8(ascii: "\"") else {
            try c.skipValue()
            return nil
        }
        let start = c.offset + 1
        let value = try c.readString()
        spans[field] = start..<(c.offset - 1)
        return value
    }

    private static func scanIdentity(
        _ c: inout JSONCursor, into event: inout CloudTrailEvent, spans: inout RawRecordElision.Spans
    ) throws(JSONError) {
        guard try c.peek() == UInt8(ascii: "{") else { return try c.skipValue() }
        try c.forEachMember { (key, c) throws(JSONError) in
            switch key {
            case "type": event.identityType = try string(.identityType, &c, &spans)
            case "arn": event.arn = try string(.arn, &c, &spans)
            case "accessKeyId": event.accessKeyId = try string(.accessKeyId, &c, &spans)
            case "principalId": event.principalId = try string(.principalId, &c, &spans)
            case "accountId": event.accountId = try string(.accountId, &c, &spans)
            case "sessionContext":
                guard try c.peek() == UInt8(ascii: "{") else { return try c.skipValue() }
                let context = try c.parseValue()
                event.sessionIssuerArn = context[path: "sessionIssuer", "arn"]?.nonEmptyString
            default: try c.skipValue()
            }
        }
    }

    private static func scanResources(_ c: inout JSONCursor, into event: inout CloudTrailEvent) throws(JSONError) {
        guard try c.peek() == UInt8(ascii: "[") else { return try c.skipValue() }
        let resources = try c.parseValue()
        for resource in resources.arrayValue ?? [] {
            if let arn = (resource["ARN"] ?? resource["arn"])?.nonEmptyString {
                appendUnique(Observable(kind: .arn, arn), to: &event.resources)
            }
        }
    }

    /// Walks request parameters for values that name resources: ARNs,
    /// instance IDs, buckets and access keys.
    static func collectResources(in value: JSONValue, key: String, into resources: inout [Observable]) {
        switch value {
        case .string(let text):
            if text.hasPrefix("arn:") {
                appendUnique(Observable(kind: .arn, text), to: &resources)
            } else if bucketKeys.contains(key) {
                appendUnique(Observable(kind: .bucket, text), to: &resources)
            } else if text.hasPrefix("i-") {
                appendUnique(Observable(kind: .instanceId, text), to: &resources)
            } else if key == "accessKeyId" {
                appendUnique(Observable(kind: .accessKey, text), to: &resources)
            }
        case .array(let elements):
            for element in elements { collectResources(in: element, key: key, into: &resources) }
        case .object(let members):
            for member in members { collectResources(in: member.value, key: member.key, into: &resources) }
        case .null, .bool, .number:
            break
        }
    }

    private static func appendUnique(_ observable: Observable?, to list: inout [Observable]) {
        guard let observable, !list.contains(observable) else { return }
        list.append(observable)
    }
}
