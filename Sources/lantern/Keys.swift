import ArgumentParser
import LanternCore
import LanternTUI

/// `lantern keys [--markdown]`: the effective key map.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the effective key bindings of every view (defaults, preset and the [keys] table).",
        discussion: """
            Remap actions in the configuration: `[keys]` then `move-down = ["j", "C-n"]`; `tui.keymap` picks \
            the vim (default) or emacs preset. Arrows, PgUp/PgDn and Home/End always work. Conflicts are \
            listed; a bad binding exits with status 65, naming the file, line and key.
            """)

    @Flag(name: .long, help: "Print Markdown (what docs/keybindings.md holds).")
    var markdown = false

    func run() throws {
        let map = try KeyMapLoader.load()
        if markdown {
            Output.text(map.markdown())
            return
        }
        for table in map.tables {
            Output.line(table.name)
            let width = (table.bindings.map { $0.keys.map(KeyMap.name).joined(separator: " ").count }.max() ?? 0) + 2
            for binding in table.bindings {
                let keys = binding.keys.map(KeyMap.name).joined(separator: " ")
                Output.line("  " + Output.cell(keys, width) + Output.cell(binding.command.rawValue, 16) + binding.help)
            }
        }
        for conflict in map.conflicts { Output.error("keys: \(conflict)") }
    }
}

/// Builds the effective key map from the configuration; a bad one exits 65.
enum KeyMapLoader {
    static func load(_ resolved: Settings? = nil) throws -> KeyMap {
        let settings = try resolved ?? CLISettings.resolve()
        do {
            return try KeyMap.build(settings: settings)
        } catch {
            Output.error("configuration: \(error)")
            throw ExitCode(65)
        }
    }
}
