import Foundation

/// Resolves the settings in one place: command-line flag > environment >
/// configuration file > default.
public struct SettingsResolver: Sendable {
    /// The environment to read (the process's by default).
    public var environment: [String: String]

    /// Makes a resolver over `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    private func variable(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The configuration file: `$LANTERN_CONFIG`, else `$XDG_CONFIG_HOME/lantern/config.toml`
    /// (default `~/.config/lantern/config.toml`).
    public var configPath: String {
        if let explicit = variable("LANTERN_CONFIG") { return SettingKey.expandingTilde(explicit) }
        let base = variable("XDG_CONFIG_HOME") ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("lantern/config.toml")
    }

    /// Whether the file was named by `LANTERN_CONFIG` (then it must exist).
    public var configPathIsExplicit: Bool { variable("LANTERN_CONFIG") != nil }

    /// The default database: `$XDG_DATA_HOME/lantern/lantern.db` (default `~/.local/share/…`).
    public var defaultDatabase: String {
        let base = variable("XDG_DATA_HOME") ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("lantern/lantern.db")
    }

    /// Reads and checks the configuration file; nil when the default file does not exist.
    public func loadFile() throws(ConfigError) -> ConfigFile? {
        let path = configPath
        if !configPathIsExplicit, !FileManager.default.fileExists(atPath: path) { return nil }
        return try ConfigFile.load(path: path)
    }

    /// The effective settings given the flags the command line set (nil or absent: not given).
    public func resolve(flags: [SettingKey: String?] = [:], file: ConfigFile?) throws(ConfigError) -> Settings {
        var all: [ResolvedSetting] = []
        for key in SettingKey.allCases {
            if let given = flags[key], let text = given {
                let name = key.flag ?? "--" + key.name
                all.append(ResolvedSetting(key: key, value: try key.value(text: text, source: "flag \(name)"), origin: .flag(name)))
            } else if let name = key.environmentVariables.first(where: { variable($0) != nil }), let text = variable(name) {
                all.append(ResolvedSetting(key: key, value: try key.value(text: text, source: "environment \(name)"),
                                           origin: .environment(name)))
            } else if let file, let given = file.values[key] {
                all.append(ResolvedSetting(key: key, value: given.value, origin: .file(path: file.path, line: given.line)))
            } else {
                all.append(defaultSetting(key))
            }
        }
        return Settings(all: all, configPath: file?.path ?? configPath, configFileLoaded: file != nil,
                        keyBindings: file?.keyBindings ?? [])
    }

    /// The built-in default of `key`.
    private func defaultSetting(_ key: SettingKey) -> ResolvedSetting {
        ResolvedSetting(key: key, value: key == .database ? .string(defaultDatabase) : key.defaultValue, origin: .builtIn)
    }

    /// Every setting at its built-in default (for callers that cannot fail).
    public var defaults: Settings {
        Settings(all: SettingKey.allCases.map(defaultSetting), configPath: configPath, configFileLoaded: false, keyBindings: [])
    }

    /// Loads the file and resolves: what a command calls.
    public func settings(flags: [SettingKey: String?] = [:]) throws(ConfigError) -> Settings {
        try resolve(flags: flags, file: loadFile())
    }
}
