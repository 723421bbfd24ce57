import ArgumentParser
import Foundation
import LanternCore

/// `lantern config show|path`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings and where each came from, or the configuration file's path.",
        discussion: """
            Settings come from, in order of precedence: a command-line flag, the environment, the \
            configuration file ($LANTERN_CONFIG, else $XDG_CONFIG_HOME/lantern/config.toml), the default. \
            A bad file exits with status 65, naming the file, line and key. Keys (see docs/configuration.md \
            and config.example.toml; [keys] remaps TUI actions, see `lantern keys`):
            """ + "\n\n" + SettingKey.allCases.map(\.helpLine).joined(separator: "\n\n"),
        subcommands: [ShowConfig.self, ConfigPath.self],
        defaultSubcommand: ShowConfig.self)
}

/// `lantern config show [--json]`.
struct ShowConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print every setting, its effective value and where it came from.")

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let settings = try CLISettings.resolve()
        if json {
            Output.json(.object([
                ("configPath", .string(settings.configPath)),
                ("configFileLoaded", .bool(settings.configFileLoaded)),
                ("settings", .array(settings.all.map { setting in
                    .object([("key", .string(setting.key.name)), ("value", jsonValue(setting.value)),
                             ("origin", .string(setting.origin.description))])
                })),
                ("keys", .array(settings.keyBindings.map { binding in
                    .object([("action", .string(binding.action)), ("keys", .array(binding.keys.map(JSONValue.string))),
                             ("line", .number(String(binding.line)))])
                })),
            ]))
            return
        }
        Output.line("# " + settings.configPath + (settings.configFileLoaded ? "" : " (not present: defaults apply)"))
        let width = (settings.all.map(\.key.name.count).max() ?? 0) + 1
        for setting in settings.all {
            Output.line(Output.cell(setting.key.name, width) + " = " + setting.value.description + "    # " + setting.origin.description)
        }
        for binding in settings.keyBindings {
            Output.line("keys." + binding.action + " = " + binding.keys.joined(separator: ", ")
                + "    # \(settings.configPath):\(binding.line)")
        }
    }

    private func jsonValue(_ value: SettingValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(text)
        case .boolean(let flag): return .bool(flag)
        case .strings(let items): return .array(items.map(JSONValue.string))
        case .unset: return .null
        }
    }
}

/// `lantern config path`.
struct ConfigPath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Print the configuration file's path (whether or not it exists).")

    func run() throws {
        Output.line(SettingsResolver().configPath)
    }
}

/// The settings as the CLI resolves them: a bad configuration exits 65.
enum CLISettings {
    /// The effective settings, given the flags this command line set.
    static func resolve(_ flags: [SettingKey: String?] = [:]) throws -> Settings {
        do {
            return try SettingsResolver().settings(flags: flags)
        } catch {
            Output.error("configuration: \(error)")
            throw ExitCode(65)
        }
    }

    /// Loads the configured intel and ownership files into the database at `databasePath`
    /// (for the TUI, which opens the database itself); reports what it loaded on standard error.
    static func loadConfiguredSources(_ settings: Settings, databasePath: String) -> ConfiguredSources.Report {
        guard !ConfiguredSources.paths(settings).isEmpty else { return ConfiguredSources.Report() }
        do {
            let report = ConfiguredSources.sync(settings, into: try Store(path: databasePath))
            self.report(report)
            return report
        } catch {
            let report = ConfiguredSources.Report(loaded: [], problems: ["cannot open database \(databasePath): \(error)"])
            self.report(report)
            return report
        }
    }

    /// Prints what loading the configured sources did, on standard error.
    static func report(_ report: ConfiguredSources.Report) {
        for line in report.loaded { Output.error("loaded \(line) (named in the configuration)") }
        for problem in report.problems { Output.error(problem) }
    }

    /// The effective settings, or the defaults when the configuration is bad
    /// (for places that cannot fail; the command's `validate()` has already reported it).
    static func resolvedOrDefault(_ flags: [SettingKey: String?] = [:]) -> Settings {
        let resolver = SettingsResolver()
        return (try? resolver.settings(flags: flags)) ?? resolver.defaults
    }
}

extension SettingKey {
    /// One line of `lantern config --help`: `tui.mouse (LANTERN_MOUSE; default false): …`.
    var helpLine: String {
        let sources = ([flag].compactMap { $0 } + environmentVariables).joined(separator: ", ")
        let fallback = self == .database ? "$XDG_DATA_HOME/lantern/lantern.db" : defaultValue.description
        return "\(name) (\(sources); default \(fallback)): \(summary)"
    }
}
