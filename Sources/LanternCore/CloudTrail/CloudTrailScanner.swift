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
        var cursor = JSONCursor(bytes)
        var event = CloudTrailEvent(time: 0)
        var timeText: String?
        var sawName = false
        do {
            try cursor.forEachMember { (key, c) throws(JSONError) in
                switch key {
                case "eventID": event.eventID = try c.readOptionalString()
                case "eventTime": timeText = try c.readOptionalString()
                case "eventSource": event.eventSource = try c.readOptionalString()
                case "eventName":
                    event.eventName = try c.readOptionalString()
                    sawName = event.eventName != nil
                case "awsRegion": event.awsRegion = try c.readOptionalString()
                case "sourceIPAddress": event.sourceIPAddress = try c.readOptionalString()
                case "userAgent": event.userAgent = try c.readOptionalString()
                case "errorCode": event.errorCode = try c.readOptionalString()
                case "recipientAccountId": event.recipientAccountId = try c.readOptionalString()
                case "readOnly":
                    switch try c.peek() {
                    case UInt8(ascii: "t"), UInt8(ascii: "f"): event.readOnly = try c.parseValue().boolValue
                    case UInt8(ascii: "\""): event.readOnly = try c.readString() == "true"
                    default: try c.skipValue()
                    }
                case "userIdentity": try scanIdentity(&c, into: &event)
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

    private static func scanIdentity(_ c: inout JSONCursor, into event: inout CloudTrailEvent) throws(JSONError) {
        guard try c.peek() == UInt8(ascii: "{") else { return try c.skipValue() }
        try c.forEachMember { (key, c) throws(JSONError) in
            switch key {
            case "type": event.identityType = try c.readOptionalString()
            case "arn": event.arn = try c.readOptionalString()
            case "accessKeyId": event.accessKeyId = try c.readOptionalString()
            case "principalId": event.principalId = try c.readOptionalString()
            case "accountId": event.accountId = try c.readOptionalString()
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
