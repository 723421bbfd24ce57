import Testing

@testable import LanternCore
@testable import LanternTUI

/// `v`, `e`, `*`, `x` and `:export` in the reducer: which effects they ask
/// for, and how the answers show.
@Suite struct CaseKeyTests {
    typealias S = TUITestSupport

    static func type(_ text: String, into state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += state.apply(.key(.character(character))) }
        return effects
    }

    @Test func verdictPromptPicksByKeyAndTheListShowsIt() throws {
        var state = S.findingState()
        #expect(state.apply(.key(.character("v"))).isEmpty)
        #expect(state.mode == .verdict(findingID: "f-secret"))
        let effects = state.apply(.key(.character("t")))
        #expect(effects == [.writeCase(findingID: "f-secret", .verdict(.truePositive))])
        #expect(state.mode == .normal)
        let record = CaseRecord(id: "c-00000001", title: "t", analyst: "a", created: "2023-07-10T12:00:00Z", updated: "2023-07-10T12:00:00Z",
                                findings: [CaseFinding(findingID: "f-secret", added: "2023-07-10T12:00:00Z", verdict: .truePositive)])
        _ = state.apply(.caseWritten(findingID: "f-secret", .verdict(.truePositive),
                                     .success(CaseOutcome(record: record, message: "verdict: true positive"))))
        #expect(state.list.verdicts["f-secret"] == .truePositive)
        #expect(state.flash?.text == "verdict: true positive")
        let finding = RootView.render(state).lines.joined(separator: "\n")
        #expect(finding.contains("TRUE POS"))
        #expect(finding.contains("case c-00000001 · 0 notes · 0 starred"))
        _ = state.apply(.key(.escape))
        let list = RootView.render(state).lines.joined(separator: "\n")
        #expect(list.contains("VERDICT"))
        #expect(list.split(separator: "\n").contains { $0.contains("GetSecretValue") && $0.contains("TRUE POS") })
        // Any other key cancels the prompt without a write.
        _ = state.apply(.key(.character("v")))
        #expect(state.apply(.key(.escape)).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test func noteLineSavesTrimmedTextAndEscCancels() {
        var state = S.findingState()
        _ = state.apply(.key(.character("e")))
        _ = Self.type("  key used from a laptop  ", into: &state)
        #expect(state.mode == .note(findingID: "f-secret", text: "  key used from a laptop  "))
        #expect(RootView.render(state).lines.contains { $0.contains("note:   key used from a laptop") })
        #expect(state.apply(.key(.enter)) == [.writeCase(findingID: "f-secret", .note("key used from a laptop"))])
        _ = state.apply(.key(.character("e")))
        _ = Self.type("draft", into: &state)
        #expect(state.apply(.key(.escape)).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test func starRecordsTheEventOrValueWithItsTrail() {
        var state = S.findingState()
        // Observables pane: the selected value.
        let observableEffects = state.apply(.key(.character("*")))
        #expect(observableEffects == [.writeCase(findingID: "f-secret",
                                                 .star(.observable(S.key), trail: [PivotStep(kind: "finding", value: "f-secret")]))])
        // Activity pane: the selected event.
        _ = state.apply(.key(.tab))
        _ = state.apply(.key(.character("j")))
        guard case .finding(let view)? = state.top, let events = view.activity?.value?.events else {
            Issue.record("no activity")
            return
        }
        let eventID = events[view.events.cursor].eventID ?? ""
        #expect(state.apply(.key(.character("*"))) == [.writeCase(findingID: "f-secret",
                                                                   .star(.event(eventID: eventID), trail: [PivotStep(kind: "finding", value: "f-secret")]))])
        // Starred rows are marked once the case says so.
        let record = CaseRecord(id: "c-1", title: "t", analyst: "a", created: "x", updated: "x",
                                evidence: [CaseEvidence(item: .event(eventID: eventID), trail: [], analyst: "a", time: "x")])
        _ = state.apply(.caseLoaded(findingID: "f-secret", .success(record)))
        let marked = RootView.render(state).lines.filter { $0.contains("★") }
        #expect(marked.count == 1)
    }

    @Test func starInAProfileRecordsThePivotTrail() {
        var state = S.findingState()
        _ = state.apply(.key(.character("j")))
        _ = state.apply(.key(.character("j")))
        let effects = state.apply(.key(.enter))
        guard case .loadProfile(let view, let observable)? = effects.first else {
            Issue.record("no profile")
            return
        }
        let profile = ObservableProfile(observable: observable, findings: [], dailyCounts: [], coOccurring: [(S.user, 3)],
                                        firstSeen: nil, lastSeen: nil, totalEvents: 3)
        _ = state.apply(.profileLoaded(view: view, .success(ProfileData(profile: profile, chain: [], sessions: []))))
        _ = state.apply(.key(.character("G")))
        let star = state.apply(.key(.character("*")))
        #expect(star == [.writeCase(findingID: "f-secret", .star(.observable(S.user), trail: [
            PivotStep(kind: "finding", value: "f-secret"), PivotStep(kind: observable.kind.rawValue, value: observable.value),
        ]))])
    }

    @Test func exportWritesToTheExportDirectoryOrTheGivenPath() {
        var state = S.findingState()
        state.exportDirectory = "/tmp/cases"
        #expect(state.apply(.key(.character("x"))) == [.writeCase(findingID: "f-secret", .export(.json, path: "/tmp/cases/lantern-f-secret.json"))])
        _ = state.apply(.key(.character(":")))
        _ = Self.type("export md /tmp/out.md", into: &state)
        #expect(state.apply(.key(.enter)) == [.writeCase(findingID: "f-secret", .export(.md, path: "/tmp/out.md"))])
        _ = state.apply(.key(.character(":")))
        _ = Self.type("export stix", into: &state)
        #expect(state.apply(.key(.enter)) == [.writeCase(findingID: "f-secret", .export(.stix, path: "/tmp/cases/lantern-f-secret.stix.json"))])
    }

    @Test func caseKeysOutsideAFindingSaySo() {
        var state = S.loadedState()
        _ = state.apply(.key(.character(":")))
        _ = Self.type("ip 192.168.10.20", into: &state)
        _ = state.apply(.key(.enter))
        #expect(state.apply(.key(.character("v"))).isEmpty)
        #expect(state.flash?.isError == true)
        #expect(state.mode == .normal)
    }

    @Test func hostileFindingIDsMakeSafeFileNames() {
        #expect(FileName.safe("../../etc/passwd") == "_._.._etc_passwd")
        #expect(FileName.safe("arn:aws:securityhub:us-east-1:1:finding/ab") == "arn_aws_securityhub_us-east-1_1_finding_ab")
        #expect(FileName.safe("\u{1B}[2J") == "__2J")
    }
}

/// `i` in a profile: the IR query pack over the value's whole history.
@Suite struct ProfileQueryTests {
    typealias S = TUITestSupport

    @Test func iRunsTheQueryPackAndEnterOpensAnEvent() throws {
        var state = S.loadedState()
        _ = state.apply(.key(.character(":")))
        for character in "ip 192.168.10.20" { _ = state.apply(.key(.character(character))) }
        guard case .loadProfile(let view, let observable)? = state.apply(.key(.enter)).first else {
            Issue.record("no profile")
            return
        }
        let profile = ObservableProfile(observable: observable, findings: [], dailyCounts: [("2023-07-10", 7)],
                                        coOccurring: [(S.user, 7)], firstSeen: nil, lastSeen: nil, totalEvents: 7)
        _ = state.apply(.profileLoaded(view: view, .success(ProfileData(profile: profile, chain: [], sessions: []))))
        var text = RootView.render(state).lines.joined(separator: "\n")
        #expect(text.contains("IR query pack") && text.contains("i runs it over the whole history"))
        // i, i: all, then persistence.
        #expect(state.apply(.key(.character("i"))) == [.loadProfileQuery(view: view, observable, .all)])
        #expect(state.apply(.key(.character("i"))) == [.loadProfileQuery(view: view, observable, .persistence)])
        // An answer for a query no longer asked is ignored.
        let stale = Activity(observable: observable, matchedValues: [observable.value], window: .all, query: .all,
                             events: S.events, truncated: false, summary: ActivitySummary(events: S.events))
        _ = state.apply(.profileQueryLoaded(view: view, .all, .success(stale)))
        #expect(RootView.render(state).lines.contains { $0.contains("querying…") })
        // Errors only, newest first.
        _ = state.apply(.key(.character("i")))
        _ = state.apply(.key(.character("i")))
        _ = state.apply(.key(.character("i")))
        _ = state.apply(.key(.character("i")))
        let errors = EventList(S.events.filter { $0.errorCode != nil })
        let answer = Activity(observable: observable, matchedValues: [observable.value], window: .all, query: .errors,
                              events: errors, truncated: false, summary: ActivitySummary(events: errors))
        _ = state.apply(.profileQueryLoaded(view: view, .errors, .success(answer)))
        text = RootView.render(state).lines.joined(separator: "\n")
        #expect(text.contains("IR query: errors") && text.contains("1 events"))
        #expect(text.contains("GetSecretValue") && text.contains("AccessDenied"))
        // Enter on the event line opens its raw record.
        guard case .profile(let profileState)? = state.top else { return }
        let lines = state.profileLines(profileState)
        let eventLine = try #require(lines.firstIndex { if case .event? = $0.target { return true } else { return false } })
        _ = state.moveCursor(to: eventLine)
        let effects = state.apply(.key(.enter))
        guard case .loadRawRecord(_, let event)? = effects.first else {
            Issue.record("no raw record effect: \(effects)")
            return
        }
        #expect(event.errorCode == "AccessDenied")
    }
}
