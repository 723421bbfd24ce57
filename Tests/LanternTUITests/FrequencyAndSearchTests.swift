import Testing

@testable import LanternCore
@testable import LanternTUI

/// `F` (group and count, Enter filters to the group) and `/` search with `n`/`N`.
@Suite struct FrequencyAndSearchTests {
    typealias S = TUITestSupport

    @Test func frequencyCountsTheShownFindingsAndEnterFiltersToTheGroup() throws {
        var state = S.loadedState()
        _ = state.apply(.key(.character("F")))
        var frequency = try #require(state.list.frequency)
        #expect(frequency.column == .type)
        #expect(frequency.total == 4)
        // By principal: bert-jan twice, benjamin once, one finding without a principal.
        _ = state.apply(.key(.tab))
        _ = state.apply(.key(.character("l")))
        frequency = try #require(state.list.frequency)
        #expect(frequency.column == .principal)
        #expect(frequency.groups.map(\.key) == ["bert-jan", "", "benjamin"])
        #expect(frequency.groups.map(\.count) == [2, 1, 1])
        #expect(frequency.groups.first?.worstSeverity == "MEDIUM")
        let text = RootView.render(state).lines.joined(separator: "\n")
        #expect(text.contains("PRINCIPAL · 3 groups of 4 findings"))
        #expect(text.contains("(none)"))
        #expect(state.activeKeyTable.name == "Frequency")
        // Enter on bert-jan: the list shows exactly that group, with the term in the filter.
        _ = state.apply(.key(.enter))
        #expect(state.list.frequency == nil)
        #expect(state.list.filterText == "\"principal=bert-jan\"")
        #expect(Set(state.list.visible.map { state.list.findings[$0].id }) == ["f-secret", "f-trail"])
        // Within a filter, F counts only what is shown; Esc closes it.
        _ = state.apply(.key(.character("F")))
        #expect(state.list.frequency?.total == 2)
        _ = state.apply(.key(.escape))
        #expect(state.list.frequency == nil)
        #expect(state.list.visible.count == 2)
    }

    @Test func severityGroupsFilterBySeverity() throws {
        var state = S.loadedState()
        state.list.sort = FindingSort(column: .severity)
        _ = state.apply(.key(.character("F")))
        _ = state.apply(.key(.backTab))
        let frequency = try #require(state.list.frequency)
        #expect(frequency.column == .severity)
        #expect(frequency.groups.map(\.key) == ["CRITICAL", "HIGH", "MEDIUM", "LOW"])
        _ = state.apply(.key(.character("j")))
        _ = state.apply(.key(.enter))
        #expect(state.list.filterText == "sev:high")
        #expect(state.list.visible.map { state.list.findings[$0].id } == ["f-recon"])
    }

    @Test func exactFieldTermsMatchWholeValues() throws {
        let finding = S.findings[0]
        func passes(_ text: String) throws -> Bool {
            let filter = try FindingFilter.parse(text).get()
            return filter.matches(haystack: FindingFilter.haystack(finding, accountName: nil), finding: { finding }, accountName: { nil }, matches: [:])
        }
        #expect(try passes("type=credentialaccess:iamuser/anomalousbehavior"))
        #expect(try !passes("type=CredentialAccess"))
        #expect(try passes("type:CredentialAccess"))
        #expect(try passes("\"title=The API GetSecretValue was invoked by IAM user bert-jan under unusual circumstances.\""))
        #expect(try passes("-principal=bert"))
        #expect(try passes("account=123837392027"))
        #expect(try !passes("region="))
    }

    @Test func searchJumpsBetweenActivityRowsAndWraps() throws {
        var state = S.findingState()
        _ = state.apply(.key(.tab))
        _ = state.apply(.key(.character("/")))
        for character in "getsecretvalue" { _ = state.apply(.key(.character(character))) }
        guard case .finding(let view)? = state.top else {
            Issue.record("no finding view")
            return
        }
        let events = try #require(view.activity?.value?.events)
        #expect(events[view.events.cursor].eventName == "GetSecretValue")
        let first = view.events.cursor
        _ = state.apply(.key(.enter))
        #expect(state.mode == .normal)
        _ = state.apply(.key(.character("n")))
        guard case .finding(let next)? = state.top else { return }
        #expect(next.events.cursor > first)
        #expect(events[next.events.cursor].eventName == "GetSecretValue")
        // N goes back; past the first match it wraps to the last.
        _ = state.apply(.key(.character("N")))
        _ = state.apply(.key(.character("N")))
        guard case .finding(let wrapped)? = state.top else { return }
        #expect(events[wrapped.events.cursor].eventName == "GetSecretValue")
        #expect(wrapped.events.cursor > first)
        #expect(state.flash?.text.contains("wrapped") == true)
        // A search with no match says so and leaves the cursor.
        _ = state.apply(.key(.character("/")))
        for character in "nothing-like-this" { _ = state.apply(.key(.character(character))) }
        #expect(state.flash?.text == "not found: nothing-like-this")
    }

    @Test func nInTheListRepeatsTheLastSearch() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("n")))
        #expect(state.flash?.text.contains("no search yet") == true)
        state.search = "bert-jan"
        _ = state.apply(.key(.character("n")))
        #expect(state.list.selected?.principal == "bert-jan")
    }
}

/// The ownership pane takes the focus when it has values that open.
@Suite struct OwnershipPaneTests {
    typealias S = TUITestSupport

    @Test func tabReachesOwnershipValuesAndEnterPivots() throws {
        var state = S.findingState()
        let account = try #require(Observable(kind: .accountId, "123837392027"))
        let summary = EnrichmentSummary(verdict: .unknown, reputation: [], ownership: [
            OwnershipLine(label: "kind", value: "long-term access key (IAM user or root)"),
            OwnershipLine(label: "account", value: "123837392027 security-lab", pivot: account),
            OwnershipLine(label: "owner", value: "secops-lab@example.com"),
        ])
        _ = state.apply(.enriched(asked: [S.key], found: [S.key: summary]))
        _ = state.apply(.key(.tab))
        guard case .finding(let view)? = state.top else {
            Issue.record("no finding view")
            return
        }
        #expect(view.focus == .ownership)
        #expect(view.ownershipCursor == 1)
        let screen = RootView.render(state)
        let row = try #require(screen.lines.firstIndex { $0.contains("123837392027 security-lab") })
        #expect(screen.roleLines[row].contains("S"), "the selected ownership line is drawn selected")
        _ = state.apply(.key(.character("y")))
        #expect(state.clipboardRequest == "123837392027")
        let effects = state.apply(.key(.enter))
        #expect(effects.first == .loadProfile(view: state.top?.id ?? -1, account))
        _ = state.apply(.key(.escape))
        // Tab again goes on to the activity, and round to the observables.
        _ = state.apply(.key(.tab))
        guard case .finding(let after)? = state.top else { return }
        #expect(after.focus == .activity)
        _ = state.apply(.key(.tab))
        guard case .finding(let round)? = state.top else { return }
        #expect(round.focus == .observables)
    }
}

/// The byte search behind the list filter, against String's own answer.
@Suite struct SearchTextTests {
    @Test(arguments: [
        ("aaab", "aab"), ("aaab", "ab"), ("abc", "abcd"), ("abc", ""), ("", "a"), ("xyz", "z"), ("xyz", "x"),
        ("über-user", "über"), ("über-user", "ber-u"), ("recon:iamuser/maliciousipcaller", "malicious"), ("abcabd", "abd"),
        ("abc", "c"), ("abc", "abc"), ("abc", "bd"),
    ])
    func agreesWithStringContains(text: String, needle: String) {
        #expect(SearchText(text).contains(needle) == (needle.isEmpty || text.lowercased().contains(needle)))
    }

    @Test func lowercasesTheTextNotTheNeedle() {
        #expect(SearchText("GetSecretValue").contains("secret"))
        #expect(!SearchText("GetSecretValue").contains("Secret"))
        #expect(SearchText("GetSecretValue").text == "getsecretvalue")
    }
}

/// Typing a filter narrows within what was shown; the result always equals filtering from scratch.
@Suite struct FilterNarrowingTests {
    typealias S = TUITestSupport

    @Test(arguments: ["bert", "type:cred -low", "sev>=medium bert", "-bert-jan x", "title:the api get", "a b c"])
    func typingGivesTheSameListAsFilteringFromScratch(text: String) {
        var typing = S.loadedState()
        _ = typing.apply(.key(.character("/")))
        var typed = ""
        for character in text {
            typed.append(character)
            _ = typing.apply(.key(.character(character)))
            // While the text does not parse (`sev>=me`) the last good filter stays; compare the good ones.
            guard typing.list.filterError == nil else { continue }
            var scratch = S.loadedState()
            _ = scratch.setFilter(typing.list.filterText)
            #expect(typing.list.visible == scratch.list.visible, "after typing \(typed.debugDescription)")
        }
        // Backspace widens again.
        for _ in 0..<3 { _ = typing.apply(.key(.backspace)) }
        var scratch = S.loadedState()
        _ = scratch.setFilter(typing.list.filterText)
        #expect(typing.list.visible == scratch.list.visible)
    }

    @Test func whatCountsAsNarrowing() throws {
        func filter(_ text: String) throws -> FindingFilter { try FindingFilter.parse(text).get() }
        #expect(try filter("bert-j").narrows(filter("bert")))
        #expect(try filter("bert x").narrows(filter("bert")))
        #expect(try filter("type:credential").narrows(filter("type:cred")))
        #expect(try !filter("-bert-j").narrows(filter("-bert")), "a longer negated term shows more")
        #expect(try !filter("bert").narrows(filter("bert-j")))
        #expect(try !filter("ip:1.2.3.4").narrows(filter("ip:1.2.3.4")), "observable terms wait for the store")
        #expect(try !filter("bert").narrows(filter("")))
    }
}
