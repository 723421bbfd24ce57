import Foundation
import Testing

/// The real `lantern` binary in a real terminal (tmux), on the demo database.
@Suite(.serialized) struct EndToEndTests {
    struct Run {
        let session: TmuxSession
        let directory: URL
        /// `stty -a` before the TUI started, without the size (which a resize changes).
        var before: String { modes("stty-before") }
        /// `stty -a` after the TUI exited, without the size.
        var after: String { modes("stty-after") }
        func modes(_ name: String) -> String {
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").dropFirst().joined(separator: "\n")
        }
        var pid: Int32? {
            (try? String(contentsOf: directory.appendingPathComponent("pid"), encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// Builds the demo database with the binary and starts the TUI on it in tmux,
    /// wrapped in a shell that records `stty -a` before and after and the exit status.
    static func start(width: Int = 120, height: Int = 40, arguments: [String] = [], environment: [String: String] = [:]) throws -> Run {
        let binary = try TUITestSupport.lanternBinary()
        let directory = try TUITestSupport.temporaryDirectory()
        let db = directory.appendingPathComponent("demo.db").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["demo", "--no-tui", "--db", db]
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TUITestFailure("lantern demo --no-tui failed") }
        let d = directory.path
        // The wrapper records the terminal modes before and after, the TUI's pid and its exit status.
        let script = """
            cd '\(d)'
            stty -a > '\(d)/stty-before'
            sh -c 'echo $$ > "$0/pid"; exec "$@"' '\(d)' '\(binary)' --db '\(db)' \(arguments.map { "'\($0)'" }.joined(separator: " "))
            echo "EXIT=$?"
            stty -a > '\(d)/stty-after'
            sleep 30
            """
        let scriptPath = directory.appendingPathComponent("run.sh").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        // Configuration and remembered state live in the run's folder, never the user's.
        let isolated = ["XDG_STATE_HOME": d + "/state", "XDG_CONFIG_HOME": d + "/config"].merging(environment) { $1 }
        let variables = isolated.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = "env TERM=tmux-256color LANG=C.UTF-8 \(variables) sh '\(scriptPath)'"
        return Run(session: try TmuxSession(command: command, width: width, height: height), directory: directory)
    }

    /// Starts the TUI again on the database of `run`, in a new tmux session.
    static func restart(_ run: Run, width: Int = 120, height: Int = 40) throws -> Run {
        let binary = try TUITestSupport.lanternBinary()
        let d = run.directory.path
        let command = "env TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(d)/state' XDG_CONFIG_HOME='\(d)/config' "
            + "sh -c 'cd \"$0\" && \"$1\" --db demo.db; echo EXIT=$?; sleep 30' '\(d)' '\(binary)'"
        return Run(session: try TmuxSession(command: command, width: width, height: height), directory: run.directory)
    }

    @Test func triageWalkthrough() throws {
        let run = try Self.start()
        let tmux = run.session
        defer { tmux.shutdown() }
        try tmux.waitFor("findings ·", "GetSecretValue", "SEVERITY")

        // Filter to bert-jan's secrets finding and open it.
        try tmux.keys("/")
        try tmux.type("GetSecretValue sev>=medium")
        try tmux.waitFor("(1 shown)")
        try tmux.keys("Enter")
        try tmux.keys("Enter")
        var screen = try tmux.waitFor("Reputation", "Ownership", "Activity", "AKIATFQR7NSC8Q4X20BJ", "events ·")
        // Real enrichment from the demo's bundled intel and ownership data.
        #expect(screen.contains("unknown: no intel source lists it"))
        #expect(screen.contains("long-term access key (IAM user or root)"))
        #expect(screen.contains("security-lab"))
        #expect(screen.contains("secretsmanager"))
        let activityRows = screen.split(separator: "\n").filter { $0.contains("secretsma") && $0.contains("GetSecretValue") }
        #expect(!activityRows.isEmpty, "no GetSecretValue rows in the activity table")
        #expect(screen.contains("192.168.10.20"))

        // Pivot to the source IP of the selected event, then come back.
        try tmux.keys("Tab", "l", "Enter")
        screen = try tmux.waitFor("IPv4 192.168.10.20", "Findings naming it", "Activity by day")
        #expect(screen.contains("RFC 1918 private network"))
        #expect(screen.contains("benign"))
        try tmux.keys("Escape")
        try tmux.waitUntil("the finding view again") { $0.contains("Observables (") && !$0.contains("Findings naming it") }

        // Pivot to an assumed-role session, then to the role behind it, and back twice.
        try tmux.keys(":")
        try tmux.type("arn arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1688990082523310002")
        try tmux.keys("Enter")
        // Wait for the enriched ownership (the catalog's owner), then go to the first value: the role.
        try tmux.waitFor("assumed-role session", "Seen with", "secops-lab@example.com")
        try tmux.keys("g", "Enter")
        screen = try tmux.waitFor("IAM role", "Sessions of this role")
        #expect(screen.contains("ARN arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role"))
        try tmux.keys("Escape")
        try tmux.waitFor("assumed-role session")
        try tmux.keys("Escape")
        try tmux.waitFor("Observables (", "AKIATFQR7NSC8Q4X20BJ")

        // Help overlay from the key table.
        try tmux.keys("?")
        try tmux.waitFor("Help · Finding", "halve the time window")
        try tmux.keys("Escape")
        try tmux.waitUntil("help closed") { !$0.contains("Help · Finding") }

        // Resize to the minimum and keep working.
        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitUntil("an 80-column redraw") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count <= 25 && screen.contains("Activity") && screen.contains("lantern ")
        }
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try tmux.keys("Escape")
        try tmux.waitFor("SEVERITY", "(1 shown)")

        // Quit: the terminal is restored.
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        try tmux.waitUntil("stty after") { _ in !run.after.isEmpty }
        #expect(run.before == run.after)
        #expect(!(try tmux.capture()).contains("SEVERITY"))
    }

    /// Verdict, star, note and export from the keyboard; the file is the
    /// case export and the verdict survives a restart.
    /// From the list: filters to the demo's GetSecretValue finding, opens it (no case yet), and
    /// presses `v` `t`.
    static func openSecretValueFindingAndJudgeItTruePositive(_ tmux: TmuxSession) throws {
        try tmux.keys("/")
        try tmux.type("GetSecretValue sev>=medium")
        try tmux.waitFor("(1 shown)")
        try tmux.keys("Enter", "Enter")
        try tmux.waitFor("Observables (", "AKIATFQR7NSC8Q4X20BJ", "events ·", "none (v, e or * makes one)")
        try tmux.keys("v")
        try tmux.waitFor("verdict: t true positive")
        try tmux.keys("t")
    }

    @Test func caseWorkflowFromTheKeyboard() throws {
        var run = try Self.start()
        let tmux = run.session
        try tmux.waitFor("findings ·", "GetSecretValue")
        try Self.openSecretValueFindingAndJudgeItTruePositive(tmux)
        try tmux.waitFor("verdict: true positive (case c-", "TRUE POS")

        // Star the first GetSecretValue event of the activity table (l puts the focus on the table).
        try tmux.keys("l", "/")
        try tmux.type("GetSecretValue")
        try tmux.keys("Enter", "*")
        let starred = try tmux.waitFor("starred event ")
        let line = try #require(starred.split(separator: "\n").first { $0.contains("starred event ") })
        let eventID = try #require(line.split(separator: " ").drop { $0 != "event" }.dropFirst().first).description
        try tmux.waitFor("1 starred", "★")

        try tmux.keys("e")
        try tmux.type("key used from the lab runner")
        try tmux.keys("Enter")
        try tmux.waitFor("note added to case", "1 note")

        try tmux.keys("x")
        let exported = try tmux.waitFor("exported case")
        #expect(!exported.contains("cannot"))
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        run.session.shutdown()

        let files = try FileManager.default.contentsOfDirectory(atPath: run.directory.path).filter {
            $0.hasPrefix("lantern-") && $0.hasSuffix(".json")
        }
        let name = try #require(files.first, "no export file in \(run.directory.path)")
        let path = run.directory.appendingPathComponent(name).path
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.contains { ($0["verdict"] as? String) == "true-positive" })
        let notes = try #require(json["notes"] as? [[String: Any]])
        #expect(notes.contains { ($0["text"] as? String) == "key used from the lab runner" })
        let starredEvents = try #require(json["starredEvents"] as? [[String: Any]])
        let starredEvent = try #require(starredEvents.first { ($0["eventID"] as? String) == eventID }, "\(starredEvents)")
        let trail = try #require(starredEvent["trail"] as? [[String: Any]])
        #expect(trail.first?["kind"] as? String == "finding")
        #expect((starredEvent["normalized"] as? [String: Any])?["eventName"] as? String == "GetSecretValue")

        // The verdict is in the store: a new TUI on the same database lists it.
        run = try Self.restart(run)
        defer { run.session.shutdown() }
        try run.session.waitFor("2900 events", "TRUE POS")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let run = try Self.start(width: 100, height: 30)
        defer { run.session.shutdown() }
        try run.session.waitFor("findings ·")
        try run.session.keys("C-c")
        try run.session.waitFor("EXIT=0")
        try run.session.waitUntil("stty after") { _ in !run.after.isEmpty }
        #expect(run.before == run.after)
    }

    @Test func sigtermAndSighupRestoreTheTerminal() throws {
        for (signal, status) in [(SIGTERM, 143), (SIGHUP, 129)] {
            let run = try Self.start(width: 100, height: 30)
            defer { run.session.shutdown() }
            try run.session.waitFor("findings ·")
            let pid = try #require(run.pid)
            kill(pid, signal)
            try run.session.waitFor("EXIT=\(status)")
            try run.session.waitUntil("stty after") { _ in !run.after.isEmpty }
            #expect(run.before == run.after)
        }
    }

    /// A verdict on a database file that became read-only (a read-only bind mount of the file,
    /// since root ignores file modes; needs root, fails without): the footer names the file and
    /// the reason, and the case is unchanged.
    @Test func verdictOnAReadOnlyDatabaseSaysWhy() throws {
        try #require(getuid() == 0, "needs root for a read-only bind mount; run the tests as root")
        let run = try Self.start(width: 250)  // the footer holds the whole message
        let tmux = run.session
        defer { tmux.shutdown() }
        let db = run.directory.appendingPathComponent("demo.db").path
        try tmux.waitFor("findings ·", "GetSecretValue")
        func system(_ tool: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "\(tool) \(arguments) failed")
        }
        try system("/bin/mount", ["--bind", db, db])
        defer { _ = try? system("/bin/umount", ["-l", db]) }
        try system("/bin/mount", ["-o", "remount,bind,ro", db])
        try Self.openSecretValueFindingAndJudgeItTruePositive(tmux)
        let screen = try tmux.waitFor("the case was not changed")
        #expect(screen.contains("the database file is not writable (Read-only file system)"), "\(screen)")
        #expect(!screen.contains("readonly database"), "\(screen)")
        #expect(screen.contains("none (v, e or * makes one)"))
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    /// A crash signal (here sent with kill) leaves the terminal as it was: the process dies of the
    /// signal (exit 128 + n), and tmux shows the main screen, a visible cursor, the tty modes from
    /// before the TUI, and text typed afterwards echoed by the terminal.
    @Test func crashSignalsRestoreTheTerminal() throws {
        for (signal, status) in [(SIGSEGV, 139), (SIGABRT, 134), (SIGBUS, 135), (SIGFPE, 136), (SIGQUIT, 131)] {
            let run = try Self.start(width: 100, height: 30)
            defer { run.session.shutdown() }
            try run.session.waitFor("findings ·")
            #expect(try run.session.format("alternate_on") == "1", "the TUI runs on the alternate screen")
            #expect(try run.session.format("cursor_flag") == "0", "the TUI hides the cursor")
            let pid = try #require(run.pid)
            kill(pid, signal)
            try run.session.waitFor("EXIT=\(status)")
            try run.session.waitUntil("stty after") { _ in !run.after.isEmpty }
            #expect(run.before == run.after, "signal \(signal): tty modes differ")
            #expect(try run.session.format("alternate_on") == "0", "signal \(signal): still on the alternate screen")
            #expect(try run.session.format("cursor_flag") == "1", "signal \(signal): cursor hidden")
            // The wrapper now sleeps: what is typed is echoed by the tty (echo and canonical mode on).
            try run.session.type("typed-after-crash")
            try run.session.waitFor("typed-after-crash")
        }
    }
}
