import Foundation

/// A failure talking to AWS, with a one-line description fit for an analyst.
///
/// Descriptions never contain secrets: only service error codes, messages,
/// HTTP statuses, hosts and setting names.
public enum AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Credentials, region, profile or endpoint settings are missing or wrong.
    case configuration(String)
    /// The endpoint is plain HTTP to a non-loopback host and insecure use was not allowed.
    case insecureEndpoint(String)
    /// The service answered with an error (`__type` / `message`).
    case service(service: String, status: Int, code: String, message: String)
    /// The request never got an HTTP answer (DNS, connection refused, TLS...).
    case transport(String)
    /// The request timed out.
    case timeout(String)
    /// The answer was not what the protocol promises.
    case invalidResponse(String)
    /// A query the service ran (Athena) ended FAILED or CANCELLED.
    case queryFailed(service: String, state: String, reason: String)
    /// The caller cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .configuration(let message):
            return message
        case .insecureEndpoint(let url):
            return "refusing plain http to \(url): use https, or a loopback address for local testing"
        case .service(let service, let status, let code, let message):
            let hint: String
            switch AWSError.category(code: code, status: status) {
            case .badCredentials: hint = " (check the access key, secret and clock)"
            case .accessDenied: hint = " (the credentials lack permission)"
            case .throttled: hint = " (throttled; retries exhausted, try again later)"
            case .notFound, .other: hint = ""
            }
            let text = message.isEmpty ? "" : ": \(message)"
            return "\(service) \(code) (HTTP \(status))\(text)\(hint)"
        case .transport(let message):
            return "cannot reach AWS: \(message)"
        case .timeout(let message):
            return "AWS request timed out: \(message)"
        case .invalidResponse(let message):
            return "unexpected answer from AWS: \(message)"
        case .queryFailed(let service, let state, let reason):
            return "\(service) query \(state)" + (reason.isEmpty ? "" : ": \(reason)")
        case .cancelled:
            return "cancelled"
        }
    }

    /// Broad kinds of service error, for exit codes and retry decisions.
    public enum Category: Sendable, Equatable {
        case badCredentials
        case accessDenied
        case throttled
        case notFound
        case other
    }

    /// The broad kind of this error (``Category/other`` for non-service errors).
    public var category: Category {
        if case .service(_, let status, let code, _) = self { return AWSError.category(code: code, status: status) }
        return .other
    }

    static let credentialCodes: Set<String> = [
        "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException", "IncompleteSignature",
        "InvalidSignatureException", "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException",
        "InvalidAccessKeyId", "AuthFailure", "MissingAuthenticationTokenException",
    ]
    static let throttleCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    static func category(code: String, status: Int) -> Category {
        if credentialCodes.contains(code) { return .badCredentials }
        if throttleCodes.contains(code) || status == 429 { return .throttled }
        if code.hasPrefix("AccessDenied") || code == "UnauthorizedOperation" || code == "AWSOrganizationsNotInUseException" {
            return .accessDenied
        }
        if code.hasSuffix("NotFoundException") || code.hasSuffix("NotFound") || code == "ResourceNotFoundException" {
            return .notFound
        }
        if status == 403 { return .accessDenied }
        return .other
    }
}
