import Foundation
import Testing

/// The real TUI, in tmux, open on a database while other `lantern` processes write to it
/// (issue #9: "The TUI stays usable while another `lantern ingest` or `sync` writes to the same
/// database; new data appears on refresh").
@Suite(.serialized) struct ConcurrentWriteTests {
    /// A `lantern` process whose output goes to temporary files (a pipe nobody reads while it
    /// runs could fill and stall the writer).
    struct Writer {
        let process: Process
        let base: String

        /// Starts the binary with `arguments`.
        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: try TUITestSupport.lanternBinary())
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardInput = FileHandle.nullDevice
            base = try TUITestSupport.temporaryDirectory().appendingPathComponent("writer").path
            for suffix in ["out", "err"] { _ = FileManager.default.createFile(atPath: base + "." + suffix, contents: nil) }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
            try process.run()
        }

        /// Waits for the exit; the status and what was written.
        func finish() -> (status: Int32, stdout: String, stderr: String) {
            process.waitUntilExit()
            let read = { (suffix: String) in (try? String(contentsOfFile: base + "." + suffix, encoding: .utf8)) ?? "" }
            defer { for suffix in ["out", "err"] { try? FileManager.default.removeItem(atPath: base + "." + suffix) } }
            return (process.terminationStatus, read("out"), read("err"))
        }
    }

    /// Runs the binary to completion.
    static func lantern(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Writer(arguments, environment: environment).finish()
    }

    static func findingCount(_ db: String) throws -> Int {
        let result = try lantern(["findings", "--db", db, "--json"])
        guard result.status == 0, let array = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any] else {
            throw TUITestFailure("lantern findings failed: \(result.stderr)")
        }
        return array.count
    }

    /// The pane with its styling (`capture-pane -e`): the selected row differs only in its colours.
    static func styled(_ session: TmuxSession) throws -> String {
        try session.run(["capture-pane", "-p", "-e", "-t", "t"])
    }

    /// Keys until `writer` exits: each `j`/`k` must redraw the list (the selection moves) within
    /// a few seconds, and no screen may say the database is locked or busy. `R` every few keys
    /// reloads in the middle of the writes. Returns how many keys were answered, and the slowest.
    static func keepTyping(_ session: TmuxSession, while writer: Process) throws -> (keys: Int, slowest: TimeInterval) {
        var keys = 0
        var slowest: TimeInterval = 0
        while writer.isRunning || keys < 4 {
            let before = try styled(session)
            let started = Date()
            // j and k alternate (the list has at least two rows), an R after every fifth move.
            let key = keys % 6 == 5 ? "R" : ((keys - keys / 6) % 2 == 0 ? "j" : "k")
            try session.keys(key)
            if key != "R" {
                try session.waitUntil("the selection to move after \(key)", cap: 10) { _ in
                    ((try? styled(session)) ?? before) != before
                }
                slowest = max(slowest, Date().timeIntervalSince(started))
            }
            let screen = try session.capture()
            for word in ["locked", "busy", "SQLite error", "cannot open"] {
                #expect(!screen.contains(word), "\(word) on screen during the writes:\n\(screen)")
            }
            keys += 1
        }
        return (keys, slowest)
    }

    @Test func tuiStaysResponsiveWhileIngestAndSyncWriteAndReloadShowsTheNewFindings() throws {
        let binary = try TUITestSupport.lanternBinary()
        let directory = try TUITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let d = directory.path
        let db = d + "/shared.db"
        let data = TUITestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
        guard FileManager.default.fileExists(atPath: data) else { throw TUITestFailure("shared sample data missing at \(data)") }
        let first = try Self.lantern(["ingest", "--db", db, data + "/findings/panther/asff_test_findings.jsonl"])
        #expect(first.status == 0, "\(first.stderr)")
        let initial = try Self.findingCount(db)
        // A generated CloudTrail tree big enough to keep the writer busy for seconds.
        let corpus = d + "/corpus"
        let generated = try Self.lantern(["bench", "corpus", "--events", "60000", "--out", corpus])
        #expect(generated.status == 0, "\(generated.stderr)")

        let command = "env TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(d)/state' XDG_CONFIG_HOME='\(d)/config' "
            + "sh -c 'cd \"$0\" && \"$1\" --db shared.db; echo EXIT=$?; sleep 30' '\(d)' '\(binary)'"
        let session = try TmuxSession(command: command, width: 120, height: 30)
        defer { session.shutdown() }
        try session.waitFor("\(initial) findings")

        // 1. `lantern ingest` of 60,000 events and the ASFF sample findings (the GuardDuty ones come by sync below).
        let ingest = try Writer(["ingest", "--db", db, "--json", corpus, data + "/findings/asff-asr", data + "/findings/asff-heimdall"])
        let typed = try Self.keepTyping(session, while: ingest.process)
        let (ingestStatus, ingestOut, ingestErrors) = ingest.finish()
        #expect([0, 65].contains(ingestStatus), "\(ingestErrors)")
        #expect(!ingestErrors.contains("locked"), "\(ingestErrors)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(ingestOut.utf8)) as? [String: Any])
        #expect((summary["events"] as? [String: Any])?["stored"] as? Int == 60_000)
        print("during ingest: \(typed.keys) keys answered, slowest \(typed.slowest) s")
        #expect(typed.keys >= 4)
        #expect(typed.slowest < 5, "a key took \(typed.slowest) s to show while the ingest wrote")

        let afterIngest = try Self.findingCount(db)
        #expect(afterIngest > initial)
        try session.keys("R")
        try session.waitFor("\(afterIngest) findings", "60000 events")

        // 2. `lantern sync guardduty` from the loopback stub: new findings from another writer.
        let stub = try LiveFetchEndToEndTests.startStub(arguments: ["--guardduty", data + "/findings/panther/guardduty_test_findings.jsonl"])
        defer { kill(stub.process.processIdentifier, SIGKILL) }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret", "AWS_REGION": "us-east-1",
                           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]
        let sync = try Writer(["sync", "guardduty", "--db", db, "--endpoint-url", "http://127.0.0.1:\(stub.port)", "--json"],
                                  environment: environment)
        _ = try Self.keepTyping(session, while: sync.process)
        let (syncStatus, syncOut, syncErr) = sync.finish()
        #expect(syncStatus == 0, "\(syncErr)")
        let synced = try #require(try JSONSerialization.jsonObject(with: Data(syncOut.utf8)) as? [String: Any])
        let stored = try #require(synced["stored"] as? Int)
        #expect(stored > 0, "\(synced)")
        let afterSync = try Self.findingCount(db)
        #expect(afterSync == afterIngest + stored)
        try session.keys("R")
        try session.waitFor("\(afterSync) findings")

        try session.keys("q")
        try session.waitFor("EXIT=0")
    }
}
