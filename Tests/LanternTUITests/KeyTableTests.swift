import Testing

@testable import LanternTUI

@Suite struct KeyTableTests {
    @Test func everyBindingHasKeysAndHelp() {
        for table in KeyTable.all {
            for binding in table.bindings {
                #expect(!binding.keys.isEmpty, "\(table.name): \(binding.command) has no keys")
                #expect(!binding.help.isEmpty, "\(table.name): \(binding.command) has no help")
            }
        }
    }

    @Test func noKeyIsBoundTwiceInAViewOrShadowsAGlobalKey() {
        for table in [KeyTable.findings, .finding, .profile, .event] {
            var seen: [Key: Command] = [:]
            for binding in table.bindings + KeyTable.global.bindings {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(table.name): \(key) bound to \(seen[key].map(\.rawValue) ?? "") and \(binding.command)")
                    seen[key] = binding.command
                }
            }
        }
    }

    @Test func productKeysAreBound() {
        // PRODUCT.md "Screens and keys".
        let expectations: [(KeyTable, Key, Command)] = [
            (.findings, .character("j"), .moveDown), (.findings, .down, .moveDown), (.findings, .character("k"), .moveUp),
            (.findings, .character("g"), .top), (.findings, .character("G"), .bottom), (.findings, .pageDown, .pageDown),
            (.findings, .pageUp, .pageUp), (.findings, .enter, .open), (.findings, .character("/"), .filter),
            (.findings, .character("s"), .sort), (.finding, .tab, .nextPane), (.finding, .character("<"), .narrowWindow),
            (.finding, .character(">"), .widenWindow), (.global, .escape, .back), (.global, .backspace, .back),
            (.global, .character(":"), .commandLine), (.global, .character("?"), .help), (.global, .character("q"), .quit),
        ]
        for (table, key, command) in expectations {
            #expect(table.command(for: key) == command, "\(table.name): \(key)")
        }
    }

    @Test func helpOverlayIsGeneratedFromTheTables() {
        var state = TUITestSupport.findingState()
        state.showHelp = true
        let text = HelpOverlay.lines(for: state).map(\.text).joined(separator: "\n")
        for binding in KeyTable.finding.bindings + KeyTable.global.bindings {
            #expect(text.contains(binding.help), "help lacks \(binding.help)")
            #expect(text.contains(binding.keyLabel), "help lacks \(binding.keyLabel)")
        }
        #expect(!text.contains(KeyTable.findings.bindings.first { $0.command == .sort }?.help ?? "-"))
    }

    @Test func footerHintsComeFromTheTables() {
        let state = TUITestSupport.loadedState(width: 120, height: 30)
        let screen = RootView.render(state)
        let footer = screen.lines[28]
        for hint in KeyTable.findings.hints + KeyTable.global.hints {
            #expect(footer.contains("\(hint.key) \(hint.text)"), "footer lacks \(hint.text)")
        }
    }
}
