import Foundation
import LanternCore
import Testing

@testable import LanternTUI

/// Key remapping: names, presets, user bindings winning, conflicts, fixed keys, errors.
@Suite struct KeyMapTests {
    static func binding(_ action: String, _ keys: [String], line: Int = 7) -> KeyBindingSetting {
        KeyBindingSetting(action: action, keys: keys, line: line)
    }

    @Test func keyNamesParse() throws {
        let cases: [(String, Key)] = [
            ("j", .character("j")), ("G", .character("G")), ("/", .character("/")), ("Space", .character(" ")),
            ("Enter", .enter), ("esc", .escape), ("Backspace", .backspace), ("Tab", .tab), ("S-Tab", .backTab),
            ("Del", .delete), ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right), ("PgUp", .pageUp),
            ("PgDn", .pageDown), ("Home", .home), ("End", .end), ("F5", .function(5)), ("C-c", .ctrlC),
            ("C-n", .character("\u{0E}")), ("Ctrl-P", .character("\u{10}")), ("C-v", .character("\u{16}")),
        ]
        for (name, key) in cases {
            #expect(try KeyMap.parseKey(name).get() == key, "\(name)")
        }
        // Names round-trip through the written form.
        for (_, key) in cases {
            #expect(try KeyMap.parseKey(KeyMap.name(of: key)).get() == key)
        }
        for bad in ["M-v", "C-h", "C-i", "C-m", "C-1", "Hyper-x", "F13", "jj", ""] {
            #expect(throws: KeyNameError.self, "\(bad)") { try KeyMap.parseKey(bad).get() }
        }
    }

    @Test func defaultMapIsTheTables() throws {
        let map = try KeyMap.build(bindings: [], source: "c.toml")
        #expect(map.tables.map(\.name) == KeyTable.all.map(\.name))
        for (effective, original) in zip(map.tables, KeyTable.all) {
            #expect(effective.bindings.map(\.keys) == original.bindings.map(\.keys))
        }
        #expect(map.conflicts.isEmpty)
    }

    @Test func userBindingReplacesKeysInEveryViewButArrowsStay() throws {
        let map = try KeyMap.build(bindings: [Self.binding("move-down", ["J", "C-n"])], source: "c.toml")
        for table in KeyTable.all where table.bindings.contains(where: { $0.command == .moveDown }) {
            let effective = map.effective(table)
            #expect(effective.command(for: .character("J")) == .moveDown, "\(table.name)")
            #expect(effective.command(for: .character("\u{0E}")) == .moveDown, "\(table.name)")
            #expect(effective.command(for: .down) == .moveDown, "arrows always work in \(table.name)")
            #expect(effective.command(for: .character("j")) == nil, "j was replaced in \(table.name)")
        }
        #expect(map.conflicts.isEmpty)
    }

    @Test func userBindingWinsAndTheConflictIsReported() throws {
        // `k` is move-up by default in the findings list; give it to `sort`.
        let map = try KeyMap.build(bindings: [Self.binding("sort", ["k"])], source: "c.toml")
        let findings = map.effective(.findings)
        #expect(findings.command(for: .character("k")) == .sort)
        #expect(findings.command(for: .up) == .moveUp)
        #expect(findings.command(for: .character("s")) == nil)
        #expect(map.conflicts.contains("Findings: k now runs sort (was move-up)"))
        // Views without `sort` keep `k` as it was.
        #expect(map.effective(.finding).command(for: .character("k")) == .moveUp)
    }

    @Test func viewKeyHidingAGlobalKeyIsReported() throws {
        let map = try KeyMap.build(bindings: [Self.binding("sort", ["q"])], source: "c.toml")
        #expect(map.effective(.findings).command(for: .character("q")) == .sort)
        #expect(map.conflicts.contains("Findings: q runs sort here, hiding quit (Everywhere)"))
    }

    @Test func emacsPresetAddsControlKeysWithoutConflicts() throws {
        let map = try KeyMap.build(preset: .emacs, bindings: [], source: "c.toml")
        let findings = map.effective(.findings)
        #expect(findings.command(for: .character("\u{0E}")) == .moveDown)
        #expect(findings.command(for: .character("\u{10}")) == .moveUp)
        #expect(findings.command(for: .character("\u{16}")) == .pageDown)
        #expect(findings.command(for: .character("\u{13}")) == .filter)
        #expect(findings.command(for: .character("j")) == .moveDown)
        #expect(map.effective(.global).command(for: .character("\u{07}")) == .back)
        #expect(map.effective(.global).command(for: .escape) == .back)
        #expect(map.conflicts.isEmpty, "\(map.conflicts)")
        // The user's bindings still win over the preset.
        let mine = try KeyMap.build(preset: .emacs, bindings: [Self.binding("move-down", ["n"])], source: "c.toml")
        #expect(mine.effective(.finding).command(for: .character("\u{0E}")) == nil)
        #expect(mine.effective(.finding).command(for: .character("n")) == .moveDown)
    }

    /// Every way a `[keys]` table can be wrong names the file, line and key.
    @Test func badBindingsNameFileLineAndKey() {
        let bad: [(KeyBindingSetting, String)] = [
            (Self.binding("move-dwn", ["j"]), "unknown action"),
            (Self.binding("move-down", ["M-v"]), "Meta/Alt keys are not supported"),
            (Self.binding("move-down", ["Ctrl-Shift-x"]), "control keys are C-a"),
            (Self.binding("quit", ["Down"]), "always keeps its default meaning"),
            (Self.binding("sort", ["PgUp"]), "always keeps its default meaning"),
        ]
        for (binding, reason) in bad {
            do {
                _ = try KeyMap.build(bindings: [binding], source: "/home/a/config.toml")
                Issue.record("accepted \(binding)")
            } catch {
                #expect(error.source == "/home/a/config.toml")
                #expect(error.line == 7)
                #expect(error.key == "keys.\(binding.action)")
                #expect(error.reason.contains(reason), "\(error)")
                #expect(error.description.hasPrefix("/home/a/config.toml:7: 'keys.\(binding.action)': "))
            }
        }
    }

    @Test func sameKeyForTwoActionsOfOneViewIsAnError() {
        #expect(throws: KeyMapError(source: "c.toml", line: 9, key: "keys.move-up",
                                    reason: "'x' is also bound to move-down (line 8) in the same view")) {
            _ = try KeyMap.build(bindings: [Self.binding("move-down", ["x"], line: 8), Self.binding("move-up", ["x"], line: 9)],
                                 source: "c.toml")
        }
        // In different views the same key may run different actions.
        #expect(throws: Never.self) {
            _ = try KeyMap.build(bindings: [Self.binding("sort", ["x"]), Self.binding("next-query", ["x"])], source: "c.toml")
        }
    }

    @Test func mapFromSettingsUsesPresetAndKeysTable() throws {
        let file = try ConfigFile.parse("[tui]\nkeymap = \"emacs\"\n[keys]\nquit = [\"Q\", \"C-c\"]\n", path: "/c/config.toml")
        let settings = try SettingsResolver(environment: [:]).resolve(file: file)
        let map = try KeyMap.build(settings: settings)
        #expect(map.effective(.global).command(for: .character("Q")) == .quit)
        #expect(map.effective(.global).command(for: .character("q")) == nil)
        #expect(map.effective(.findings).command(for: .character("\u{0E}")) == .moveDown)
    }

    /// The help text and the generated Markdown show the effective keys.
    @Test func effectiveTablesDriveHelpLabelsAndMarkdown() throws {
        let map = try KeyMap.build(bindings: [Self.binding("copy", ["Y", "C-y"])], source: "c.toml")
        let copy = try #require(map.effective(.global).bindings.first(where: { $0.command == .copy }))
        #expect(copy.keys == [.character("Y"), .character("\u{19}")])
        let markdown = map.markdown()
        #expect(markdown.contains("| `Y` `C-y` | `copy` |"))
        #expect(!markdown.contains("| `y` | `copy` |"))
        for table in KeyTable.all { #expect(markdown.contains("## \(table.name)\n")) }
    }

    /// docs/keybindings.md is what `lantern keys --markdown` prints for the default tables.
    @Test func keybindingsDocumentIsUpToDate() throws {
        let url = TUITestSupport.packageRoot.appendingPathComponent("docs/keybindings.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.trimmingCharacters(in: .newlines) == KeyMap.default.markdown().trimmingCharacters(in: .newlines),
                "docs/keybindings.md is stale: run scripts/gen-keybindings.sh")
    }

    /// The real binary in tmux with a configuration: key-map conflicts are shown at start-up,
    /// `activity.window` sets the window, and `tui.clipboard = "off"` stops `y` from copying.
    @Test func tuiStartsWithTheConfiguration() throws {
        let binary = try TUITestSupport.lanternBinary()
        let directory = try TUITestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = Process()
        demo.executableURL = URL(fileURLWithPath: binary)
        demo.arguments = ["demo", "--no-tui", "--db", directory.path + "/demo.db"]
        demo.standardOutput = FileHandle.nullDevice
        try demo.run()
        demo.waitUntilExit()
        #expect(demo.terminationStatus == 0)
        let config = directory.appendingPathComponent("config.toml").path
        try Data("database = \"demo.db\"\n[activity]\nwindow = \"6h\"\n[tui]\nclipboard = \"off\"\n[keys]\nsort = \"k\"\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let session = try TmuxSession(
            command: "env TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='\(directory.path)' LANTERN_CONFIG='\(config)' '\(binary)'", width: 120, height: 30)
        defer { session.shutdown() }
        let first = try session.waitFor("keys: Findings: k now runs sort (was move-up)", " events │")
        #expect(first.contains("window: first seen −6h … last seen +6h"), "\(first)")
        try session.keys("Enter")
        _ = try session.waitFor("IP × user agent")
        try session.keys("y")
        _ = try session.waitFor("copying is off (tui.clipboard = \"off\" in the configuration)")
    }
}
