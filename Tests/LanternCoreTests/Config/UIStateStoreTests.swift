import Foundation
import Testing

@testable import LanternCore

/// The TUI state file: place, round trip, permissions, limits, bad files.
@Suite struct UIStateStoreTests {
    @Test func pathFollowsXDGStateHome() {
        #expect(UIStateStore(environment: ["XDG_STATE_HOME": "/st"]).path == "/st/lantern/state.json")
        #expect(UIStateStore(environment: [:]).path == NSHomeDirectory() + "/.local/state/lantern/state.json")
    }

    @Test func missingFileIsAnEmptyState() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try UIStateStore(path: directory.path + "/none/state.json").load() == UIState())
    }

    @Test func saveAndLoadRoundTripPrivately() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = UIStateStore(environment: ["XDG_STATE_HOME": directory.path])
        var state = UIState()
        state.filters["findings"] = "sev>=high -benign"
        state.sorts["findings"] = UIState.Sort(column: "time", descending: true)
        state.remember(observable: UIState.RecentObservable(kind: "ipv4", value: "203.0.113.9"))
        state.remember(command: "ip 203.0.113.9")
        try store.save(state)
        #expect(try store.load() == state)

        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: directory.path + "/lantern")
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        // Nothing but the file is left in the folder (the temporary file was renamed over it).
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/lantern") == ["state.json"])

        // The JSON, read independently.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store.path))) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        #expect((json["filters"] as? [String: String])?["findings"] == "sev>=high -benign")
        #expect(((json["recentObservables"] as? [[String: String]])?.first)?["value"] == "203.0.113.9")
        #expect(json["commandHistory"] as? [String] == ["ip 203.0.113.9"])

        // Saving again replaces the file.
        state.remember(command: "window -6h +2h")
        try store.save(state)
        #expect(try store.load().commandHistory == ["ip 203.0.113.9", "window -6h +2h"])
    }

    @Test func recentObservablesAreMostRecentFirstWithoutRepeatsAndCapped() {
        var state = UIState()
        let values = (0..<60).map { "10.0.0.\($0)" }
        for value in values { state.remember(observable: .init(kind: "ipv4", value: value)) }
        state.remember(observable: .init(kind: "ipv4", value: "10.0.0.30"))
        // Expected: 10.0.0.30, then 59…10 without 30, cut to 50.
        let expected = (["10.0.0.30"] + values.reversed().filter { $0 != "10.0.0.30" }).prefix(UIState.recentObservableLimit)
        #expect(state.recentObservables.map(\.value) == Array(expected))
    }

    @Test func commandHistoryKeepsTheNewestAndDropsAdjacentRepeats() {
        var state = UIState()
        for index in 0..<205 { state.remember(command: "ip 10.0.0.\(index)") }
        state.remember(command: "ip 10.0.0.204")
        state.remember(command: "")
        #expect(state.commandHistory.count == UIState.commandHistoryLimit)
        #expect(state.commandHistory.first == "ip 10.0.0.5")
        #expect(state.commandHistory.last == "ip 10.0.0.204")
    }

    @Test func badFilesAreErrorsNamingTheFile() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/state.json"
        let store = UIStateStore(path: path)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: UIStateStoreError.self) { try store.load() }
        try Data(#"{"version": 2, "filters": {}, "sorts": {}, "recentObservables": [], "commandHistory": []}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect(throws: UIStateStoreError(path: path, reason: "unknown version 2")) { try store.load() }
        let unwritable = UIStateStore(path: "/proc/lantern-cannot/state.json")
        #expect(throws: UIStateStoreError.self) { try unwritable.save(UIState()) }
    }
}
