import LanternCore

/// A theme file, or a theme name.
public enum ThemeSubject: LocatedErrorSubject {}

/// Why a theme could not be loaded: `ocean.theme:7: 'severity.high': not a colour`.
public typealias ThemeError = LocatedError<ThemeSubject>
