import Foundation

/// Credentials, region and endpoints resolved the way AWS tools resolve them.
///
/// Order: an explicit `--profile` uses that profile; otherwise
/// `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`) win,
/// then the profile named by `AWS_PROFILE` (or `default`) from
/// `~/.aws/credentials` then `~/.aws/config` (`AWS_SHARED_CREDENTIALS_FILE`
/// and `AWS_CONFIG_FILE` move them). Region: `--region`, `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, the profile's `region`. Endpoint: `--endpoint-url`,
/// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`,
/// then the public `https://<service>.<region>.amazonaws.com`.
public struct AWSConfiguration: Sendable {
    /// The resolved credentials.
    public var credentials: AWSCredentials
    /// The resolved region, when there is one.
    public var region: String?
    /// The profile the settings came from, when one was used.
    public var profile: String?
    /// `--endpoint-url`, when given.
    public var endpointOverride: String?
    /// `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>` and the profile's `endpoint_url`.
    var endpointSettings: [String: String]
    /// Whether plain http to a non-loopback host is allowed.
    public var allowInsecure: Bool

    /// Makes a configuration from explicit values (tests, embedding).
    public init(
        credentials: AWSCredentials, region: String?, endpointURL: String? = nil, allowInsecure: Bool = false
    ) {
        self.credentials = credentials
        self.region = region
        self.profile = nil
        self.endpointOverride = endpointURL
        self.endpointSettings = [:]
        self.allowInsecure = allowInsecure
    }

    /// Resolves settings from command-line values, the environment and the AWS files.
    /// - Throws: ``AWSError/configuration(_:)`` naming what is missing (never a secret).
    public static func resolve(
        profile explicitProfile: String? = nil, region explicitRegion: String? = nil, endpointURL: String? = nil,
        allowInsecure: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSError) -> AWSConfiguration {
        func env(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        let home = env("HOME") ?? NSHomeDirectory()
        let credentialsPath = env("AWS_SHARED_CREDENTIALS_FILE").map(expandTilde(home: home)) ?? home + "/.aws/credentials"
        let configPath = env("AWS_CONFIG_FILE").map(expandTilde(home: home)) ?? home + "/.aws/config"
        let credentialsFile = AWSConfigFile.load(path: credentialsPath, isConfig: false)
        let configFile = AWSConfigFile.load(path: configPath, isConfig: true)

        let profileName = explicitProfile ?? env("AWS_PROFILE") ?? env("AWS_DEFAULT_PROFILE") ?? "default"
        let fromCredentials = credentialsFile.settings(profileName)
        let fromConfig = configFile.settings(profileName)
        let profileExists = fromCredentials != nil || fromConfig != nil
        if explicitProfile != nil || env("AWS_PROFILE") != nil, !profileExists {
            throw .configuration("AWS profile '\(profileName)' not found in \(credentialsPath) or \(configPath)")
        }
        var settings = fromConfig ?? [:]
        settings.merge(fromCredentials ?? [:]) { _, credentialValue in credentialValue }

        var credentials: AWSCredentials?
        if explicitProfile == nil, let key = env("AWS_ACCESS_KEY_ID") {
            guard let secret = env("AWS_SECRET_ACCESS_KEY") else {
                throw .configuration("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            credentials = AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: env("AWS_SESSION_TOKEN"), source: "environment")
        } else if let key = settings["aws_access_key_id"], !key.isEmpty {
            guard let secret = settings["aws_secret_access_key"], !secret.isEmpty else {
                throw .configuration("AWS profile '\(profileName)' has aws_access_key_id but no aws_secret_access_key")
            }
            let token = settings["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            credentials = AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: token, source: "profile \(profileName)")
        }
        guard let credentials else {
            if settings["role_arn"] != nil || settings["sso_session"] != nil || settings["sso_start_url"] != nil
                || settings["credential_process"] != nil
            {
                throw .configuration(
                    "AWS profile '\(profileName)' uses role, SSO or credential_process settings, which lantern does not "
                        + "support yet: export temporary keys (e.g. `aws configure export-credentials --format env`)")
            }
            throw .configuration(
                "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile / AWS_PROFILE")
        }

        let region = explicitRegion ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? settings["region"]
        var endpoints: [String: String] = [:]
        if let url = settings["endpoint_url"] { endpoints["profile"] = url }
        if let url = env("AWS_ENDPOINT_URL") { endpoints["global"] = url }
        for (name, value) in environment where name.hasPrefix("AWS_ENDPOINT_URL_") && !value.isEmpty {
            endpoints[String(name.dropFirst("AWS_ENDPOINT_URL_".count))] = value
        }
        var configuration = AWSConfiguration(
            credentials: credentials, region: region, endpointURL: endpointURL, allowInsecure: allowInsecure)
        configuration.profile = profileExists ? profileName : nil
        configuration.endpointSettings = endpoints
        return configuration
    }

    /// The region to sign `service` requests for.
    /// - Throws: ``AWSError/configuration(_:)`` when no region is configured for a regional service.
    public func signingRegion(for service: AWSService) throws(AWSError) -> String {
        if let global = service.globalRegion { return global }
        guard let region, !region.isEmpty else {
            throw .configuration("no AWS region: use --region, AWS_REGION, AWS_DEFAULT_REGION or a profile's region")
        }
        return region
    }

    /// The endpoint for `service`, checked for scheme and insecure use.
    /// - Throws: ``AWSError/configuration(_:)`` for a malformed URL, ``AWSError/insecureEndpoint(_:)``
    ///   for plain http to a non-loopback host without `allowInsecure`.
    public func endpoint(for service: AWSService) throws(AWSError) -> URL {
        let text: String
        if let override = endpointOverride {
            text = override
        } else if let perService = endpointSettings[service.environmentID] {
            text = perService
        } else if let global = endpointSettings["global"] ?? endpointSettings["profile"] {
            text = global
        } else {
            let region = try signingRegion(for: service)
            text = "https://\(service.endpointPrefix).\(region).amazonaws.com"
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw .configuration("endpoint URL '\(text)' is not a valid http(s) URL")
        }
        switch scheme {
        case "https":
            return url
        case "http":
            if allowInsecure || AWSConfiguration.isLoopback(host) { return url }
            throw .insecureEndpoint(text)
        default:
            throw .configuration("endpoint URL '\(text)' must use https")
        }
    }

    /// Whether `host` is a loopback name or address.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && (Int($0) ?? 256) < 256 }
    }

    private static func expandTilde(home: String) -> (String) -> String {
        { path in path.hasPrefix("~/") ? home + path.dropFirst(1) : path }
    }
}
