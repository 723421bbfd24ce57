import Foundation

/// An AWS access key, secret and optional session token.
///
/// The secret and token never appear in `description`, `debugDescription`
/// or any error message, so printing a value of this type is safe.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key ID (not secret; AWS tools print it).
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token for temporary credentials.
    public var sessionToken: String?
    /// Where the credentials came from, e.g. `environment` or `profile default`.
    public var source: String

    /// Makes credentials.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "explicit") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
    }

    /// The access key ID and source only; never the secret.
    public var description: String {
        "AWSCredentials(\(accessKeyID), secret: <redacted>\(sessionToken == nil ? "" : ", token: <redacted>"), from \(source))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }
}
