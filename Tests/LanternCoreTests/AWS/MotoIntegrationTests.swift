import Foundation
import Testing

@testable import LanternCore

/// Live-source tests against moto on loopback, with real SigV4 on the wire:
/// signature checking, credential resolution end to end through the CLI,
/// paged Security Hub sync of real ASFF, the Organizations catalog, and
/// error paths that must end with a clear message, never a hang.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct MotoIntegrationTests {
    static let iam = AWSService(signingName: "iam", endpointPrefix: "iam", environmentID: "IAM", globalRegion: "us-east-1")

    struct Keys: Sendable {
        var admin: (id: String, secret: String)
        var powerless: (id: String, secret: String)
    }

    /// IAM query-protocol call; returns the XML body.
    static func iamCall(_ client: AWSClient, _ parameters: [(String, String)]) throws -> String {
        let body = (parameters + [("Version", "2010-05-08")])
            .map { "\(SigV4Signer.uriEncode($0.0))=\(SigV4Signer.uriEncode($0.1))" }.joined(separator: "&")
        let response = try client.send(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Data(body.utf8))
        return String(decoding: response.body, as: UTF8.self)
    }

    /// With the free actions of `INITIAL_NO_AUTH_ACTION_COUNT=6`: an admin user
    /// with a key, and a user with a key and no policy.
    static func bootstrap(_ server: MotoServer) async throws -> Keys {
        try await LiveTestSupport.blocking {
            let client = try server.client(iam)
            _ = try iamCall(client, [("Action", "CreateUser"), ("UserName", "lantern")])
            let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
            let created = try iamCall(client, [("Action", "CreatePolicy"), ("PolicyName", "admin"), ("PolicyDocument", policy)])
            guard let arn = AWSResponse.xmlElement("Arn", in: created) else { throw TestFailure("CreatePolicy: \(created)") }
            _ = try iamCall(client, [("Action", "AttachUserPolicy"), ("UserName", "lantern"), ("PolicyArn", arn)])
            let adminXML = try iamCall(client, [("Action", "CreateAccessKey"), ("UserName", "lantern")])
            _ = try iamCall(client, [("Action", "CreateUser"), ("UserName", "powerless")])
            let powerlessXML = try iamCall(client, [("Action", "CreateAccessKey"), ("UserName", "powerless")])
            guard let adminID = AWSResponse.xmlElement("AccessKeyId", in: adminXML),
                let adminSecret = AWSResponse.xmlElement("SecretAccessKey", in: adminXML),
                let powerlessID = AWSResponse.xmlElement("AccessKeyId", in: powerlessXML),
                let powerlessSecret = AWSResponse.xmlElement("SecretAccessKey", in: powerlessXML)
            else { throw TestFailure("CreateAccessKey answers lack keys") }
            return Keys(admin: (adminID, adminSecret), powerless: (powerlessID, powerlessSecret))
        }
    }

    static func serviceError(_ work: @escaping @Sendable () throws -> Void) async -> AWSError? {
        do {
            try await LiveTestSupport.blocking(work)
            return nil
        } catch let error as AWSError {
            return error
        } catch {
            Issue.record("expected an AWSError, got \(error)")
            return nil
        }
    }

    @Test func signatureCheckingAcceptsTheRightSecretAndRejectsWrongSecretTamperedBodyAndUnknownKey() async throws {
        let server = try await MotoServer.start(environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "6"])
        defer { server.stop() }
        let keys = try await Self.bootstrap(server)
        let admin = keys.admin

        // Right secret: accepted (Security Hub REST-JSON and Organizations JSON 1.1).
        let pages = try await LiveTestSupport.blocking {
            let hub = SecurityHubClient(client: try server.client(.securityHub, accessKey: admin.id, secret: admin.secret))
            return try hub.findings(filters: SecurityHubFilters()) { _ in }
        }
        #expect(pages == 1)
        let organization = try await LiveTestSupport.blocking {
            try server.client(.organizations, accessKey: admin.id, secret: admin.secret).json(
                target: "AWSOrganizationsV20161128.CreateOrganization", body: .object([("FeatureSet", .string("ALL"))]))
        }
        #expect(organization["Organization"]?["Id"]?.stringValue?.hasPrefix("o-") == true)

        // Wrong secret: SignatureDoesNotMatch, reported as bad credentials, never containing the secret.
        let wrong = await Self.serviceError {
            let hub = SecurityHubClient(client: try server.client(.securityHub, accessKey: admin.id, secret: admin.secret + "x"))
            try hub.findings(filters: SecurityHubFilters()) { _ in }
        }
        let wrongError = try #require(wrong, "a wrong secret was accepted")
        guard case .service(_, let status, let code, _) = wrongError else { throw TestFailure("unexpected \(wrongError)") }
        #expect(status == 403)
        #expect(code == "SignatureDoesNotMatch")
        #expect(wrongError.category == .badCredentials)
        #expect(!"\(wrongError)".contains(admin.secret))

        // Tampered body: signed for one body, sent with another.
        let url = try #require(URL(string: server.endpoint + "/findings"))
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: admin.id, secretAccessKey: admin.secret), region: "us-east-1",
            service: "securityhub")
        let signedBody = Data(#"{"MaxResults":1}"#.utf8)
        let signature = signer.sign(method: "POST", url: url, headers: [("Content-Type", "application/json")], body: signedBody)
        let honest = try await LiveTestSupport.blocking {
            try LiveTestSupport.http("POST", url.absoluteString, headers: signature.headers, body: signedBody)
        }
        #expect(honest.status == 200)
        let tampered = try await LiveTestSupport.blocking {
            try LiveTestSupport.http("POST", url.absoluteString, headers: signature.headers, body: Data(#"{"MaxResults":2}"#.utf8))
        }
        #expect(tampered.status == 403)
        #expect(String(decoding: tampered.body, as: UTF8.self).contains("SignatureDoesNotMatch"))

        // A key moto never issued: InvalidClientTokenId, bad credentials.
        let unknown = await Self.serviceError {
            let hub = SecurityHubClient(client: try server.client(.securityHub, accessKey: "AKIAUNKNOWN000000000", secret: "x"))
            try hub.findings(filters: SecurityHubFilters()) { _ in }
        }
        #expect(unknown?.category == .badCredentials, "\(String(describing: unknown))")

        // A valid key without permissions: access denied.
        let powerless = keys.powerless
        let denied = await Self.serviceError {
            let hub = SecurityHubClient(client: try server.client(.securityHub, accessKey: powerless.id, secret: powerless.secret))
            try hub.findings(filters: SecurityHubFilters()) { _ in }
        }
        #expect(denied?.category == .accessDenied, "\(String(describing: denied))")
    }

    @Test func credentialsFromProfileAndEnvironmentWorkEndToEndAndBadOnesExitNonZero() async throws {
        let server = try await MotoServer.start(environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "6"])
        defer { server.stop() }
        let keys = try await Self.bootstrap(server)
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let aws = directory.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try """
            [moto]
            aws_access_key_id = \(keys.admin.id)
            aws_secret_access_key = \(keys.admin.secret)

            [wrong]
            aws_access_key_id = \(keys.admin.id)
            aws_secret_access_key = not-the-secret-\(keys.admin.secret.prefix(4))

            [powerless]
            aws_access_key_id = \(keys.powerless.id)
            aws_secret_access_key = \(keys.powerless.secret)
            """.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try """
            [profile moto]
            region = eu-west-1
            endpoint_url = \(server.endpoint)

            [profile wrong]
            region = eu-west-1
            """.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let home = ["HOME": directory.path]
        let secrets = [keys.admin.secret, keys.powerless.secret]

        // Profile from --profile, region and endpoint from ~/.aws/config.
        let byProfile = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--profile", "moto", "--json"], environment: home)
        #expect(byProfile.status == 0, "\(byProfile.stderr)")
        #expect(try JSONValue.parse(byProfile.stdout)["pages"]?.intValue == 1)

        // Profile from AWS_PROFILE.
        let byEnvProfile = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--json"], environment: home.merging(["AWS_PROFILE": "moto"]) { $1 })
        #expect(byEnvProfile.status == 0, "\(byEnvProfile.stderr)")

        // Environment keys and AWS_ENDPOINT_URL, no profile.
        let byEnvironment = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--json"],
            environment: home.merging([
                "AWS_ACCESS_KEY_ID": keys.admin.id, "AWS_SECRET_ACCESS_KEY": keys.admin.secret,
                "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": server.endpoint,
            ]) { $1 })
        #expect(byEnvironment.status == 0, "\(byEnvironment.stderr)")

        // Wrong secret in a profile: exit 1, the service code and a hint, no secret printed.
        let wrong = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--profile", "wrong", "--endpoint-url", server.endpoint], environment: home)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("SignatureDoesNotMatch"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("check the access key"))

        // No permissions: exit 1, access denied.
        let denied = try await LiveTestSupport.lantern(
            ["sync", "organizations", "--db", db, "--profile", "powerless", "--endpoint-url", server.endpoint],
            environment: home)
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("AccessDenied"), "\(denied.stderr)")
        #expect(denied.stderr.contains("lack permission"))

        // A missing profile: exit 1 naming it.
        let missing = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--profile", "nope"], environment: home)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("profile 'nope' not found"))

        for output in [byProfile, byEnvProfile, byEnvironment, wrong, denied, missing] {
            for secret in secrets {
                #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret), "a secret was printed")
            }
        }
    }

    /// Real ASFF findings from ../shared/data, counted here with JSONSerialization (not the project's parser).
    static func sampleFindings() throws -> (raw: [JSONValue], ids: Set<String>) {
        var raw: [JSONValue] = []
        var ids: Set<String> = []
        for file in ["findings/asff-heimdall/asff_sample.json", "findings/asff-heimdall/prowler_sample.json"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: try TestSupport.sharedData(file)))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let findings = try #require(object?["Findings"] as? [[String: Any]])
            ids.formUnion(findings.compactMap { $0["Id"] as? String })
            raw += try #require(try JSONValue.parse(data)["Findings"]?.arrayValue)
        }
        return (raw, ids)
    }

    @Test func securityHubSyncPagesRealFindingsIntoTheStoreIdempotently() async throws {
        let server = try await SharedMoto.instance.get()
        try await LiveTestSupport.blocking { try server.reset() }
        let (findings, ids) = try Self.sampleFindings()
        let imported = try await LiveTestSupport.blocking {
            let client = try server.client(.securityHub)
            _ = try client.restJSON(method: "POST", path: "/accounts", body: .object([]))
            return try client.restJSON(method: "POST", path: "/findings/import", body: .object([("Findings", .array(findings))]))
        }
        #expect(imported["SuccessCount"]?.intValue == ids.count)

        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let filters = try SecurityHubFilters(parsing: ["severity=CRITICAL,HIGH,MEDIUM,LOW,INFORMATIONAL"])
        let pageSize = 5
        let (report, progressCalls) = try await LiveTestSupport.blocking {
            let store = try Store(path: db)
            let client = SecurityHubClient(client: try server.client(.securityHub), pageSize: pageSize)
            var calls = 0
            let report = try SecurityHubSync.run(client: client, filters: filters, into: store) { _ in calls += 1 }
            return (report, calls)
        }
        let expectedPages = (ids.count + pageSize - 1) / pageSize
        #expect(report.pages == expectedPages)
        #expect(progressCalls == expectedPages)
        #expect(report.fetched == ids.count)
        #expect(report.rejected.isEmpty)
        #expect(report.tally.stored == ids.count)
        let stored = try await LiveTestSupport.blocking {
            let store = try Store(path: db)
            return try ids.filter { try store.finding(id: $0) != nil }.count
        }
        #expect(stored == ids.count)

        // The CLI against the same server: every finding already there, paging with another size.
        let cli = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--endpoint-url", server.endpoint, "--page-size", "7", "--json"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-secret", "AWS_REGION": "us-east-1"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let summary = try JSONValue.parse(cli.stdout)
        #expect(summary["pages"]?.intValue == (ids.count + 6) / 7)
        #expect(summary["fetched"]?.intValue == ids.count)
        #expect(summary["stored"]?.intValue == 0)
        #expect(summary["duplicate"]?.intValue == ids.count)
        let listed = try await LiveTestSupport.lantern(["findings", "--db", db, "--json"])
        #expect(try JSONValue.parse(listed.stdout).arrayValue?.count == ids.count)
    }

    @Test func organizationsCatalogWithOUPathsAndTags() async throws {
        let server = try await SharedMoto.instance.get()
        try await LiveTestSupport.blocking { try server.reset() }
        let account = try await LiveTestSupport.blocking { () -> String in
            let client = try server.client(.organizations)
            func call(_ operation: String, _ body: [(key: String, value: JSONValue)]) throws -> JSONValue {
                try client.json(target: "AWSOrganizationsV20161128." + operation, body: .object(body))
            }
            _ = try call("CreateOrganization", [("FeatureSet", .string("ALL"))])
            guard let root = try call("ListRoots", [])["Roots"]?.arrayValue?.first?["Id"]?.stringValue,
                let security = try call("CreateOrganizationalUnit", [("ParentId", .string(root)), ("Name", .string("Security"))])[
                    "OrganizationalUnit"]?["Id"]?.stringValue,
                let prod = try call("CreateOrganizationalUnit", [("ParentId", .string(security)), ("Name", .string("Prod"))])[
                    "OrganizationalUnit"]?["Id"]?.stringValue
            else { throw TestFailure("cannot build the OU tree") }
            let created = try call("CreateAccount", [
                ("Email", .string("sec-tools@example.com")), ("AccountName", .string("security-tools")),
                ("Tags", .array([
                    .object([("Key", .string("env")), ("Value", .string("prod"))]),
                    .object([("Key", .string("owner")), ("Value", .string("secops"))]),
                    .object([("Key", .string("cost-centre")), ("Value", .string("42"))]),
                ])),
            ])
            guard let account = created["CreateAccountStatus"]?["AccountId"]?.stringValue else {
                throw TestFailure("CreateAccount gave no AccountId")
            }
            _ = try call("MoveAccount", [
                ("AccountId", .string(account)), ("SourceParentId", .string(root)), ("DestinationParentId", .string(prod)),
            ])
            return account
        }

        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = try await LiveTestSupport.blocking {
            try OrganizationsSync.run(
                client: OrganizationsClient(client: try server.client(.organizations)), accountIDs: [account],
                into: try Store(path: db))
        }
        let record = try #require(records.first)
        #expect(record.id == account)
        #expect(record.name == "security-tools")
        #expect(record.ou == "Root/Security/Prod")
        #expect(record.owner == "secops")
        #expect(record.environment == "prod")
        #expect(record.tags["cost-centre"] == "42")

        let source = try await LiveTestSupport.blocking {
            try Store(path: db).enrichmentSources().first { $0.name == OrganizationsSync.defaultSourceName }
        }
        #expect(source?.file == .accountCatalog)
        #expect(source?.entries == 1)

        // Every account through the CLI: the management account and ours.
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-secret"]
        let all = try await LiveTestSupport.lantern(
            ["sync", "organizations", "--db", db, "--endpoint-url", server.endpoint, "--json"], environment: env)
        #expect(all.status == 0, "\(all.stderr)")
        let accounts = try #require(try JSONValue.parse(all.stdout).arrayValue)
        #expect(accounts.count == 2)
        #expect(accounts.contains { $0["id"]?.stringValue == account && $0["ou"]?.stringValue == "Root/Security/Prod" })

        // Ownership now knows the account.
        let enriched = try await LiveTestSupport.lantern(["enrich", account, "--db", db, "--json"])
        #expect(enriched.status == 0, "\(enriched.stderr)")
        #expect(enriched.stdout.contains("security-tools"))

        // An unknown account: exit 1 with the service's code.
        let unknown = try await LiveTestSupport.lantern(
            ["sync", "organizations", "--db", db, "--endpoint-url", server.endpoint, "--account", "000000000000"],
            environment: env)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("AccountNotFoundException"), "\(unknown.stderr)")
    }

    @Test func connectionRefusedAndSilentServersFailFastWithAClearMessage() async throws {
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-east-1"]
        // Nothing listens on a port just released.
        let port = try LiveTestSupport.freePort()
        let refused = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--endpoint-url", "http://127.0.0.1:\(port)", "--max-attempts", "2"],
            environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot reach AWS"), "\(refused.stderr)")

        // A server that accepts connections and never answers: the request timeout ends it.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(listener, 8) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let silentPort = Int(UInt16(bigEndian: address.sin_port))
        let silent = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--endpoint-url", "http://127.0.0.1:\(silentPort)", "--timeout", "1",
             "--max-attempts", "1"],
            environment: env)
        #expect(silent.status == 1)
        #expect(silent.stderr.contains("timed out"), "\(silent.stderr)")

        // Plain http to a non-loopback host is refused before any request.
        let insecure = try await LiveTestSupport.lantern(
            ["sync", "securityhub", "--db", db, "--endpoint-url", "http://198.51.100.1:1"], environment: env)
        #expect(insecure.status == 1)
        #expect(insecure.stderr.contains("refusing plain http"))
    }
}
