import Foundation
import Testing

@testable import LanternCore

/// CloudTrail LookupEvents: request building, the client-side throttle, and
/// paging/throttling/caching against `scripts/aws-stub-server.py`, which
/// speaks the wire format recorded in ../shared/docs/aws-wire/.
@Suite(.timeLimit(.minutes(1)))
struct CloudTrailLookupTests {
    static let detonations = "cloudtrail/stratus-detonation/detonation-logs"

    /// Events in the sample data matching `predicate`, read with JSONSerialization (not the project's parser).
    static func expectedEventIDs(_ predicate: ([String: Any]) -> Bool) throws -> Set<String> {
        let directory = try TestSupport.sharedData(detonations)
        var ids: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            let object = try JSONSerialization.jsonObject(with: data)
            let records = (object as? [String: Any])?["Records"] as? [[String: Any]] ?? object as? [[String: Any]] ?? []
            for record in records where predicate(record) {
                if let id = record["eventID"] as? String { ids.insert(id) }
            }
        }
        return ids
    }

    static func identity(_ record: [String: Any]) -> [String: Any] { record["userIdentity"] as? [String: Any] ?? [:] }

    @Test func requestBodyHasOneAttributeTimesInEpochSecondsAndFiftyPerPage() throws {
        let client = CloudTrailLookupClient(client: try AWSClient(
            configuration: AWSConfiguration(
                credentials: AWSCredentials(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "s"), region: "us-east-1",
                endpointURL: "http://127.0.0.1:1"),
            service: .cloudTrail))
        let query = CloudTrailLookupClient.Query(
            attribute: CloudTrailLookupAttribute(key: .username, value: "alice"), start: 1_795_780_800_000,
            end: 1_795_867_200_500)
        let body = JSONWriter(pretty: false).string(client.requestBody(query, nextToken: "tok123"))
        // The shape recorded in aws-wire/wire-cloudtrail-LookupEvents.txt (plus the fraction we keep).
        #expect(body == #"{"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"alice"}],"#
            + #""StartTime":1795780800,"EndTime":1795867200.500,"MaxResults":50,"NextToken":"tok123"}"#)
        #expect(client.pageSize == 50)
        #expect(CloudTrailLookupClient(client: client.client, pageSize: 500).pageSize == 50)
    }

    @Test func observablesMapToTheRightLookupAttribute() throws {
        func attribute(_ text: String) -> String? {
            Observable(detecting: text).flatMap(CloudTrailLookupAttribute.forObservable)?.description
        }
        #expect(attribute("AKIAW9X2Q2U25SK79UCX") == "AccessKeyId=AKIAW9X2Q2U25SK79UCX")
        #expect(attribute("arn:aws:iam::123456789012:user/alice") == "Username=alice")
        #expect(attribute("arn:aws:iam::123456789012:user/path/to/bob") == "Username=bob")
        #expect(attribute("arn:aws:sts::123456789012:assumed-role/Admin/alice-session") == "Username=alice-session")
        #expect(attribute("arn:aws:iam::123456789012:role/Admin") == "ResourceName=arn:aws:iam::123456789012:role/Admin")
        #expect(attribute("198.51.100.7") == nil)
        #expect(attribute("123456789012") == nil)
        #expect(CloudTrailLookupAttribute(parsing: "eventname=DeleteTrail") == CloudTrailLookupAttribute(key: .eventName, value: "DeleteTrail"))
        #expect(CloudTrailLookupAttribute(parsing: "SourceIP=1.2.3.4") == nil)
    }

    @Test func eventTimesParseFromEpochSecondsAndTheRecordFromItsJSONString() throws {
        let answer = try JSONValue.parse(#"""
            {"Events": [{"EventId": "e1", "EventName": "ConsoleLogin", "EventTime": 1795862400.25,
            "CloudTrailEvent": "{\"eventID\": \"e1\", \"eventTime\": \"2026-11-28T10:40:00Z\", \"eventName\": \"ConsoleLogin\"}"}]}
            """#)
        let events = try CloudTrailLookupClient.parse(page: answer)
        #expect(events.count == 1)
        #expect(events.first?.time == 1_795_862_400_250)
        #expect(events.first?.eventID == "e1")
        let recordText = String(decoding: events.first?.record ?? [], as: UTF8.self)
        #expect(recordText.contains("\"eventID\": \"e1\""))
        #expect(throws: AWSError.self) { try CloudTrailLookupClient.parse(page: .object([])) }
    }

    @Test func rateLimiterSpacesRequestsPerKeyWithoutRealSleeping() throws {
        let clock = FakeClock()
        let limiter = AWSRateLimiter(requestsPerSecond: 2, now: { clock.now }, sleep: { clock.advance($0) })
        var waits: [Double] = []
        for _ in 0..<5 { waits.append(try limiter.acquire(key: "acct/us-east-1")) }
        #expect(waits.map { ($0 * 1000).rounded() } == [0, 500, 500, 500, 500])
        #expect(abs(clock.now - 2.0) < 1e-9)
        // Another key has its own budget.
        #expect(try limiter.acquire(key: "acct/eu-west-1") == 0)
        // A cancelled token stops the wait.
        let cancellation = AWSCancellation()
        cancellation.cancel()
        #expect(throws: AWSError.cancelled) { try limiter.acquire(key: "acct/us-east-1", cancellation: cancellation) }
    }

    @Test func pagesThroughEveryEventNewestFirstAndCachesThemIdempotently() async throws {
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations)])
        defer { server.stop() }
        let key = "AKIAW9X2Q2U25SK79UCX"
        let expected = try Self.expectedEventIDs { Self.identity($0)["accessKeyId"] as? String == key }
        #expect(expected.count > 50, "the sample must need more than one page")
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }

        let clock = FakeClock()
        let limiter = AWSRateLimiter(requestsPerSecond: 2, now: { clock.now }, sleep: { clock.advance($0) })
        let query = CloudTrailLookupClient.Query(attribute: CloudTrailLookupAttribute(key: .accessKeyId, value: key))
        let (report, progress) = try await LiveTestSupport.blocking {
            let client = CloudTrailLookupClient(client: try server.client(.cloudTrail), limiter: limiter)
            var progress: [CloudTrailLookupSync.Report] = []
            let report = try CloudTrailLookupSync.run(client: client, query: query, into: try Store(path: db)) { progress.append($0) }
            return (report, progress)
        }
        let pages = (expected.count + 49) / 50
        #expect(report.pages == pages)
        #expect(report.fetched == expected.count)
        #expect(report.stored == expected.count)
        #expect(report.rejected.isEmpty)
        #expect(progress.count == pages)
        // The throttle asked for 0.5 s between requests (a fake clock: nothing really slept).
        #expect(abs(report.throttledSeconds - Double(pages - 1) * 0.5) < 1e-6)

        // On the wire: one attribute per call, MaxResults 50, the NextToken handed back.
        let requests = try server.requests()
        #expect(requests.count == pages)
        let bodies = try requests.map { try JSONValue.parse($0["body"] as? String ?? "") }
        #expect(bodies.allSatisfy { $0["LookupAttributes"]?.arrayValue?.count == 1 && $0["MaxResults"]?.intValue == 50 })
        #expect(bodies.first?["NextToken"] == nil)
        #expect(bodies.dropFirst().allSatisfy { $0["NextToken"]?.stringValue != nil })
        #expect(requests.allSatisfy { ($0["authorization"] as? String)?.contains("/us-east-1/cloudtrail/aws4_request") == true })

        // Cached: the local query now finds exactly these events.
        let local = try await LiveTestSupport.blocking { () -> Set<String> in
            let store = try Store(path: db)
            let observable = try #require(Observable(detecting: key))
            let activity = try Correlator(store: store).activity(of: observable, in: .all, query: .all, wholeRole: false, limit: 10_000)
            return Set(activity.events.compactMap(\.eventID))
        }
        #expect(local == expected)

        // Again: nothing new, all duplicates.
        let again = try await LiveTestSupport.blocking {
            try CloudTrailLookupSync.run(
                client: CloudTrailLookupClient(client: try server.client(.cloudTrail), limiter: limiter), query: query,
                into: try Store(path: db))
        }
        #expect(again.stored == 0)
        #expect(again.duplicate == expected.count)
    }

    @Test func throttlingExceptionIsRetriedWithBackoffAndTheSyncCompletes() async throws {
        // Every 2nd request is throttled: each page needs a retry.
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations), "--throttle", "2"])
        defer { server.stop() }
        let expected = try Self.expectedEventIDs { Self.identity($0)["userName"] as? String == "christophe" }
        let sleeps = SleepLog()
        var options = LiveTestSupport.clientOptions
        options.sleep = { sleeps.add($0) }
        options.maxAttempts = 4
        let clientOptions = options
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try await LiveTestSupport.blocking {
            let client = CloudTrailLookupClient(
                client: try server.client(.cloudTrail, options: clientOptions),
                limiter: AWSRateLimiter(requestsPerSecond: 2, now: { 0 }, sleep: { _ in }))
            return try CloudTrailLookupSync.run(
                client: client, query: .init(attribute: .init(key: .username, value: "christophe")), into: try Store(path: db))
        }
        #expect(report.fetched == expected.count)
        #expect(report.stored == expected.count)
        let requests = try server.requests()
        let pages = (expected.count + 49) / 50
        #expect(report.pages == pages)
        // Each page: a throttled attempt then a good one, with a backoff wait between.
        #expect(requests.count == 2 * pages - 1 || requests.count == 2 * pages)
        #expect(sleeps.count >= pages - 1)

        // Always throttled: retries run out, a clear error, no hang.
        let always = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations), "--throttle", "1"])
        defer { always.stop() }
        do {
            _ = try await LiveTestSupport.blocking {
                try CloudTrailLookupClient(client: try always.client(.cloudTrail, options: clientOptions),
                                           limiter: AWSRateLimiter(requestsPerSecond: 2, now: { 0 }, sleep: { _ in }))
                    .events(.init(attribute: .init(key: .username, value: "christophe"))) { _ in }
            }
            Issue.record("a permanently throttled lookup succeeded")
        } catch let error as AWSError {
            #expect(error.category == .throttled)
            #expect("\(error)".contains("ThrottlingException"))
        }
        #expect(try always.requests().count == 4)
    }

    @Test func cancellationStopsPagingPromptly() async throws {
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations)])
        defer { server.stop() }
        let cancellation = AWSCancellation()
        let pagesSeen = try await LiveTestSupport.blocking { () -> Int in
            let client = CloudTrailLookupClient(
                client: try server.client(.cloudTrail), limiter: AWSRateLimiter(requestsPerSecond: 1000))
            var pages = 0
            do {
                try client.events(.init(attribute: .init(key: .username, value: "christophe")), cancellation: cancellation) { _ in
                    pages += 1
                    cancellation.cancel()
                }
            } catch AWSError.cancelled {
                return pages
            }
            return -1
        }
        #expect(pagesSeen == 1)
        #expect(try server.requests().count == 1)
    }

    @Test func activitySourceLookupThroughTheCLICachesSoTheNextQueryIsLocal() async throws {
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations)])
        defer { server.stop() }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = "AKIA4HNRH6OJUWNZ893Z"
        let expected = try Self.expectedEventIDs { Self.identity($0)["accessKeyId"] as? String == key }
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret", "AWS_REGION": "us-east-1"]
        let live = try await LiveTestSupport.lantern(
            ["activity", key, "--db", db, "--source", "lookup", "--endpoint-url", server.endpoint, "--json"], environment: env)
        #expect(live.status == 0, "\(live.stderr)")
        let json = try JSONValue.parse(live.stdout)
        #expect(json["live"]?["attribute"]?.stringValue == "AccessKeyId")
        #expect(json["live"]?["fetched"]?.intValue == expected.count)
        #expect(json["live"]?["stored"]?.intValue == expected.count)
        let shown = Set(json["events"]?.arrayValue?.compactMap { $0["eventID"]?.stringValue } ?? [])
        #expect(shown == expected)

        // The next query is local: the stub is gone and the answer is the same.
        server.stop()
        let local = try await LiveTestSupport.lantern(["activity", key, "--db", db, "--json"])
        #expect(local.status == 0, "\(local.stderr)")
        let again = Set(try JSONValue.parse(local.stdout)["events"]?.arrayValue?.compactMap { $0["eventID"]?.stringValue } ?? [])
        #expect(again == expected)

        // An IP cannot be looked up: a usage error that says what to do instead.
        let ip = try await LiveTestSupport.lantern(
            ["activity", "198.51.100.7", "--db", db, "--source", "lookup", "--endpoint-url", server.endpoint], environment: env)
        #expect(ip.status == 64)
        #expect(ip.stderr.contains("--source athena"))
    }

    @Test func syncCloudTrailStoresOneAttributesEventsInTheWindow() async throws {
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations)])
        defer { server.stop() }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let from = "2024-07-31T00:00:00Z"
        let to = "2024-07-31T23:59:59Z"
        let expected = try Self.expectedEventIDs {
            Self.identity($0)["userName"] as? String == "christophe"
                && (($0["eventTime"] as? String) ?? "") >= from && (($0["eventTime"] as? String) ?? "") <= to
        }
        #expect(!expected.isEmpty)
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret", "AWS_REGION": "us-east-1"]
        let result = try await LiveTestSupport.lantern(
            ["sync", "cloudtrail", "--db", db, "--attribute", "username=christophe", "--from", from, "--to", to,
             "--endpoint-url", server.endpoint, "--json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONValue.parse(result.stdout)
        #expect(summary["fetched"]?.intValue == expected.count)
        #expect(summary["stored"]?.intValue == expected.count)
        let body = try JSONValue.parse(try server.requests().first?["body"] as? String ?? "")
        #expect(body["StartTime"]?.intValue == Timestamp.milliseconds(from).map { Int($0 / 1000) })
        #expect(body["EndTime"]?.intValue == Timestamp.milliseconds(to).map { Int($0 / 1000) })
        let bad = try await LiveTestSupport.lantern(
            ["sync", "cloudtrail", "--db", db, "--attribute", "SourceIPAddress=1.2.3.4", "--endpoint-url", server.endpoint],
            environment: env)
        #expect(bad.status == 64)
    }

    @Test func lookupErrorsExitNonZeroWithTheServiceCode() async throws {
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret", "AWS_REGION": "us-east-1"]
        let throttled = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations), "--throttle", "1"])
        defer { throttled.stop() }
        let slow = try await LiveTestSupport.lantern(
            ["activity", "AKIA4HNRH6OJUWNZ893Z", "--db", db, "--source", "lookup", "--endpoint-url", throttled.endpoint,
             "--max-attempts", "3"], environment: env)
        #expect(slow.status == 1)
        #expect(slow.stderr.contains("ThrottlingException") && slow.stderr.contains("retries exhausted"), "\(slow.stderr)")
        #expect(try throttled.requests().count == 3)

        let denied = try await AWSStubServer.start(["--deny"])
        defer { denied.stop() }
        let refused = try await LiveTestSupport.lantern(
            ["activity", "AKIA4HNRH6OJUWNZ893Z", "--db", db, "--source", "lookup", "--endpoint-url", denied.endpoint],
            environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("AccessDeniedException") && refused.stderr.contains("lack permission"), "\(refused.stderr)")
    }
}

/// A clock that only moves when slept on.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double = 0
    var now: Double {
        lock.lock()
        defer { lock.unlock() }
        return time
    }
    func advance(_ seconds: Double) {
        lock.lock()
        time += seconds
        lock.unlock()
    }
}

/// Records requested sleeps.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func add(_ value: Double) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return values.count
    }
}
