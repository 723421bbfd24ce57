import Testing

@testable import LanternCore

@Suite struct ObservableTests {
    @Test(arguments: [
        ("1.2.3.4", Observable.Kind.ipv4, "1.2.3.4"),
        ("2001:DB8:0:0:0:0:0:1", .ipv6, "2001:db8::1"),
        ("::ffff:10.0.0.1", .ipv4, "10.0.0.1"),
        ("10.1.2.3/8", .cidr, "10.0.0.0/8"),
        ("arn:aws:iam::123837392027:user/bert-jan", .arn, "arn:aws:iam::123837392027:user/bert-jan"),
        ("AKIATFQR7NSC8Q4X20BJ", .accessKey, "AKIATFQR7NSC8Q4X20BJ"),
        ("ASIATFQR7NSCTM3XVF6B", .accessKey, "ASIATFQR7NSCTM3XVF6B"),
        ("AIDATFQR7NSC5U6Q3TMDR", .principalId, "AIDATFQR7NSC5U6Q3TMDR"),
        ("AROATFQR7NSCZ4JK3WXYZ:session", .principalId, "AROATFQR7NSCZ4JK3WXYZ:session"),
        ("123837392027", .accountId, "123837392027"),
        ("i-0DBC91F429E48EEED", .instanceId, "i-0dbc91f429e48eeed"),
        ("D41D8CD98F00B204E9800998ECF8427E", .md5, "d41d8cd98f00b204e9800998ecf8427e"),
        ("da39a3ee5e6b4b0d3255bfef95601890afd80709", .sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("HTTPS://Evil.Example.COM/Path?q=1", .url, "https://evil.example.com/Path?q=1"),
        ("Admin@Example.com", .email, "Admin@example.com"),
        ("Evil.Example.COM.", .domain, "evil.example.com"),
    ])
    func detectsKindAndCanonicalForm(text: String, kind: Observable.Kind, canonical: String) throws {
        let observable = try #require(Observable(detecting: text))
        #expect(observable.kind == kind)
        #expect(observable.value == canonical)
    }

    @Test(arguments: ["", "035.249.253.232", "1.2.3", "999.1.1.1", "hello", "AKIA123", "arn:aws", "12345678901"])
    func rejectsWhatIsNoObservable(text: String) {
        let observable = Observable(detecting: text)
        #expect(observable == nil || observable?.kind == .domain && text.contains("."))
    }

    @Test func ipv6FormattingFollowsRFC5952() throws {
        #expect(IPAddress("2001:0db8:0000:0000:0001:0000:0000:0001")?.description == "2001:db8::1:0:0:1")
        #expect(IPAddress("::")?.description == "::")
        #expect(IPAddress("fe80::")?.description == "fe80::")
        #expect(IPAddress("1:2:3:4:5:6:7:8")?.description == "1:2:3:4:5:6:7:8")
        #expect(IPAddress("1::2::3") == nil)
        #expect(IPAddress("+1::") == nil)
        #expect(IPNetwork("1.2.3.0/+8") == nil)
        #expect(IPAddress("::ffff:1.2.3.4") == IPAddress("1.2.3.4"))
        #expect(IPNetwork("192.168.0.0/16")?.contains(try #require(IPAddress("192.168.10.20"))) == true)
        #expect(IPNetwork("192.168.0.0/16")?.contains(try #require(IPAddress("10.8.8.10"))) == false)
    }

    @Test func timestampsParseAndFormatInUTC() {
        #expect(Timestamp.normalize("2020-03-22T13:22:13.933Z") == "2020-03-22T13:22:13Z")
        #expect(Timestamp.normalize("2022-03-31T23:43:55+00:00") == "2022-03-31T23:43:55Z")
        #expect(Timestamp.normalize("2025-02-25 20:40:06.000000000") == "2025-02-25T20:40:06Z")
        #expect(Timestamp.normalize("2021-05-17T18:07:02.5-05:00") == "2021-05-17T23:07:02Z")
        #expect(Timestamp.milliseconds("2023-07-10T11:42:36Z") == 1_688_989_356_000)
        #expect(Timestamp.milliseconds("not a time") == nil)
        #expect(Timestamp.string(milliseconds: 0) == "1970-01-01T00:00:00Z")
    }

    @Test func sanitizeMakesControlsVisible() {
        #expect(TerminalText.sanitize("a\u{1B}[2Jb\u{7}\u{202E}c\u{9B}") == "a\\x1b[2Jb\\x07\\u202ec\\x9b")
        #expect(TerminalText.sanitize("plain ünïcode 中文") == "plain ünïcode 中文")
    }
}
