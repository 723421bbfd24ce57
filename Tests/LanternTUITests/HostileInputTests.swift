import Foundation
import Testing

@testable import LanternCore

/// Attacker-written CloudTrail events and findings, through the real binary: ingest, the TUI in
/// tmux, the plain and JSON CLI, and case exports. Nothing from the data may act on the
/// analyst's terminal: no escape sequence, no window title, no clipboard write, no bell.
/// (Issue #9, "Terminal escape injection".)
@Suite(.serialized) struct HostileInputTests {
    static let key = "AKIAHOSTILE7EXAMPLE1"
    static let findingID = "hostile-finding-1"

    /// Every kind of hostile text the issue lists, in one string.
    static let payload = [
        "\u{1B}[2J\u{1B}[H",                         // CSI: clear the screen, home
        "\u{1B}]52;c;cm0gLXJmIH4=\u{07}",            // OSC 52: set the clipboard ("rm -rf ~")
        "\u{1B}]8;;https://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\", // OSC 8 hyperlink
        "\u{1B}]0;PWNED-TITLE\u{07}",                // OSC 0: window title
        "\u{9B}31m\u{9D}0;C1-TITLE\u{9C}\u{85}",     // C1 CSI, C1 OSC, ST, NEL
        "\u{07}\u{08}\u{0D}",                        // BEL, BS, CR
        "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}",  // bidi embeddings and overrides
        "\u{2066}\u{2067}\u{2068}\u{2069}",          // bidi isolates
        "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}",  // zero-width characters
    ].joined()

    /// Scalars that must never reach the terminal raw.
    static func unsafeScalars(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return true
            default: return false
            }
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = ""
        JSONWriter.appendQuoted(text, to: &out)
        return out
    }

    /// Writes the hostile CloudTrail events (JSON Lines) and the hostile ASFF finding.
    static func writeData(to directory: URL) throws {
        let p = payload
        var events: [String] = []
        for index in 0..<6 {
            let agent = jsonString("Boto3/1.26 \(p) agent-\(index)")
            let user = jsonString("evil\(p)user")
            // Short members too, so each kind is visible in the event view's truncated lines.
            let params = #"{"bidi":\#(jsonString("b\u{202E}\u{2066}\u{200B}")),"c1":\#(jsonString("c\u{9B}\u{85}\u{07}\u{08}\u{0D}")),"# +
                #""bucketName":\#(jsonString("bucket\(p)")),"key":\#(jsonString("k\(p)"))}"#
            events.append("""
                {"eventVersion":"1.08","eventTime":"2023-07-10T12:0\(index):00Z","eventSource":"s3.amazonaws.com",\
                "eventName":"GetObject","eventID":"hostile-\(index)","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.66",\
                "userAgent":\(agent),"requestParameters":\(params),\
                "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/mallory","accountId":"123456789012",\
                "accessKeyId":"\(key)","userName":\(user)},"recipientAccountId":"123456789012"}
                """)
        }
        try Data((events.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("hostile-trail.jsonl"))
        let title = jsonString("Evil title \(p) end")
        let finding = """
            {"SchemaVersion":"2018-10-08","Id":"\(findingID)","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/guardduty",\
            "GeneratorId":"g","AwsAccountId":"123456789012","Types":["TTPs/Initial Access"],\
            "CreatedAt":"2023-07-10T12:03:00Z","UpdatedAt":"2023-07-10T12:03:00Z","FirstObservedAt":"2023-07-10T12:00:00Z",\
            "LastObservedAt":"2023-07-10T12:05:00Z","Severity":{"Label":"CRITICAL"},"Title":\(title),\
            "Description":\(jsonString("Description \(p)")),\
            "Resources":[{"Type":"AwsIamAccessKey","Id":"\(key)","Details":{"AwsIamAccessKey":{"PrincipalName":\(jsonString("evil\(p)user")),"PrincipalId":"AIDAHOSTILE"}}}]}
            """
        try Data(finding.utf8).write(to: directory.appendingPathComponent("hostile-finding.json"))
    }

    /// Runs the binary; stdout is decoded as UTF-8.
    static func lantern(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TUITestSupport.lanternBinary())
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = HostileOutput()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { Thread.sleep(forTimeInterval: 0.01) }
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.get(), as: UTF8.self))
    }

    /// A database with the hostile data ingested.
    static func hostileDatabase() throws -> (directory: URL, db: String) {
        let directory = try TUITestSupport.temporaryDirectory()
        let input = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try writeData(to: input)
        let db = directory.appendingPathComponent("hostile.db").path
        let result = try lantern(["ingest", "--db", db, "--json", input.path])
        guard result.status == 0 else { throw TUITestFailure("ingest failed (\(result.status)): \(result.stdout) \(result.stderr)") }
        let summary = try JSONValue.parse(result.stdout)
        guard summary[path: "events", "stored"]?.intValue == 6, summary[path: "findings", "stored"]?.intValue == 1 else {
            throw TUITestFailure("hostile data not stored as expected: \(result.stdout)")
        }
        return (directory, db)
    }

    // MARK: - The TUI in tmux

    /// Every escape sequence in a `capture-pane -e` capture; the TUI's own styling is SGR only.
    static func nonSGRSequences(in capture: String) -> [String] {
        var found: [String] = []
        let scalars = Array(capture.unicodeScalars)
        var index = 0
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index].value == 0x1B else { continue }
            // ESC [ parameters m
            var end = index + 1
            if end < scalars.count, scalars[end] == "[" {
                end += 1
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" || scalars[end] == ":" { end += 1 }
                if end < scalars.count, scalars[end] == "m" {
                    index = end
                    continue
                }
            }
            let tail = scalars[index..<min(scalars.count, index + 12)].map { String(format: "%02x", $0.value) }.joined(separator: " ")
            found.append(tail)
        }
        return found
    }

    /// Checks one screen: only SGR escapes, no other raw control, and the escaped forms visible.
    static func checkScreen(_ session: TmuxSession, _ what: String, expectEscaped: [String]) throws {
        let styled = try session.run(["capture-pane", "-p", "-e", "-t", "t:0"])
        #expect(nonSGRSequences(in: styled).isEmpty, "\(what): escape sequences other than SGR: \(nonSGRSequences(in: styled))")
        let withoutEscapes = styled.unicodeScalars.filter { $0.value != 0x1B }
        let stray = unsafeScalars(in: String(String.UnicodeScalarView(withoutEscapes)))
        #expect(stray.isEmpty, "\(what): raw control or invisible characters on screen: \(stray.map { String($0.value, radix: 16) })")
        let plain = try session.run(["capture-pane", "-p", "-t", "t:0"])
        for text in expectEscaped {
            #expect(plain.contains(text), "\(what): '\(text)' is not shown escaped:\n\(plain)")
        }
    }

    @Test func hostileDataNeverActsOnTheTerminal() throws {
        let (directory, db) = try Self.hostileDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = try TUITestSupport.lanternBinary()
        let d = directory.path
        // The TUI starts once the test has set tmux up (a `go` file); after it exits, the wrapper
        // itself sends a title, an OSC 52 and a bell: the positive controls proving that tmux
        // would have shown each effect had the TUI let one through.
        let script = """
            while [ ! -f '\(d)/go' ]; do sleep 0.05; done
            '\(binary)' --db '\(db)'
            echo "EXIT=$?"
            printf '\\033]2;CONTROL-TITLE\\007\\033]52;c;Q09OVFJPTA==\\007\\007'
            echo CONTROLS-SENT
            sleep 30
            """
        try script.write(toFile: d + "/run.sh", atomically: true, encoding: .utf8)
        let session = try TmuxSession(command: "env TERM=tmux-256color LANG=C.UTF-8 sh '\(d)/run.sh'", width: 160, height: 45)
        defer { session.shutdown() }
        // tmux only turns an application's OSC 52 into a paste buffer with set-clipboard on.
        try session.run(["set-option", "-g", "set-clipboard", "on"], capture: false)
        try session.run(["set-option", "-g", "monitor-bell", "on"], capture: false)
        try session.run(["set-option", "-g", "allow-rename", "on"], capture: false)
        let titleBefore = try session.run(["display-message", "-p", "-t", "t:0", "#{pane_title}"])
        _ = FileManager.default.createFile(atPath: d + "/go", contents: nil)

        // The findings list: the hostile title, escaped.
        try session.waitFor("findings ·", "Evil title")
        try Self.checkScreen(session, "findings list", expectEscaped: ["Evil title \\x1b[2J\\x1b[H\\x1b]52;c;"])

        // The finding: its observables and the key's activity (hostile user agents).
        try session.keys("Enter")
        try session.waitFor(Self.key, "Activity", "GetObject")
        try Self.checkScreen(session, "finding view", expectEscaped: ["\\x1b"])

        // The event document: user agent, user name and request parameters in full.
        try session.keys("Tab")
        try session.keys("Enter")
        // It shows the record as JSON, so the escapes are JSON's.
        try session.waitFor("hostile-", "requestParameters")
        try Self.checkScreen(session, "event view", expectEscaped: [
            "\\u001b]52;c;cm0gLXJmIH4=\\u0007", "\\u001b]0;PWNED-TITLE", "\\u001b]8;;https://evil.example/",
            #""bidi": "b\u202e\u2066\u200b""#, #""c1": "c\u009b\u0085\u0007\u0008\r""#,
        ])

        // Search inside the view for the hostile text, then pivot to the user and back.
        try session.keys("Escape")
        try session.waitFor(Self.key, "Activity")
        try Self.checkScreen(session, "finding view again", expectEscaped: [])

        // Nothing was executed: no title, no clipboard buffer, no bell, screen not cleared.
        #expect(try session.run(["display-message", "-p", "-t", "t:0", "#{pane_title}"]) == titleBefore)
        #expect(try session.run(["list-buffers"]).isEmpty, "an OSC 52 from the data reached tmux's clipboard")
        #expect(try session.run(["display-message", "-p", "-t", "t:0", "#{window_bell_flag}"]).hasPrefix("0"))

        // Copying a hostile user agent (`y` on the activity's agent column) puts what the screen
        // shows on the clipboard: a paste of it cannot act on a shell (a CR would run a command,
        // `ESC [201~` would end a bracketed paste early).
        try session.keys("l", "l", "l", "l", "l", "l", "l", "l", "h", "y")
        try session.waitFor("copied Boto3/1.26")
        let copied = try session.waitUntil("the copy in tmux's buffer") { _ in
            !((try? session.run(["list-buffers"])) ?? "").isEmpty
        }
        _ = copied
        let buffer = try session.run(["show-buffer"])
        #expect(buffer.hasPrefix("Boto3/1.26 "), "\(buffer)")
        #expect(Self.unsafeScalars(in: buffer).isEmpty,
                "the clipboard got raw \(Self.unsafeScalars(in: buffer).map { String($0.value, radix: 16) })")
        #expect(buffer.contains("\\x1b[2J"))
        try session.run(["delete-buffer"], capture: false)

        // Positive controls: the same effects sent by the wrapper after the TUI exits do register.
        try session.keys("q")
        try session.waitFor("EXIT=0", "CONTROLS-SENT")
        try session.waitUntil("the control title") { _ in
            (try? session.run(["display-message", "-p", "-t", "t:0", "#{pane_title}"]))?.contains("CONTROL-TITLE") == true
        }
        #expect(try session.run(["show-buffer"]).contains("CONTROL"), "tmux did not record the control OSC 52")
        #expect(try session.run(["display-message", "-p", "-t", "t:0", "#{window_bell_flag}"]).hasPrefix("1"),
                "tmux did not flag the control bell, so the bell check proves nothing")
    }

    // MARK: - The CLI and exports

    @Test func cliAndExportsShowHostileTextEscaped() throws {
        let (directory, db) = try Self.hostileDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plainCommands = [
            ["findings", "--db", db],
            ["show", "--db", db, Self.findingID],
            ["activity", Self.key, "--db", db, "--from", "2023-07-10T11:00:00Z", "--to", "2023-07-10T13:00:00Z"],
            ["activity", Self.key, "--db", db, "--finding", Self.findingID],
            ["related", Self.findingID, "--db", db],
            ["enrich", Self.key, "--db", db],
        ]
        for arguments in plainCommands {
            let result = try Self.lantern(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(Self.unsafeScalars(in: result.stdout).isEmpty,
                    "\(arguments[0]): raw \(Self.unsafeScalars(in: result.stdout).map { String($0.value, radix: 16) }) on stdout")
            #expect(Self.unsafeScalars(in: result.stderr).isEmpty, "\(arguments[0]): raw control on stderr")
        }
        let show = try Self.lantern(["show", "--db", db, Self.findingID])
        #expect(show.stdout.contains("Evil title \\x1b[2J\\x1b[H\\x1b]52;c;cm0gLXJmIH4=\\x07"))
        #expect(show.stdout.contains("\\u202e") && show.stdout.contains("\\u2069") && show.stdout.contains("\\u200b"))
        let activity = try Self.lantern(["activity", Self.key, "--db", db, "--from", "2023-07-10T11:00:00Z", "--to", "2023-07-10T13:00:00Z"])
        #expect(activity.stdout.contains("\\x1b]0;PWNED-TITLE\\x07") || activity.stdout.contains("\\x1b"), "\(activity.stdout)")

        // JSON output: raw controls never appear; the values parse back to the original text.
        let jsonCommands = [
            ["findings", "--db", db, "--json"],
            ["show", "--db", db, Self.findingID, "--json"],
            ["activity", Self.key, "--db", db, "--from", "2023-07-10T11:00:00Z", "--to", "2023-07-10T13:00:00Z", "--json"],
        ]
        for arguments in jsonCommands {
            let result = try Self.lantern(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(Self.unsafeScalars(in: result.stdout).isEmpty, "\(arguments[0]) --json: raw control in JSON")
            #expect(result.stdout.contains("\\u001b"), "\(arguments[0]) --json: ESC not escaped as \\u001b")
            _ = try JSONValue.parse(result.stdout)
        }
        let shown = try JSONValue.parse(try Self.lantern(["show", "--db", db, Self.findingID, "--json"]).stdout)
        #expect(shown["title"]?.stringValue == "Evil title \(Self.payload) end")
        let events = try JSONValue.parse(try Self.lantern(
            ["activity", Self.key, "--db", db, "--from", "2023-07-10T11:00:00Z", "--to", "2023-07-10T13:00:00Z", "--json"]).stdout)
        let agents = (events["events"]?.arrayValue ?? []).compactMap { $0["userAgent"]?.stringValue }
        #expect(agents.count == 6, "\(events)")
        #expect(agents.allSatisfy { $0.hasPrefix("Boto3/1.26 \(Self.payload)") })

        // Case exports: JSON escapes, Markdown and STIX carry no raw control either.
        for format in ["json", "md", "stix"] {
            let out = directory.appendingPathComponent("case.\(format)").path
            let result = try Self.lantern(["case", "export", "--db", db, "--finding", Self.findingID, "--format", format, "-o", out])
            #expect(result.status == 0, "case export \(format): \(result.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(Self.unsafeScalars(in: text).isEmpty,
                    "case export \(format): raw \(Self.unsafeScalars(in: text).map { String($0.value, radix: 16) })")
            #expect(text.contains("Evil title"), "case export \(format) lacks the finding title")
            if format != "md" { _ = try JSONValue.parse(text) }
        }
    }
}

/// Standard error collected on another thread.
final class HostileOutput: @unchecked Sendable {
    private var data = Data()
    private var finished = false
    private let lock = NSLock()
    func set(_ value: Data) { lock.lock(); data = value; finished = true; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
}
