import Testing

@testable import LanternCore

@Suite("Identities")
struct IdentityTests {
    @Test func iamUserARN() throws {
        let arn = try #require(ARN("arn:aws:iam::123837392027:user/bert-jan"))
        #expect(arn.partition == "aws" && arn.service == "iam" && arn.region.isEmpty)
        #expect(arn.account == "123837392027")
        #expect(arn.resourceType == "user" && arn.resourceID == "bert-jan" && arn.path == "/")
        #expect(arn.userName == "bert-jan")
        #expect(arn.kindDescription == "IAM user")
        #expect(arn.description == "arn:aws:iam::123837392027:user/bert-jan")
    }

    @Test func pathsRolesAndSessions() throws {
        let role = try #require(ARN("arn:aws:iam::111122223333:role/service-role/team/Deployer"))
        #expect(role.path == "/service-role/team/" && role.roleName == "Deployer")
        let session = try #require(ARN("arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2-role/i-0abc123"))
        #expect(session.resourceType == "assumed-role")
        #expect(session.roleName == "stratus-red-team-ec2-role")
        #expect(session.sessionName == "i-0abc123")
        #expect(session.kindDescription == "assumed-role session")
        let root = try #require(ARN("arn:aws:iam::123456789012:root"))
        #expect(root.isRoot && root.kindDescription == "root user")
        let federated = try #require(ARN("arn:aws-us-gov:sts::123456789012:federated-user/alice"))
        #expect(federated.partition == "aws-us-gov" && federated.userName == "alice")
    }

    @Test func otherServicesAndBadInput() throws {
        let instance = try #require(ARN("arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"))
        #expect(instance.region == "us-east-1" && instance.resourceType == "instance")
        #expect(instance.resourceID == "i-0123456789abcdef0")
        let bucket = try #require(ARN("arn:aws:s3:::my-bucket/some/key.txt"))
        #expect(bucket.account.isEmpty && bucket.resourceType == nil && bucket.resourceID == "my-bucket/some/key.txt")
        let lambda = try #require(ARN("arn:aws:lambda:eu-west-1:123456789012:function:my-fn:PROD"))
        #expect(lambda.resourceType == "function" && lambda.resourceID == "my-fn:PROD")
        let policy = try #require(ARN("arn:aws:iam::aws:policy/AdministratorAccess"))
        #expect(policy.account == "aws" && policy.resourceID == "AdministratorAccess")
        for bad in [
            "", "arn:aws", "arn:aws:iam::12345:user/x", "urn:aws:iam::123456789012:user/x",
            "arn::iam::123456789012:user/x",
        ] {
            #expect(ARN(bad) == nil, "\(bad)")
        }
    }

    @Test func identifierKindsAndHumanNames() throws {
        let cases: [(String, AWSIdentifierKind)] = [
            ("AKIATFQR7NSC8Q4X20BJ", .accessKey), ("ASIATFQR7NSCS5BLNV76", .temporaryAccessKey),
            ("AIDATFQR7NSC5AU2ZV3IE", .user), ("AROATFQR7NSCWWVLB7BES", .role),
            ("AIPAJQABLZS4A3QDU576Q", .instanceProfile),
            ("ANPAJ2UCCR6DPCEMOLMRD", .managedPolicy), ("AGPAIOSFODNN7EXAMPLE", .group),
            ("APKAEIBAERJR2EXAMPLE", .publicKey),
            ("ASCAEXAMPLEEXAMPLE12", .certificate), ("ANVAEXAMPLEEXAMPLE12", .managedPolicyVersion),
        ]
        for (text, kind) in cases {
            let identifier = try #require(AWSIdentifier(text), "\(text)")
            #expect(identifier.kind == kind, "\(text)")
            #expect(!identifier.kind.humanName.isEmpty)
        }
        #expect(AWSIdentifier("AKIATFQR7NSC8Q4X20BJ")?.kind.isAccessKey == true)
        #expect(AWSIdentifier("AROATFQR7NSCWWVLB7BES:alice")?.kind == .role)
        #expect(AWSIdentifier.session(of: "AROATFQR7NSCWWVLB7BES:alice@example.com") == "alice@example.com")
        for bad in ["", "AKIA", "akiatfqr7nsc8q4x20bj", "XXXXTFQR7NSC8Q4X20BJ", "AKIA-TFQR7NSC8Q4X20B"] {
            #expect(AWSIdentifier(bad) == nil, "\(bad)")
        }
    }

    @Test func accountIDDecodedFromKeys() throws {
        // Published example (Aidan Steele, Tal Be'ery): ASIAY34FZKBOKMUTVV7A → 609629065308.
        #expect(AWSIdentifier("ASIAY34FZKBOKMUTVV7A")?.accountID == "609629065308")
        // The invictus CloudTrail sample: its session keys, user and role principal IDs all
        // encode 218007301253 (the account in its S3 file names; record fields are anonymised).
        #expect(AWSIdentifier("ASIATFQR7NSCS5BLNV76")?.accountID == "218007301253")
        #expect(AWSIdentifier("AIDATFQR7NSC5AU2ZV3IE")?.accountID == "218007301253")
        #expect(AWSIdentifier("AROATFQR7NSCWWVLB7BES")?.accountID == "218007301253")
        // Leading zeros are kept (value checked with the published Python decoder).
        #expect(AWSIdentifier("ASIAQNZGKIQY56JQ7WML")?.accountID == "029608264753")
        // Old-format keys (fifth character before Q) do not encode the account.
        #expect(AWSIdentifier("AKIAIOSFODNN7EXAMPLE")?.accountID == nil)
    }
}
