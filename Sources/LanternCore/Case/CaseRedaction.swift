/// Removes secrets from records before they leave the store: the values
/// of `sessionToken` and `secretAccessKey` members (any case, at any depth,
/// which covers CloudTrail `responseElements.credentials`) become "REDACTED".
public enum CaseRedaction {
    /// The member names whose values are replaced, lower-cased.
    public static let secretKeys: Set<String> = ["sessiontoken", "secretaccesskey"]
    /// The replacement text.
    public static let placeholder = "REDACTED"

    /// `value` with every secret member's value replaced.
    public static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map(redact))
        case .object(let members):
            return .object(members.map { member in
                if secretKeys.contains(member.key.lowercased()), !member.value.isNull {
                    return (member.key, .string(placeholder))
                }
                return (member.key, redact(member.value))
            })
        default:
            return value
        }
    }
}
