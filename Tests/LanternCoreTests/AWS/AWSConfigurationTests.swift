import Foundation
import Testing

@testable import LanternCore

@Suite struct AWSConfigurationTests {
    /// A temporary HOME with ~/.aws/credentials and ~/.aws/config.
    static func home() throws -> URL {
        let home = try TestSupport.temporaryDirectory()
        let aws = home.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try """
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = default-secret

            # a comment
            [work]
            aws_access_key_id=AKIAWORK
            aws_secret_access_key=work-secret ; inline comment
            aws_session_token = work-token
            """.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try """
            [default]
            region = eu-west-1

            [profile work]
            region = ap-southeast-2
            endpoint_url = https://proxy.example.com
            s3 =
                addressing_style = path

            [profile config-only]
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = config-secret
            region = us-west-2

            [profile sso]
            sso_session = corp
            """.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        return home
    }

    @Test func environmentKeysWinOverDefaultProfile() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let config = try AWSConfiguration.resolve(environment: [
            "HOME": home.path, "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
            "AWS_SESSION_TOKEN": "env-token", "AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "ignored",
        ])
        #expect(config.credentials == AWSCredentials(
            accessKeyID: "AKIAENV", secretAccessKey: "env-secret", sessionToken: "env-token", source: "environment"))
        #expect(config.region == "us-east-2")
        #expect(try config.endpoint(for: .securityHub).absoluteString == "https://securityhub.us-east-2.amazonaws.com")
    }

    @Test func defaultProfileFromFiles() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let config = try AWSConfiguration.resolve(environment: ["HOME": home.path])
        #expect(config.credentials.accessKeyID == "AKIADEFAULT")
        #expect(config.credentials.secretAccessKey == "default-secret")
        #expect(config.credentials.sessionToken == nil)
        #expect(config.region == "eu-west-1")
        #expect(config.profile == "default")
    }

    @Test func namedProfileFromAWSProfileAndExplicitFlag() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let viaEnv = try AWSConfiguration.resolve(environment: ["HOME": home.path, "AWS_PROFILE": "work"])
        #expect(viaEnv.credentials.accessKeyID == "AKIAWORK")
        #expect(viaEnv.credentials.secretAccessKey == "work-secret")
        #expect(viaEnv.credentials.sessionToken == "work-token")
        #expect(viaEnv.region == "ap-southeast-2")
        #expect(try viaEnv.endpoint(for: .securityHub).absoluteString == "https://proxy.example.com")
        // An explicit --profile beats environment keys, as in the AWS CLI.
        let explicit = try AWSConfiguration.resolve(
            profile: "config-only", region: "sa-east-1",
            environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "x"])
        #expect(explicit.credentials.accessKeyID == "AKIACONFIG")
        #expect(explicit.region == "sa-east-1")
    }

    @Test func filesMovedByEnvironmentVariables() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let config = try AWSConfiguration.resolve(profile: "work", environment: [
            "HOME": "/nonexistent",
            "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent(".aws/credentials").path,
            "AWS_CONFIG_FILE": home.appendingPathComponent(".aws/config").path,
        ])
        #expect(config.credentials.accessKeyID == "AKIAWORK")
        #expect(config.region == "ap-southeast-2")
    }

    @Test func clearErrorsForMissingThings() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(throws: AWSError.self) { try AWSConfiguration.resolve(profile: "nope", environment: ["HOME": home.path]) }
        do {
            _ = try AWSConfiguration.resolve(environment: ["HOME": "/nonexistent"])
            Issue.record("resolved credentials from nothing")
        } catch {
            #expect("\(error)".contains("no AWS credentials"))
        }
        do {
            _ = try AWSConfiguration.resolve(profile: "sso", environment: ["HOME": home.path])
            Issue.record("resolved an SSO profile")
        } catch {
            #expect("\(error)".contains("SSO"))
        }
        do {
            _ = try AWSConfiguration.resolve(environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": "AKIAENV"])
            Issue.record("accepted a key without a secret")
        } catch {
            #expect("\(error)".contains("AWS_SECRET_ACCESS_KEY"))
        }
        let noRegion = try AWSConfiguration.resolve(
            environment: ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B"])
        #expect(throws: AWSError.self) { try noRegion.endpoint(for: .securityHub) }
        // Organizations is global: no region needed.
        #expect(try noRegion.endpoint(for: .organizations).absoluteString == "https://organizations.us-east-1.amazonaws.com")
    }

    @Test func endpointPrecedenceAndInsecureRefusal() throws {
        let base = ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B", "AWS_REGION": "us-east-1"]
        var env = base
        env["AWS_ENDPOINT_URL"] = "https://global.example.com"
        env["AWS_ENDPOINT_URL_SECURITYHUB"] = "http://127.0.0.1:4566"
        let config = try AWSConfiguration.resolve(environment: env)
        #expect(try config.endpoint(for: .securityHub).absoluteString == "http://127.0.0.1:4566")
        #expect(try config.endpoint(for: .organizations).absoluteString == "https://global.example.com")
        let flag = try AWSConfiguration.resolve(endpointURL: "http://localhost:5000", environment: env)
        #expect(try flag.endpoint(for: .securityHub).absoluteString == "http://localhost:5000")

        let remote = try AWSConfiguration.resolve(endpointURL: "http://proxy.example.com", environment: base)
        #expect(throws: AWSError.insecureEndpoint("http://proxy.example.com")) { try remote.endpoint(for: .securityHub) }
        let lookalike = try AWSConfiguration.resolve(endpointURL: "http://127.evil.example.com", environment: base)
        #expect(throws: AWSError.self) { try lookalike.endpoint(for: .securityHub) }
        let allowed = try AWSConfiguration.resolve(
            endpointURL: "http://proxy.example.com", allowInsecure: true, environment: base)
        #expect(try allowed.endpoint(for: .securityHub).absoluteString == "http://proxy.example.com")
    }

    @Test func errorsParseCodeAndMessageFromEveryShape() {
        let json = AWSResponse(status: 400, headers: [:], body: Data(
            #"{"__type": "AccountNotFoundException", "Message": "You specified an account that doesn't exist."}"#.utf8))
        #expect(json.error(service: "organizations") == .service(
            service: "organizations", status: 400, code: "AccountNotFoundException",
            message: "You specified an account that doesn't exist."))
        #expect(json.error(service: "organizations").category == .notFound)
        let prefixed = AWSResponse(status: 400, headers: [:], body: Data(
            #"{"__type": "com.amazonaws.x#ThrottlingException", "message": "Rate exceeded"}"#.utf8))
        #expect(prefixed.error(service: "x").category == .throttled)
        #expect(AWSClient.isRetryable(prefixed.error(service: "x")))
        let xml = AWSResponse(status: 403, headers: [:], body: Data(
            "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>bad sig</Message></Error></ErrorResponse>".utf8))
        #expect(xml.error(service: "sts").category == .badCredentials)
        #expect(!AWSClient.isRetryable(xml.error(service: "sts")))
        let header = AWSResponse(status: 403, headers: ["x-amzn-errortype": "AccessDeniedException:http://internal"], body: Data())
        #expect(header.error(service: "securityhub") == .service(
            service: "securityhub", status: 403, code: "AccessDeniedException", message: ""))
        #expect(AWSClient.isRetryable(.service(service: "s", status: 503, code: "ServiceUnavailable", message: "")))
        #expect("\(header.error(service: "securityhub"))".contains("lack permission"))
    }
}
