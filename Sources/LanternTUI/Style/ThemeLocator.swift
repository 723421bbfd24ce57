import Foundation

/// Finds and loads themes by name or path.
///
/// `--theme PATH` (anything with a `/` or ending in `.theme`) reads that
/// file. `--theme NAME` looks for `NAME.theme` in `$LANTERN_THEME_DIR`, then
/// `$XDG_CONFIG_HOME/lantern/themes` (default `~/.config/lantern/themes`),
/// then the built-in copies of `themes/`.
public enum ThemeLocator {
    /// The name of the theme used when none is asked for.
    public static let defaultName = "default"

    /// Names of the built-in themes.
    public static var builtinNames: [String] { Theme.builtinFiles.map(\.name).sorted() }

    /// The built-in theme `name`, parsed; nil when there is none.
    public static func builtin(_ name: String) throws(ThemeError) -> Theme? {
        guard let file = Theme.builtinFiles.first(where: { $0.name == name }) else { return nil }
        return try ThemeParser.parse(file.text, name: name, source: "built-in theme \(name)")
    }

    /// The default theme; never fails (the built-in file is checked by tests).
    public static var fallback: Theme {
        (try? builtin(defaultName)).flatMap { $0 } ?? Theme(name: defaultName, styles: [:])
    }

    /// Loads the theme named or located by `nameOrPath`.
    public static func load(_ nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ThemeError) -> Theme
    {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try loadFile(nameOrPath)
        }
        for directory in searchDirectories(environment: environment) {
            let path = (directory as NSString).appendingPathComponent(nameOrPath + ".theme")
            if FileManager.default.fileExists(atPath: path) { return try loadFile(path) }
        }
        if let theme = try builtin(nameOrPath) { return theme }
        throw ThemeError(source: nameOrPath, line: nil, key: nil,
                         reason: "no such theme; built-in themes: \(builtinNames.joined(separator: ", "))")
    }

    /// Reads and parses the theme file at `path`.
    public static func loadFile(_ path: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(source: path, line: nil, key: nil, reason: "cannot read the file")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ThemeParser.parse(text, name: name, source: path)
    }

    static func searchDirectories(environment: [String: String]) -> [String] {
        var directories: [String] = []
        if let explicit = environment["LANTERN_THEME_DIR"], !explicit.isEmpty { directories.append(explicit) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        directories.append((config as NSString).appendingPathComponent("lantern/themes"))
        return directories
    }
}
