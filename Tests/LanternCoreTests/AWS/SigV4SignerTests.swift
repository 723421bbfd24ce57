import Foundation
import Testing

@testable import LanternCore

/// AWS's published Signature Version 4 test suite (region us-east-1, service
/// `service`, 2015-08-30T12:36:00Z) and the IAM example from the SigV4 docs.
@Suite struct SigV4SignerTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    struct Vector: Sendable, CustomStringConvertible {
        var name: String
        var method: String
        var url: String
        var headers: [String: String] = [:]
        var body = ""
        var signedHeaders: String
        var signature: String
        var description: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", method: "GET", url: "https://example.amazonaws.com/",
               signedHeaders: "host;x-amz-date",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "post-vanilla", method: "POST", url: "https://example.amazonaws.com/",
               signedHeaders: "host;x-amz-date",
               signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET",
               url: "https://example.amazonaws.com/?Param2=value2&Param1=value1",
               signedHeaders: "host;x-amz-date",
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "post-header-value-case", method: "POST", url: "https://example.amazonaws.com/",
               headers: ["My-Header1": "VALUE1"], signedHeaders: "host;my-header1;x-amz-date",
               signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(name: "get-header-value-trim", method: "GET", url: "https://example.amazonaws.com/",
               headers: ["My-Header1": " value1", "My-Header2": "\"a   b   c\""],
               signedHeaders: "host;my-header1;my-header2;x-amz-date",
               signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(name: "get-unreserved", method: "GET",
               url: "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               signedHeaders: "host;x-amz-date",
               signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector(name: "post-x-www-form-urlencoded", method: "POST", url: "https://example.amazonaws.com/",
               headers: ["Content-Type": "application/x-www-form-urlencoded"], body: "Param1=value1",
               signedHeaders: "content-type;host;x-amz-date",
               signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    ]

    @Test(arguments: vectors)
    func testSuiteVector(_ vector: Vector) throws {
        let url = try #require(URL(string: vector.url))
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
        let signed = signer.sign(
            method: vector.method, url: url, headers: vector.headers.map { ($0.key, $0.value) },
            body: Data(vector.body.utf8), date: Self.date)
        #expect(signed.signature == vector.signature)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)")
        #expect(signed.headers.contains { $0.name == "X-Amz-Date" && $0.value == "20150830T123600Z" })
    }

    @Test func canonicalRequestOfGetVanilla() throws {
        let url = try #require(URL(string: "https://example.amazonaws.com/"))
        let signed = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
            .sign(method: "GET", url: url, headers: [], body: Data(), date: Self.date)
        #expect(signed.canonicalRequest == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
    }

    /// The worked example in the SigV4 documentation (IAM ListUsers).
    @Test func documentedIAMExample() throws {
        let url = try #require(URL(string: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"))
        let signed = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "iam").sign(
            method: "GET", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Data(),
            date: Self.date)
        #expect(signed.signature == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
        #expect(signed.authorization.contains("SignedHeaders=content-type;host;x-amz-date,"))
    }

    @Test func sessionTokenIsSignedAndSentButSecretNeverPrinted() throws {
        let url = try #require(URL(string: "https://securityhub.us-east-1.amazonaws.com/findings"))
        var credentials = Self.credentials
        credentials.sessionToken = "TOKEN-VALUE"
        let signed = SigV4Signer(credentials: credentials, region: "us-east-1", service: "securityhub")
            .sign(method: "POST", url: url, headers: [], body: Data("{}".utf8), date: Self.date)
        #expect(signed.headers.contains { $0.name == "X-Amz-Security-Token" && $0.value == "TOKEN-VALUE" })
        #expect(signed.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        let printed = "\(credentials) \(String(reflecting: credentials))"
        #expect(!printed.contains(credentials.secretAccessKey))
        #expect(!printed.contains("TOKEN-VALUE"))
    }

    @Test func hostHeaderKeepsNonDefaultPort() throws {
        let url = try #require(URL(string: "http://127.0.0.1:5056/findings"))
        #expect(SigV4Signer.hostHeader(url) == "127.0.0.1:5056")
        let https = try #require(URL(string: "https://example.amazonaws.com:443/"))
        #expect(SigV4Signer.hostHeader(https) == "example.amazonaws.com")
    }
}
