import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

/// `L`: the reducer's side (effects, status line, reload when done).
@Suite struct LiveFetchReducerTests {
    typealias S = TUITestSupport

    @Test func withoutALiveSourceLSaysHowToGetOne() {
        var state = S.findingState()
        #expect(state.apply(.key(.character("L"))).isEmpty)
        #expect(state.flash?.text.contains("--source lookup") == true)
    }

    @Test func lFetchesShowsProgressCancelsAndReloadsTheActivity() throws {
        var state = S.findingState(width: 200, height: 50)
        state.liveSource = "lookup"
        guard case .finding(let view)? = state.top, let window = view.window else {
            Issue.record("no finding view")
            return
        }
        #expect(state.apply(.key(.character("L"))) == [.fetchLive(view: view.id, S.key, window)])
        _ = state.apply(.liveProgress(LiveActivityProgress(source: "lookup", phase: "LookupEvents AccessKeyId", pages: 2,
                                                          fetched: 100, stored: 40)))
        let status = RootView.render(state).lines.last ?? ""
        #expect(status.contains("LookupEvents AccessKeyId: 2 pages, 100 events, 40 new"), "\(status)")
        // L again cancels.
        #expect(state.apply(.key(.character("L"))) == [.cancelLive])
        #expect(RootView.render(state).lines.last?.contains("cancelling live fetch") == true)
        // Done with new events: the view's activity is queried again.
        let summary = LiveActivitySummary(source: "lookup", pages: 2, fetched: 100, stored: 40)
        let effects = state.apply(.liveFinished(view: view.id, .success(summary)))
        #expect(state.live == nil)
        #expect(state.flash?.text == "lookup: 100 fetched, 40 new, 0 already stored")
        guard case .loadActivity(let reloaded, let request)? = effects.first else {
            Issue.record("no activity reload: \(effects)")
            return
        }
        #expect(reloaded == view.id && request.observable == S.key)
        // A failure is shown, nothing reloads.
        _ = state.apply(.key(.character("L")))
        #expect(state.apply(.liveFinished(view: view.id, .failure(EffectError("AccessDeniedException: no")))).isEmpty)
        #expect(state.flash == Flash("AccessDeniedException: no", isError: true))
    }
}

/// `L` in the real binary, in tmux, against `scripts/aws-stub-server.py`
/// speaking CloudTrail LookupEvents' wire format on a loopback port.
@Suite(.serialized) struct LiveFetchEndToEndTests {
    static let key = "AKIA4HNRH6OJUWNZ893Z"

    /// The stub serving the CloudTrail files in `directory`; stopped (SIGKILL) by the caller.
    static func startStub(serving directory: String) throws -> (process: Process, port: Int) {
        try startStub(arguments: ["--cloudtrail", directory])
    }

    /// The stub started with `arguments` (`--cloudtrail DIR`, `--guardduty FILE`…); stopped (SIGKILL) by the caller.
    static func startStub(arguments: [String]) throws -> (process: Process, port: Int) {
        let script = TUITestSupport.packageRoot.appendingPathComponent("scripts/aws-stub-server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line is "PORT <n>"; wait for it at most 30 s.
        let reader = out.fileHandleForReading
        var line = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TUITestFailure("aws-stub-server.py did not start (said \(text.debugDescription))")
        }
        return (process, port)
    }

    /// The number of distinct events using `key` in the CloudTrail files below `directory` (read here, not by Lantern).
    static func events(using key: String, in directory: String) throws -> Int {
        var ids: Set<String> = []
        let files = FileManager.default.enumerator(atPath: directory)
        while let name = files?.nextObject() as? String {
            guard name.hasSuffix(".json") else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            let object = try JSONSerialization.jsonObject(with: data)
            let records = (object as? [String: Any])?["Records"] as? [[String: Any]] ?? (object as? [[String: Any]]) ?? []
            for record in records where (record["userIdentity"] as? [String: Any])?["accessKeyId"] as? String == key {
                if let id = record["eventID"] as? String { ids.insert(id) }
            }
        }
        return ids.count
    }

    @Test func lFetchesAKeysActivityFromLookupEventsIntoTheStore() throws {
        let detonations = TUITestSupport.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/cloudtrail/stratus-detonation/detonation-logs").path
        guard FileManager.default.fileExists(atPath: detonations) else {
            throw TUITestFailure("shared sample data missing at \(detonations)")
        }
        let expected = try Self.events(using: Self.key, in: detonations)
        #expect(expected > 0)
        let stub = try Self.startStub(serving: detonations)
        defer { kill(stub.process.processIdentifier, SIGKILL) }
        let run = try EndToEndTests.start(
            arguments: ["--source", "lookup", "--endpoint-url", "http://127.0.0.1:\(stub.port)"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret",
                          "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"])
        let tmux = run.session
        defer { tmux.shutdown() }
        try tmux.waitFor("findings ·")
        try tmux.keys(":")
        try tmux.type("key \(Self.key)")
        try tmux.keys("Enter")
        try tmux.waitFor("access key \(Self.key)", "no CloudTrail events name it")
        try tmux.keys("L")
        try tmux.waitFor("lookup: \(expected) fetched, \(expected) new, 0 already stored")
        try tmux.waitFor("· \(expected) events")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")

        // Cached: the local query (no stub needed) finds them.
        kill(stub.process.processIdentifier, SIGKILL)
        let binary = try TUITestSupport.lanternBinary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["activity", Self.key, "--db", run.directory.appendingPathComponent("demo.db").path, "--json"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((json["events"] as? [Any])?.count == expected)
    }
}
