import Foundation
import Testing

@testable import LanternCore

/// `aws.profile` and `aws.region` of the configuration reach the live sources, as
/// AWS_PROFILE/AWS_REGION would: the environment and the flags still win. Checked on the
/// SigV4 credential scope the LookupEvents stub receives.
@Suite(.serialized) struct AWSSettingsTests {
    /// The access key id and region of the first request's `Credential=AKID/date/REGION/service/aws4_request`.
    static func scope(_ server: AWSStubServer) throws -> (key: String, region: String) {
        let authorization = try #require(try server.requests().first?["authorization"] as? String)
        let credential = try #require(authorization.components(separatedBy: "Credential=").last?.split(separator: ",").first)
        let parts = credential.split(separator: "/").map(String.init)
        try #require(parts.count == 5, "\(authorization)")
        return (parts[0], parts[2])
    }

    @Test func configuredProfileAndRegionSignTheRequest() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try Data("[default]\naws_access_key_id = AKIADEFAULT000000000\naws_secret_access_key = d\n\n[ir]\naws_access_key_id = AKIAPROFILEIR0000000\naws_secret_access_key = s\n".utf8)
            .write(to: home.appendingPathComponent(".aws/credentials"))
        let config = directory.appendingPathComponent("config.toml").path
        try Data("database = \"l.db\"\n[aws]\nprofile = \"ir\"\nregion = \"eu-west-3\"\n".utf8).write(to: URL(fileURLWithPath: config))
        let base = ["HOME": home.path, "LANTERN_CONFIG": config]
        let arguments = ["sync", "cloudtrail", "--attribute", "username=christophe", "--from", "2024-07-31T00:00:00Z",
                         "--to", "2024-07-31T23:59:59Z", "--json"]

        func run(_ extraArguments: [String], _ environment: [String: String]) async throws -> (key: String, region: String) {
            let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs")])
            defer { server.stop() }
            let result = try await LiveTestSupport.lantern(arguments + ["--endpoint-url", server.endpoint] + extraArguments,
                                                          environment: base.merging(environment) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            return try Self.scope(server)
        }

        let fromFile = try await run([], [:])
        #expect(fromFile.key == "AKIAPROFILEIR0000000" && fromFile.region == "eu-west-3")
        let fromEnvironment = try await run([], ["AWS_PROFILE": "default", "AWS_REGION": "us-east-2"])
        #expect(fromEnvironment.key == "AKIADEFAULT000000000" && fromEnvironment.region == "us-east-2")
        let fromFlags = try await run(["--profile", "default", "--region", "ap-south-1"], [:])
        #expect(fromFlags.key == "AKIADEFAULT000000000" && fromFlags.region == "ap-south-1")
    }

    /// `[athena]` in the configuration runs `activity --source athena` without any Athena flag.
    @Test func configuredAthenaTableRunsTheQuery() async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        let key = "AKIAY964QRZ7YSGWGVUH"
        let (rows, ids) = try AthenaTests.sampleRows(accessKey: key)
        let payload = try AthenaTests.injectPayload(rows)
        try await LiveTestSupport.blocking {
            try AthenaTests.inject(server, body: payload)
            try AthenaTests.manualProgression(server)
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.toml").path
        try Data("database = \"l.db\"\n[athena]\ntable = \"security.cloudtrail_logs\"\noutput = \"s3://athena-results/\"\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-secret", "AWS_REGION": "us-east-1",
                   "LANTERN_CONFIG": config]
        let result = try await LiveTestSupport.lantern(
            ["activity", key, "--source", "athena", "--from", "2024-07-25T00:00:00Z", "--to", "2024-08-05T00:00:00Z",
             "--endpoint-url", server.endpoint, "--json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        #expect(json["live"]?["rows"]?.intValue == ids.count)
        #expect(json["live"]?["sql"]?.stringValue?.contains("cloudtrail_logs") == true, "\(json["live"]?["sql"]?.stringValue ?? "")")
    }
}
