import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

/// The state dispatches keys through its key map: a remapped key drives
/// the reducer, the old key no longer does, and help and the footer show it.
@Suite struct KeyMapStateTests {
    typealias S = TUITestSupport

    @Test func remappedKeysDriveTheReducerAndShowInHelp() throws {
        var state = S.loadedState(width: 120, height: 40)
        state.keyMap = try KeyMap.build(bindings: [
            KeyBindingSetting(action: "move-down", keys: ["J"], line: 3),
            KeyBindingSetting(action: "help", keys: ["F1"], line: 4),
        ], source: "config.toml")
        _ = state.apply(.key(.character("J")))
        #expect(state.list.position.cursor == 1)
        _ = state.apply(.key(.character("j")))
        #expect(state.list.position.cursor == 1, "j no longer moves")
        _ = state.apply(.key(.down))
        #expect(state.list.position.cursor == 2, "arrows always work")
        // The global help key moved too; help lists the effective keys.
        _ = state.apply(.key(.character("?")))
        #expect(!state.showHelp)
        _ = state.apply(.key(.function(1)))
        #expect(state.showHelp)
        let help = RootView.render(state).lines.joined(separator: "\n")
        #expect(help.contains("J ↓"), "\(help)")
        #expect(help.contains("F1"))
        _ = state.apply(.key(.escape))
        #expect(RootView.render(state).lines.contains { $0.contains("J move") && $0.contains("F1 help") })
    }
}

extension KeyMapStateTests {
    @Test func controlCharactersDoNotLandInInputLines() {
        var state = S.loadedState()
        _ = state.apply(.key(.character("/")))
        _ = state.apply(.key(.character("a")))
        _ = state.apply(.key(.character("\u{0E}")))
        #expect(state.mode == .filter(text: "a", previous: ""))
    }
}

extension EndToEndTests {
    /// The emacs preset in the real terminal: C-n arrives as a key and moves down.
    @Test func emacsPresetControlKeysMoveInTheRealTerminal() throws {
        let run = try Self.start(environment: ["LANTERN_KEYMAP": "emacs"])
        defer { run.session.shutdown() }
        try run.session.waitFor("findings ·", "GetSecretValue")
        try run.session.keys("y")
        let first = try run.session.waitFor("copied ")
        try run.session.keys("C-n", "C-n", "y")
        let second = try run.session.waitUntil("another finding copied") { screen in
            screen.contains("copied ") && screen.split(separator: "\n").first { $0.contains("copied ") }
                != first.split(separator: "\n").first { $0.contains("copied ") }
        }
        #expect(second != first)
    }
}

/// `time-zone`: the TUI shows times in the display zone; the status bar names it.
@Suite struct DisplayTimeZoneViewTests {
    @Test func timesFollowTheDisplayZone() throws {
        var state = TUITestSupport.findingState(width: 220, height: 50)
        let utc = RootView.render(state).lines.joined(separator: "\n")
        #expect(utc.contains("07-10 11:54:33") && !utc.contains("times "))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        state.timeText = TimeText(zone: DisplayTimeZone(berlin))
        let text = RootView.render(state).lines.joined(separator: "\n")
        // 2023-07-10 11:54:33Z is 13:54:33 in Berlin (CEST, UTC+2).
        #expect(text.contains("07-10 13:54:33"))
        #expect(!text.contains("07-10 11:54:33"))
        #expect(text.contains("times Europe/Berlin"))
    }
}
