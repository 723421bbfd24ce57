/// The part a value plays in a CloudTrail event, as kept in the
/// correlation index (`event_index.role`).
public enum EventRole: Int64, CaseIterable, Sendable {
    case sourceIP = 1
    case userAgent = 2
    case accessKey = 3
    case principalArn = 4
    case principalId = 5
    case account = 6
    case recipientAccount = 7
    case sessionIssuer = 8
    case resource = 9
    /// An access key minted by the event (AssumeRole*, GetSessionToken, …).
    case issuedAccessKey = 10
    /// An assumed-role session ARN minted by the event.
    case issuedSession = 11

    /// The name used in JSON output.
    public var name: String {
        switch self {
        case .sourceIP: return "sourceIPAddress"
        case .userAgent: return "userAgent"
        case .accessKey: return "accessKeyId"
        case .principalArn: return "principalArn"
        case .principalId: return "principalId"
        case .account: return "accountId"
        case .recipientAccount: return "recipientAccountId"
        case .sessionIssuer: return "sessionIssuer"
        case .resource: return "resource"
        case .issuedAccessKey: return "issuedAccessKey"
        case .issuedSession: return "issuedSession"
        }
    }
}
