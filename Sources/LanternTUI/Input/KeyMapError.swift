import LanternCore

/// The `[keys]` table of the configuration, or a key preset.
public enum KeyMapSubject: LocatedErrorSubject {}

/// Why a `[keys]` table could not be applied: `config.toml:31: 'keys.move-dwn': unknown action`.
public typealias KeyMapError = LocatedError<KeyMapSubject>
