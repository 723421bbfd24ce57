import Foundation

/// One setting's effective value and where it came from.
public struct ResolvedSetting: Equatable, Sendable {
    public var key: SettingKey
    public var value: SettingValue
    public var origin: SettingOrigin
}

/// The effective settings: every ``SettingKey`` resolved (flag > environment
/// > configuration file > default) by ``SettingsResolver``.
public struct Settings: Sendable {
    /// Every setting, in ``SettingKey`` order.
    public var all: [ResolvedSetting]
    /// The configuration file's path (whether or not it exists).
    public var configPath: String
    /// Whether that file was read.
    public var configFileLoaded: Bool
    /// The `[keys]` table of the file, for the TUI's key map.
    public var keyBindings: [KeyBindingSetting]

    /// The resolved setting for `key`.
    public subscript(key: SettingKey) -> ResolvedSetting {
        all.first(where: { $0.key == key }) ?? ResolvedSetting(key: key, value: key.defaultValue, origin: .builtIn)
    }

    private func text(_ key: SettingKey) -> String? { self[key].value.string }

    private func flag(_ key: SettingKey) -> Bool {
        if case .boolean(let value) = self[key].value { return value }
        return false
    }

    private func list(_ key: SettingKey) -> [String] {
        if case .strings(let items) = self[key].value { return items }
        return []
    }

    /// The database file.
    public var database: String { text(.database) ?? Store.defaultPath }
    /// The theme name or path.
    public var theme: String { text(.theme) ?? "default" }
    /// The time zone for displayed times (UTC unless set).
    public var timeZone: TimeZone {
        let name = text(.timeZone) ?? "UTC"
        if name == "local" { return TimeZone.current }
        return TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current
    }
    /// Whether the database is opened read-only.
    public var readOnly: Bool { flag(.readOnly) }
    /// The activity window on each side, in milliseconds.
    public var activityWindowMilliseconds: Int64 {
        text(.activityWindow).flatMap(TimeWindow.duration) ?? 24 * 3_600_000
    }
    /// Intel files loaded automatically.
    public var intelSources: [String] { list(.intelSources) }
    /// Ownership files loaded automatically.
    public var ownershipSources: [String] { list(.ownershipSources) }
    /// The account catalog file, if any.
    public var accountCatalog: String? { text(.accountCatalog) }
    /// The AWS profile for live sources, if set.
    public var awsProfile: String? { text(.awsProfile) }
    /// The AWS region for live sources, if set.
    public var awsRegion: String? { text(.awsRegion) }
    /// The Athena table (`database.table`), if set.
    public var athenaTable: String? { text(.athenaTable) }
    /// The Athena workgroup.
    public var athenaWorkgroup: String? { text(.athenaWorkgroup) }
    /// The Athena result location, if set.
    public var athenaOutput: String? { text(.athenaOutput) }
    /// Whether the TUI takes the mouse.
    public var mouse: Bool { flag(.mouse) }
    /// Whether `y` copies through OSC 52 (false: copying is off).
    public var clipboardOSC52: Bool { text(.clipboard) != "off" }
    /// The key preset the `[keys]` table starts from: `vim` or `emacs`.
    public var keymapPreset: String { text(.keymap) ?? "vim" }
}
