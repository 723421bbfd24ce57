import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

/// The opt-in mouse: clicks select what is under them, the wheel scrolls.
@Suite struct MouseTests {
    typealias S = TUITestSupport

    @Test func clickSelectsAListRowAndTheWheelScrolls() {
        var state = S.loadedState()
        // Rows: breadcrumb 0, header 1, findings from row 2.
        _ = state.apply(.key(.mouse(MouseEvent(.click, x: 10, y: 4))))
        #expect(state.list.position.cursor == 2)
        _ = state.apply(.key(.mouse(MouseEvent(.wheelUp, x: 10, y: 4))))
        #expect(state.list.position.cursor == 0)
        _ = state.apply(.key(.mouse(MouseEvent(.wheelDown, x: 10, y: 4))))
        #expect(state.list.position.cursor == 3)
        // Below the last finding: nothing.
        _ = state.apply(.key(.mouse(MouseEvent(.click, x: 10, y: 30))))
        #expect(state.list.position.cursor == 3)
    }

    @Test func clicksInTheFindingViewFocusThePaneAndSelect() throws {
        var state = S.findingState()
        let screen = RootView.render(state)
        // The IP observable row, where it is drawn.
        let ipRow = try #require(screen.lines.firstIndex { $0.contains("· 192.168.10.20") })
        let effects = state.apply(.key(.mouse(MouseEvent(.click, x: 4, y: ipRow))))
        guard case .finding(let view)? = state.top else { return }
        #expect(view.selectedObservable == S.ip)
        #expect(effects.contains { if case .loadActivity = $0 { return true } else { return false } })
        // The GetCallerIdentity row of the activity table, in the SOURCE IP column.
        let eventRow = try #require(screen.lines.firstIndex { $0.contains("GetCallerIdentity") })
        let column = try #require(screen.lines[eventRow].range(of: "203.0.113.7"))
        let x = screen.lines[eventRow].distance(from: screen.lines[eventRow].startIndex, to: column.lowerBound)
        _ = state.apply(.key(.mouse(MouseEvent(.click, x: x, y: eventRow))))
        guard case .finding(let after)? = state.top, let events = after.activity?.value?.events else { return }
        #expect(after.focus == .activity)
        #expect(after.column == .ip)
        #expect(events[after.events.cursor].eventName == "GetCallerIdentity")
        #expect(state.valueUnderCursor() == "203.0.113.7")
    }

    @Test func mouseIsIgnoredWhileTyping() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("/")))
        _ = state.apply(.key(.mouse(MouseEvent(.click, x: 10, y: 4))))
        #expect(state.list.position.cursor == 0)
        #expect(state.mode == .filter(text: "", previous: ""))
    }
}

extension EndToEndTests {
    /// With `tui.mouse = true` the real binary takes clicks: an X10 mouse
    /// report typed into the pane selects the row under it.
    @Test func mouseClickSelectsARowInTheRealTerminal() throws {
        let run = try Self.start(environment: ["LANTERN_MOUSE": "true"])
        defer { run.session.shutdown() }
        try run.session.waitFor("findings ·", "GetSecretValue")
        let screen = try run.session.capture()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.contains("CreateAccessKey") })
        // ESC [ M, then button 0 (press) + 32, column + 33, row + 33 (X10 encoding, 0-based cell).
        let bytes: [UInt8] = [0x1B, 0x5B, 0x4D, 32, UInt8(33 + 20), UInt8(33 + row)]
        let press = String(decoding: bytes, as: UTF8.self)
        try run.session.type(press)
        try run.session.keys("y")
        try run.session.waitUntil("the clicked finding copied") { $0.contains("copied ") }
        let flash = try run.session.capture().split(separator: "\n").first { $0.contains("copied ") } ?? ""
        // y copies the selected finding's Id: the CreateAccessKey finding's.
        let show = try Self.showFinding(id: String(flash.split(separator: " ").last ?? ""), directory: run.directory)
        #expect(show.contains("CreateAccessKey"), "\(flash)")
    }

    /// `lantern show ID` on the run's database.
    static func showFinding(id: String, directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TUITestSupport.lanternBinary())
        process.arguments = ["show", id, "--db", directory.appendingPathComponent("demo.db").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
