/// The incident-response query pack, after AWS's credential-compromise
/// playbooks: each a named filter over a principal's or key's activity.
public enum IRQuery: String, CaseIterable, Sendable {
    /// Every call.
    case all
    /// Persistence: new users, keys, logins, policies, trust, functions, trails.
    case persistence
    /// Reading data and secrets.
    case dataAccess = "data-access"
    /// Moving to other roles or identities.
    case lateral
    /// Tampering with logging and detection.
    case defenseEvasion = "defense-evasion"
    /// Failed calls (AccessDenied bursts are reconnaissance).
    case errors

    /// One line on what the query finds.
    public var summary: String {
        switch self {
        case .all: return "all calls"
        case .persistence: return "CreateUser, CreateAccessKey, CreateLoginProfile, Attach*/Put*Policy, UpdateAssumeRolePolicy, CreateFunction, …"
        case .dataAccess: return "GetObject, GetSecretValue, GetParameter(s), GetItem, GetPasswordData, …"
        case .lateral: return "AssumeRole*, GetSessionToken, GetFederationToken, console federation"
        case .defenseEvasion: return "StopLogging, DeleteTrail, PutEventSelectors, DeleteDetector, LeaveOrganization, …"
        case .errors: return "calls that failed (errorCode set)"
        }
    }

    static let persistenceNames: Set<String> = [
        "CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "UpdateAssumeRolePolicy",
        "CreateRole", "CreateFunction", "CreateFunction20150331", "UpdateFunctionCode", "UpdateFunctionCode20150331v2",
        "AddPermission", "AddPermission20150331v2", "PublishLayerVersion", "UpdateFunctionConfiguration",
        "PutBucketPolicy", "PutBucketAcl", "CreateTrail", "AddUserToGroup", "CreateVirtualMFADevice",
        "EnableMFADevice", "CreatePolicyVersion", "SetDefaultPolicyVersion", "CreateTrustAnchor", "CreateProfile",
        "ModifySnapshotAttribute", "ModifyImageAttribute", "ModifyDBSnapshotAttribute", "AuthorizeSecurityGroupIngress",
        "CreateKeyPair", "ImportKeyPair", "RunInstances", "CreateSAMLProvider", "CreateOpenIDConnectProvider",
    ]
    static let dataAccessNames: Set<String> = [
        "GetObject", "CopyObject", "GetSecretValue", "BatchGetSecretValue", "GetParameter", "GetParameters",
        "GetParametersByPath", "GetItem", "BatchGetItem", "Scan", "Query", "GetPasswordData", "Decrypt",
        "GetQueryResults", "DownloadDBLogFilePortion", "GetLogEvents", "FilterLogEvents", "GetCredentialReport",
        "GetAccountAuthorizationDetails",
    ]
    static let lateralNames: Set<String> = [
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetSessionToken", "GetFederationToken",
        "SwitchRole", "GetRoleCredentials", "StartSession", "SendCommand", "ConsoleLogin",
    ]
    static let defenseEvasionNames: Set<String> = [
        "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteFlowLogs", "DeleteDetector",
        "UpdateDetector", "DisableSecurityHub", "DeleteConfigRule", "StopConfigurationRecorder",
        "DeleteConfigurationRecorder", "LeaveOrganization", "DeleteLogGroup", "DeleteLogStream",
        "PutBucketLifecycle", "DeleteBucketPolicy", "DisassociateFromMasterAccount", "DeleteMembers",
        "DeleteResolverQueryLogConfig",
    ]

    /// Whether `event` belongs to this query.
    public func matches(_ event: StoredEvent) -> Bool {
        matches(eventName: event.eventName, eventSource: event.eventSource, errorCode: event.errorCode)
    }

    /// Whether an event with these values belongs to this query (the only ones it looks at).
    func matches(eventName: String?, eventSource: String?, errorCode: String?) -> Bool {
        let name = eventName ?? ""
        switch self {
        case .all: return true
        case .persistence:
            return IRQuery.persistenceNames.contains(name)
                || (name.hasPrefix("Attach") && name.hasSuffix("Policy"))
                || (name.hasPrefix("Put") && name.hasSuffix("Policy") && eventSource == "iam.amazonaws.com")
        case .dataAccess: return IRQuery.dataAccessNames.contains(name)
        case .lateral: return IRQuery.lateralNames.contains(name)
        case .defenseEvasion: return IRQuery.defenseEvasionNames.contains(name)
        case .errors: return errorCode.map { !$0.isEmpty } ?? false
        }
    }
}
