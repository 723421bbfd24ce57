import Foundation
import Testing

@testable import LanternCore

/// The API a TUI uses for live activity: an async stream of progress that
/// ends with a summary, and cancellation by ending the stream, by cancelling
/// the task, or with Ctrl-C in the CLI.
@Suite(.timeLimit(.minutes(1)))
struct LiveActivityFetchTests {
    static let detonations = "cloudtrail/stratus-detonation/detonation-logs"

    static func request(_ server: AWSStubServer, _ value: String) throws -> LiveActivityRequest {
        var options = LiveTestSupport.clientOptions
        options.maxAttempts = 2
        return LiveActivityRequest(
            source: .lookup(attribute: nil, maxEvents: 5000),
            configuration: AWSConfiguration(
                credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "stub-secret"),
                region: "us-east-1", endpointURL: server.endpoint),
            options: options, observable: try #require(Observable(detecting: value)), window: .all)
    }

    @Test func updatesStreamProgressThenTheSummary() async throws {
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations)])
        defer { server.stop() }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Store(path: db)
        var progress: [LiveActivityProgress] = []
        var summary: LiveActivitySummary?
        for try await update in LiveActivityFetch.updates(try Self.request(server, "arn:aws:iam::123456789012:user/christophe"), storePath: db) {
            switch update {
            case .progress(let step): progress.append(step)
            case .finished(let done): summary = done
            }
        }
        let done = try #require(summary)
        #expect(done.attribute == CloudTrailLookupAttribute(key: .username, value: "christophe"))
        #expect(progress.count == done.pages && done.pages > 1)
        #expect(progress.last?.fetched == done.fetched)
        #expect(progress.last?.statusLine.contains("\(done.fetched) events") == true)
        #expect(done.stored == done.fetched)
    }

    @Test func endingTheStreamEarlyCancelsTheFetch() async throws {
        let server = try await AWSStubServer.start(["--cloudtrail", try TestSupport.sharedData(Self.detonations)])
        defer { server.stop() }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Store(path: db)
        let cancellation = AWSCancellation()
        let request = try Self.request(server, "arn:aws:iam::123456789012:user/christophe")
        // The consumer goes away after the first page; the dropped stream cancels the fetch.
        for try await update in LiveActivityFetch.updates(request, storePath: db, cancellation: cancellation) {
            if case .progress = update { break }
        }
        for _ in 0..<100 where !cancellation.isCancelled { try await Task.sleep(for: .milliseconds(20)) }
        #expect(cancellation.isCancelled)
        // The worker notices before its next request (the shared 2 req/s throttle sleeps in short, cancellable steps).
        try await Task.sleep(for: .milliseconds(800))
        #expect(try server.requests().count <= 2)
    }

    @Test func cancellingTheTaskCancelsTheToken() async throws {
        let token = AWSCancellation()
        let started = AWSCancellation()
        let task = Task {
            try await AWSBackground.run(cancellation: token) { token in
                started.cancel()
                while !token.isCancelled { usleep(10_000) }
                throw AWSError.cancelled
            }
        }
        while !started.isCancelled { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        await #expect(throws: AWSError.cancelled) { try await task.value }
        #expect(token.isCancelled)
    }

    @Test func lookupForAnUnsearchableKindIsAClearError() throws {
        let request = LiveActivityRequest(
            source: .lookup(attribute: nil, maxEvents: 10),
            configuration: AWSConfiguration(credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "B"), region: "us-east-1"),
            observable: try #require(Observable(detecting: "198.51.100.7")), window: .all)
        #expect(throws: AWSError.self) { try request.lookupAttribute() }
    }

    @Test func ctrlCStopsARunningAthenaQueryAndExits130() async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        // The query stays QUEUED (a thousand polls per state), so only Ctrl-C ends the wait.
        try await LiveTestSupport.blocking {
            let body = Data(#"{"model_name":"athena::execution","transition":{"progression":"manual","times":1000}}"#.utf8)
            _ = try LiveTestSupport.http(
                "POST", server.endpoint + "/moto-api/state-manager/set-transition",
                headers: [("Content-Type", "application/json")], body: body)
        }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let athena = try server.client(.athena)
        let result = try await LiveTestSupport.lantern(
            ["activity", "AKIAY964QRZ7YSGWGVUH", "--db", db, "--source", "athena", "--athena-table", "cloudtrail_logs",
             "--endpoint-url", server.endpoint],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-secret", "AWS_REGION": "us-east-1"]
        ) { pid in
            // Wait until the query exists, then interrupt.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let listed = try athena.json(target: "AmazonAthena.ListQueryExecutions", body: .object([]))
                if listed["QueryExecutionIds"]?.arrayValue?.isEmpty == false { break }
                usleep(100_000)
            }
            usleep(300_000)
            kill(pid, SIGINT)
        }
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stderr.contains("cancelled"))
        let state = try await LiveTestSupport.blocking { () -> String? in
            let listed = try athena.json(target: "AmazonAthena.ListQueryExecutions", body: .object([]))
            guard let id = listed["QueryExecutionIds"]?.arrayValue?.first?.stringValue else { return nil }
            let execution = try athena.json(
                target: "AmazonAthena.GetQueryExecution", body: .object([("QueryExecutionId", .string(id))]))
            return execution[path: "QueryExecution", "Status", "State"]?.stringValue
        }
        #expect(state == "CANCELLED")
    }

    @Test func ctrlCDuringASyncAbandonsTheRequestInFlightAndExits130() async throws {
        // A server that accepts and never answers: the request would wait for its 30 s timeout.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        #expect(bound == 0 && listen(listener, 8) == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await LiveTestSupport.lantern(
            ["sync", "guardduty", "--db", db, "--endpoint-url", "http://127.0.0.1:\(port)", "--timeout", "30"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-east-1"]
        ) { pid in
            // Interrupt once the request is on the wire (a connection is waiting to be accepted).
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 20_000) == 1 else { throw TestFailure("lantern never connected") }
            usleep(200_000)
            kill(pid, SIGINT)
        }
        #expect(result.status == 130, "\(result.stderr)")
        // Cancelled, not timed out: the 30 s request was abandoned.
        #expect(result.stderr.contains("cancelled") && !result.stderr.contains("timed out"))
    }
}
