import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

/// What the TUI remembers between runs.
@Suite struct PersistenceTests {
    typealias S = TUITestSupport

    @Test func filterSortHistoryAndRecentValuesRoundTrip() throws {
        var state = S.loadedState()
        _ = state.apply(.key(.character("/")))
        for character in "sev>=high ip:192.168.10.20" { _ = state.apply(.key(.character(character))) }
        _ = state.apply(.key(.enter))
        _ = state.apply(.key(.character("s")))
        _ = state.apply(.key(.character(":")))
        for character in "ip 203.0.113.7" { _ = state.apply(.key(.character(character))) }
        _ = state.apply(.key(.enter))
        let saved = state.remembered(into: UIState())
        #expect(saved.filters["findings"] == "sev>=high ip:192.168.10.20")
        #expect(saved.sorts["findings"] == UIState.Sort(column: "time", descending: true))
        #expect(saved.commandHistory == ["ip 203.0.113.7"])
        #expect(saved.recentObservables == [UIState.RecentObservable(kind: "ipv4", value: "203.0.113.7")])

        var next = AppState(databasePath: "/data/lantern.db", themeName: "default")
        next.restore(saved)
        #expect(next.list.filterText == "sev>=high ip:192.168.10.20")
        #expect(next.list.sort == FindingSort(column: .time, descending: true))
        // The restored filter's observable term is asked for at start.
        #expect(next.startEffects == [.loadFindings, .countEvents, .resolveFilterTerm(S.ip)])
        // ↑ on the : line brings back the last command; Tab on an empty line offers recent values.
        _ = next.apply(.key(.character(":")))
        _ = next.apply(.key(.up))
        #expect(next.mode == .command(text: "ip 203.0.113.7"))
        _ = next.apply(.key(.escape))
        _ = next.apply(.key(.character(":")))
        _ = next.apply(.key(.tab))
        #expect(next.mode == .command(text: "obs 203.0.113.7"))
    }

    @Test func valuesThatNoLongerParseAreDropped() {
        var saved = UIState()
        saved.sorts["findings"] = UIState.Sort(column: "no-such-column", descending: false)
        saved.recentObservables = [UIState.RecentObservable(kind: "ipv4", value: "not an ip"),
                                   UIState.RecentObservable(kind: "accessKey", value: "AKIATFQR7NSC8Q4X20BJ")]
        var state = AppState(databasePath: "/data/lantern.db", themeName: "default")
        state.restore(saved)
        #expect(state.list.sort == FindingSort())
        #expect(state.recentObservables.map(\.value) == ["AKIATFQR7NSC8Q4X20BJ"])
    }
}

extension EndToEndTests {
    /// The real binary remembers the list's filter, the : history and recent values in $XDG_STATE_HOME.
    @Test func stateSurvivesARestart() throws {
        var run = try Self.start()
        try run.session.waitFor("findings ·", "GetSecretValue")
        try run.session.keys("/")
        try run.session.type("sev>=high")
        try run.session.keys("Enter", ":")
        try run.session.type("ip 192.168.10.20")
        try run.session.keys("Enter")
        try run.session.waitFor("IPv4 192.168.10.20", "Activity by day")
        try run.session.keys("Escape", "q")
        try run.session.waitFor("EXIT=0")
        run.session.shutdown()
        let file = run.directory.appendingPathComponent("state/lantern/state.json").path
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("sev>=high") && text.contains("192.168.10.20"))

        run = try Self.restart(run)
        defer { run.session.shutdown() }
        try run.session.waitFor("(4 shown)", "filter: sev>=high")
        try run.session.keys(":", "Up")
        try run.session.waitFor(":ip 192.168.10.20")
        try run.session.keys("Escape", ":", "Tab")
        try run.session.waitFor(":obs 192.168.10.20")
    }
}

extension EndToEndTests {
    /// Another `lantern ingest` writes to the database the TUI has open;
    /// the TUI keeps working and `R` shows the new findings.
    @Test func refreshShowsWhatAnotherIngestWrote() throws {
        let file = TUITestSupport.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/findings/asff-heimdall/prowler_sample.json").path
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
        let findings = try #require((object as? [String: Any])?["Findings"] as? [[String: Any]])
        let added = Set(findings.compactMap { $0["Id"] as? String }).count
        let run = try Self.start()
        defer { run.session.shutdown() }
        try run.session.waitFor("14 findings ·")
        let ingest = Process()
        ingest.executableURL = URL(fileURLWithPath: try TUITestSupport.lanternBinary())
        ingest.arguments = ["ingest", "--db", run.directory.appendingPathComponent("demo.db").path, file]
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardError = FileHandle.nullDevice
        try ingest.run()
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 0)
        try run.session.keys("j")
        try run.session.waitFor("14 findings ·")
        try run.session.keys("R")
        try run.session.waitFor("\(14 + added) findings ·")
    }
}
