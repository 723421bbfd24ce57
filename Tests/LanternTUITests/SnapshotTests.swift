import Testing

@testable import LanternCore
@testable import LanternTUI

/// Whole screens rendered into a `Screen` and compared as text plus a style layer.
/// Record with `RECORD_SNAPSHOTS=1 swift test --filter LanternTUITests`.
@Suite struct SnapshotTests {
    typealias S = TUITestSupport

    @Test(arguments: [(80, 24), (120, 40)])
    func findingsList(width: Int, height: Int) throws {
        try S.assertSnapshot(RootView.render(S.loadedState(width: width, height: height)), named: "findings-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40), (220, 50)])
    func findingView(width: Int, height: Int) throws {
        var state = S.findingState(width: width, height: height)
        _ = state.apply(.key(.tab))
        try S.assertSnapshot(RootView.render(state), named: "finding-\(width)x\(height)")
    }

    @Test func findingLayoutFitsThePanes() {
        #expect(FindingLayout(content: AppLayout(width: 80, height: 24).content).arrangement == .stacked)
        #expect(FindingLayout(content: AppLayout(width: 120, height: 40).content).arrangement == .pairAbove)
        #expect(FindingLayout(content: AppLayout(width: 220, height: 50).content).arrangement == .sideBySide)
    }

    @Test func profileView() throws {
        var state = S.findingState()
        _ = state.apply(.key(.character("j")))
        _ = state.apply(.key(.character("j")))
        let effects = state.apply(.key(.enter))
        guard case .loadProfile(let view, let observable)? = effects.first else {
            Issue.record("no profile effect")
            return
        }
        #expect(observable == S.ip)
        let profile = ObservableProfile(
            observable: S.ip, findings: [S.findings[0], S.findings[1]],
            dailyCounts: [("2023-07-09", 12), ("2023-07-10", 2154)],
            coOccurring: [(S.user, 2104), (S.key, 2104)], firstSeen: S.events.first?.time, lastSeen: S.events.last?.time,
            totalEvents: 2166)
        _ = state.apply(.profileLoaded(view: view, .success(ProfileData(profile: profile, chain: [], sessions: []))))
        _ = state.apply(.enriched(asked: [S.ip], found: [:]))
        try S.assertSnapshot(RootView.render(state), named: "profile-120x40")
    }

    @Test func helpOverlay() throws {
        var state = S.loadedState(width: 80, height: 24)
        _ = state.apply(.key(.character("?")))
        try S.assertSnapshot(RootView.render(state), named: "help-80x24")
    }

    @Test func filterLineAndEmptyResult() throws {
        var state = S.loadedState(width: 80, height: 24)
        _ = state.apply(.key(.character("/")))
        for character in "nothing-matches-this" { _ = state.apply(.key(.character(character))) }
        try S.assertSnapshot(RootView.render(state), named: "filter-empty-80x24")
    }

    @Test func emptyDatabaseSaysHowToLoadData() {
        var state = AppState(databasePath: "/tmp/none.db", themeName: "default")
        _ = state.apply(.findingsLoaded(.success(FindingsPayload(findings: [], accountNames: [:]))))
        _ = state.apply(.eventsCounted(.success(0)))
        let text = RootView.render(state).lines.joined(separator: "\n")
        #expect(text.contains("lantern ingest PATH"))
        #expect(text.contains("lantern demo"))
    }

    @Test func hostileUserAgentRendersEscapedInTheActivityTable() {
        var state = S.findingState(width: 220, height: 50)
        _ = state.apply(.key(.tab))
        _ = state.apply(.key(.character("G")))
        let screen = RootView.render(state)
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains(#"Boto3/1.26 \x1b]52;c;ZXZpbA=="#))
        #expect(!screen.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E } })
    }

    @Test func tinyTerminalsDegradeGracefully() {
        var state = S.findingState(width: 30, height: 8)
        let screen = RootView.render(state)
        #expect(screen.lines[0].contains("at least 40×10"))
        _ = state.apply(.resized(width: 80, height: 24))
        #expect(RootView.render(state).lines[0].contains("Findings"))
    }
}
