import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

@Suite struct ReducerTests {
    typealias S = TUITestSupport

    @Test func startsLoadingAndShowsFindingsMostSevereFirst() {
        #expect(AppState.initialEffects == [.loadFindings, .countEvents])
        let state = S.loadedState()
        #expect(state.list.visible.map { state.list.findings[$0].severityLabel } == ["CRITICAL", "HIGH", "MEDIUM", "LOW"])
        #expect(state.pendingEffects == 0)
    }

    @Test func movementKeysMoveTheCursorWithinBounds() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("j")))
        _ = state.apply(.key(.down))
        #expect(state.list.position.cursor == 2)
        _ = state.apply(.key(.character("G")))
        #expect(state.list.position.cursor == 3)
        _ = state.apply(.key(.character("j")))
        #expect(state.list.position.cursor == 3)
        _ = state.apply(.key(.character("g")))
        #expect(state.list.position.cursor == 0)
        _ = state.apply(.key(.up))
        #expect(state.list.position.cursor == 0)
    }

    @Test func enterOpensTheFindingAndAsksForItsDetail() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("j")))
        let effects = state.apply(.key(.enter))
        guard case .finding(let view)? = state.top else {
            Issue.record("no finding view")
            return
        }
        #expect(effects == [.loadFinding(view: view.id, id: "f-recon"), .loadCase(findingID: "f-recon")])
        #expect(state.pendingEffects == 2)
        #expect(state.breadcrumb == ["Findings", "Recon:IAMUser-MaliciousIPCaller.Custom"])
        // The window is first seen − 24 h … last seen + 24 h.
        #expect(view.window?.from == (Timestamp.milliseconds("2023-07-09T11:49:06Z") ?? 0))
    }

    @Test func loadedFindingGroupsObservablesAndQueriesTheFirst() {
        var state = S.loadedState()
        state.list.position.cursor = 2
        let open = state.apply(.key(.enter))
        guard case .loadFinding(let view, _)? = open.first else {
            Issue.record("no load effect")
            return
        }
        let effects = state.apply(.findingLoaded(view: view, .success(S.findings[0])))
        guard case .finding(let finding)? = state.top else {
            Issue.record("no finding view")
            return
        }
        #expect(finding.rows.first == .header(.accessKey, count: 1))
        #expect(finding.selectedObservable == S.key)
        #expect(effects.contains(.enrich([S.key, S.user, S.ip])))
        guard let request = finding.activityRequest else {
            Issue.record("no activity request")
            return
        }
        #expect(effects.contains(.loadActivity(view: view, request)))
        #expect(request.observable == S.key)
    }

    @Test func activityCursorStartsAtTheFindingsFirstSighting() throws {
        let state = S.findingState()
        guard case .finding(let view)? = state.top else {
            Issue.record("no finding view")
            return
        }
        let events = try #require(view.activity?.value?.events)
        #expect(events[view.events.cursor].eventName == "GetSecretValue")
        #expect(TimeText().full(events[view.events.cursor].time) == "2023-07-10 11:57:51")
    }

    @Test func pivotOnAnActivityIPAndBackRestoresExactly() {
        var state = S.findingState()
        _ = state.apply(.key(.tab))
        _ = state.apply(.key(.character("j")))
        _ = state.apply(.key(.character("l")))
        guard case .finding(let before)? = state.top else {
            Issue.record("no finding view")
            return
        }
        #expect(before.focus == .activity)
        #expect(before.column == .ip)
        let effects = state.apply(.key(.enter))
        guard case .profile(let profile)? = state.top else {
            Issue.record("no profile")
            return
        }
        #expect(profile.observable == S.ip)
        #expect(effects.first == .loadProfile(view: profile.id, S.ip))
        #expect(state.breadcrumb.last == "IPv4 192.168.10.20")
        _ = state.apply(.key(.escape))
        guard case .finding(let after)? = state.top else {
            Issue.record("back did not return to the finding")
            return
        }
        #expect(after.events == before.events)
        #expect(after.column == before.column)
        #expect(after.focus == before.focus)
    }

    @Test func enterOnTheEventColumnOpensTheRawRecord() {
        var state = S.findingState()
        _ = state.apply(.key(.tab))
        let effects = state.apply(.key(.enter))
        guard case .event(let event)? = state.top else {
            Issue.record("no event view")
            return
        }
        #expect(effects == [.loadRawRecord(view: event.id, event.event)])
        _ = state.apply(.rawRecordLoaded(view: event.id, .success(#"{"sourceIPAddress":"203.0.113.7","eventName":"GetSecretValue"}"#)))
        guard case .event(let loaded)? = state.top, let lines = loaded.lines.value else {
            Issue.record("record not loaded")
            return
        }
        #expect(lines.contains { $0.target == .observable(Observable(kind: .ipv4, "203.0.113.7")!) })
    }

    @Test func windowKeysHalveAndDoubleAndRequery() {
        var state = S.findingState()
        guard case .finding(let before)? = state.top, let window = before.window else {
            Issue.record("no window")
            return
        }
        let effects = state.apply(.key(.character("<")))
        guard case .finding(let after)? = state.top, let narrowed = after.window else {
            Issue.record("no window")
            return
        }
        #expect(narrowed.to - narrowed.from == (window.to - window.from) / 2)
        #expect(effects.count == 1)
        _ = state.apply(.key(.character(">")))
        guard case .finding(let again)? = state.top else { return }
        #expect(again.window == window)
    }

    @Test func windowCommandSetsMarginsAroundTheFinding() {
        var state = S.findingState()
        _ = state.apply(.key(.character(":")))
        for character in "window -6h +2h" { _ = state.apply(.key(.character(character))) }
        let effects = state.apply(.key(.enter))
        guard case .finding(let view)? = state.top, let window = view.window else {
            Issue.record("no window")
            return
        }
        #expect(window.from == (Timestamp.milliseconds("2023-07-10T05:57:51Z") ?? 0))
        #expect(window.to == (Timestamp.milliseconds("2023-07-10T13:57:54Z") ?? 0))
        #expect(effects.count == 1)
        #expect(state.commandHistory == ["window -6h +2h"])
    }

    @Test func commandLinePivotsAndQuits() {
        var state = S.loadedState()
        _ = state.apply(.key(.character(":")))
        for character in "ip 1.2.3.4" { _ = state.apply(.key(.character(character))) }
        _ = state.apply(.key(.enter))
        guard case .profile(let profile)? = state.top else {
            Issue.record("no profile")
            return
        }
        #expect(profile.observable.value == "1.2.3.4")
        _ = state.apply(.key(.character(":")))
        _ = state.apply(.key(.up))
        #expect(state.mode == .command(text: "ip 1.2.3.4"))
        _ = state.apply(.key(.escape))
        _ = state.apply(.key(.character(":")))
        _ = state.apply(.key(.character("q")))
        _ = state.apply(.key(.enter))
        #expect(state.shouldQuit)
    }

    @Test func commandCompletionAndErrors() {
        #expect(CommandLineCommand.complete("wi") == "window ")
        #expect(CommandLineCommand.complete("x") == "x")
        var state = S.loadedState()
        _ = state.apply(.key(.character(":")))
        for character in "frobnicate" { _ = state.apply(.key(.character(character))) }
        _ = state.apply(.key(.enter))
        #expect(state.flash?.isError == true)
    }

    /// The `command-line` fuzzer's crash (docs/SECURITY.md): a window of 123456789012 weeks
    /// trapped converting to Int64; now it is an error on the command line.
    @Test func hugeWindowIsAnErrorNotACrash() throws {
        let crash = try #require(Data(base64Encoded: "d2luZG93IFNlcXVlLTcgMTIzNDU2Nzg5MDEydyAtNyArIAAtNiBorncgLTcgKzlgIQAAAC02IGggKzJo"))
        guard case .failure = CommandLineCommand.parse(String(decoding: crash, as: UTF8.self)) else {
            Issue.record("the fuzzer's input parsed")
            return
        }
        guard case .failure(let error) = CommandLineCommand.parse("window -123456789012w +2h") else {
            Issue.record("a window of 2.4 billion years parsed")
            return
        }
        #expect(error.description.contains("durations like"))
        #expect(CommandLineCommand.parse("window -6h +2h") == .success(.window(before: 6 * 3_600_000, after: 2 * 3_600_000)))
    }

    @Test func liveFilterAndEscapeRestoresThePreviousFilter() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("/")))
        for character in "sev>=high" { _ = state.apply(.key(.character(character))) }
        #expect(state.list.visible.count == 2)
        _ = state.apply(.key(.enter))
        #expect(state.mode == .normal)
        _ = state.apply(.key(.character("/")))
        for character in " -type:s3" { _ = state.apply(.key(.character(character))) }
        _ = state.apply(.key(.escape))
        #expect(state.list.filterText == "sev>=high")
        #expect(state.list.visible.count == 2)
    }

    @Test func observableFilterTermsAskTheStore() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("/")))
        var effects: [Effect] = []
        for character in "ip:192.168.10.20" { effects = state.apply(.key(.character(character))) }
        #expect(effects == [.resolveFilterTerm(S.ip)])
        #expect(state.list.visible.isEmpty)
        _ = state.apply(.filterTermResolved(S.ip, ["f-secret", "f-recon"]))
        #expect(state.list.visible.count == 2)
    }

    @Test func sortCyclesColumns() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("s")))
        #expect(state.list.sort.column == .time)
        #expect(state.list.findings[state.list.visible[0]].id == "f-crit")
        _ = state.apply(.key(.character("S")))
        #expect(state.list.findings[state.list.visible[0]].id == "f-recon")
    }

    @Test func helpOverlayOpensClosesAndCtrlCQuits() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("?")))
        #expect(state.showHelp)
        #expect(state.activeKeyTable.name == "Help")
        _ = state.apply(.key(.escape))
        #expect(!state.showHelp)
        #expect(state.top == nil)
        _ = state.apply(.key(.ctrlC))
        #expect(state.shouldQuit)
    }

    @Test func staleActivityResultsAreIgnored() {
        var state = S.findingState()
        guard case .finding(let view)? = state.top, let current = view.activityRequest else { return }
        let stale = ActivityRequest(observable: S.ip, window: current.window, query: .all)
        _ = state.apply(.activityLoaded(view: view.id, stale, .failure(EffectError("late"))))
        guard case .finding(let after)? = state.top else { return }
        #expect(after.activity?.value != nil)
    }

    @Test func irQueryCycles() {
        var state = S.findingState()
        let effects = state.apply(.key(.character("i")))
        guard case .finding(let view)? = state.top else { return }
        #expect(view.query == .persistence)
        #expect(effects.count == 1)
    }
}

@Suite struct CopyTests {
    @Test func yCopiesTheValueUnderTheCursor() {
        var state = TUITestSupport.loadedState()
        _ = state.apply(.key(.character("j")))
        let expected = state.list.selected?.id
        _ = state.apply(.key(.character("y")))
        #expect(state.clipboardRequest == expected)
        #expect(state.flash?.text.hasPrefix("copied") == true)
    }

    @Test func osc52CarriesTheTextAsBase64Only() {
        let hostile = "evil\u{1B}]0;pwned\u{07}"
        let sequence = CursesLikeTerminal.osc52(hostile)
        #expect(sequence.hasPrefix("\u{1B}]52;c;") && sequence.hasSuffix("\u{07}"))
        let payload = sequence.dropFirst(7).dropLast()
        #expect(!payload.unicodeScalars.contains { $0.value < 0x20 })
        #expect(String(decoding: Data(base64Encoded: String(payload)) ?? Data(), as: UTF8.self) == hostile)
    }
}

/// Any terminal type gives access to the protocol's static helper.
private final class CursesLikeTerminal: Terminal {
    var size: (width: Int, height: Int) { (80, 24) }
    var measure: DisplayWidth.Measure { { _ in 1 } }
    var pendingSignal: Int32? { nil }
    func readKey(timeoutMilliseconds: Int) -> Key? { nil }
    func draw(_ screen: Screen) {}
    func apply(theme: Theme) {}
}

extension ReducerTests {
    /// Enrichment that arrives after the profile reorders its ownership lines;
    /// the cursor stays on the value it was on, whichever order the two arrive in.
    @Test func profileCursorKeepsItsValueWhenEnrichmentArrivesLate() throws {
        let session = try #require(Observable(kind: .arn,
            "arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1"))
        let role = try #require(Observable(kind: .arn, "arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role"))
        let account = try #require(Observable(kind: .accountId, "123837392027"))
        var state = S.loadedState()
        _ = state.apply(.key(.character(":")))
        for character in "arn \(session.value)" { _ = state.apply(.key(.character(character))) }
        let effects = state.apply(.key(.enter))
        guard case .loadProfile(let view, _)? = effects.first else {
            Issue.record("no profile effect")
            return
        }
        let profile = ObservableProfile(observable: session, findings: [], dailyCounts: [], coOccurring: [(role, 3)],
                                        firstSeen: nil, lastSeen: nil, totalEvents: 3)
        _ = state.apply(.profileLoaded(view: view, .success(ProfileData(profile: profile, chain: [], sessions: []))))
        func selected(_ state: AppState) -> PivotTarget? {
            guard case .profile(let profileState)? = state.top else { return nil }
            let lines = state.profileLines(profileState)
            return lines.indices.contains(profileState.position.cursor) ? lines[profileState.position.cursor].target : nil
        }
        // Local facts list the account before the role.
        #expect(selected(state) == .observable(account))
        _ = state.apply(.key(.character("j")))
        #expect(selected(state) == .observable(role))
        // The enriched ownership lists the role first and adds lines: the cursor stays on the role.
        let summary = EnrichmentSummary(verdict: .unknown, reputation: [], ownership: [
            OwnershipLine(label: "kind", value: "assumed-role session"),
            OwnershipLine(label: "role", value: role.value, pivot: role),
            OwnershipLine(label: "account", value: "123837392027 security-lab", pivot: account),
            OwnershipLine(label: "owner", value: "secops-lab@example.com"),
        ])
        _ = state.apply(.enriched(asked: [session], found: [session: summary]))
        #expect(selected(state) == .observable(role))
        _ = state.apply(.key(.character("j")))
        #expect(selected(state) == .observable(account))
    }
}
