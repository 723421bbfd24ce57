/// A named mapping from every ``StyleRole`` to a ``Style``.
///
/// Themes are data: `themes/*.theme` files parsed by ``ThemeParser``. Roles
/// a file leaves out fall back to the `text` role.
public struct Theme: Equatable, Sendable {
    /// The theme's name (its file name without `.theme`).
    public var name: String
    /// Styles by role, as the file gave them.
    public var styles: [StyleRole: Style]

    /// Makes a theme.
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `role` (the `text` style when the theme leaves it out).
    public func style(_ role: StyleRole) -> Style {
        styles[role] ?? styles[.text] ?? .plain
    }

    /// The theme with every colour removed, attributes kept (for `NO_COLOR`).
    public var withoutColor: Theme {
        Theme(name: name, styles: styles.mapValues { Style(attributes: $0.attributes) })
    }
}
