import Foundation
import Testing

@testable import LanternTUI

@Suite struct ThemeTests {
    static let themeFiles: [URL] = {
        let directory = TUITestSupport.packageRoot.appendingPathComponent("themes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".theme") }.sorted().map { directory.appendingPathComponent($0) }
    }()

    @Test func theRequiredThemesExistAndParseCompletely() throws {
        let names = Self.themeFiles.map { $0.deletingPathExtension().lastPathComponent }
        for required in ["default", "dark-256", "light", "high-contrast", "monochrome"] {
            #expect(names.contains(required), "themes/\(required).theme is missing")
        }
        for file in Self.themeFiles {
            let theme = try ThemeLocator.loadFile(file.path)
            for role in StyleRole.allCases {
                #expect(theme.styles[role] != nil, "\(file.lastPathComponent) leaves out \(role.rawValue)")
            }
        }
    }

    @Test func builtinCopiesMatchTheFiles() throws {
        // Regenerate with scripts/gen-builtin-themes.sh when this fails.
        for file in Self.themeFiles {
            let name = file.deletingPathExtension().lastPathComponent
            let text = try String(contentsOf: file, encoding: .utf8)
            let builtin = Theme.builtinFiles.first { $0.name == name }?.text
            #expect(builtin.map { $0 + "\n" } == text, "built-in copy of \(name) is stale: run scripts/gen-builtin-themes.sh")
        }
        #expect(Theme.builtinFiles.count == Self.themeFiles.count)
    }

    @Test func monochromeAndDefaultUseNoFixedColours() throws {
        let monochrome = try #require(try ThemeLocator.builtin("monochrome"))
        for style in monochrome.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        let standard = try #require(try ThemeLocator.builtin("default"))
        for style in standard.styles.values {
            if case .indexed = style.foreground { Issue.record("default theme uses a 256-colour foreground") }
            if case .rgb = style.foreground { Issue.record("default theme uses an RGB foreground") }
        }
    }

    @Test func badFilesNameTheLineAndKey() {
        let text = """
            # a theme
            text = default default
            severity.critical = red default bold

            selecton = default default reverse
            """
        #expect(throws: ThemeError(source: "bad.theme", line: 5, key: "selecton", reason: "unknown role")) {
            try ThemeParser.parse(text, name: "bad", source: "bad.theme")
        }
        #expect(throws: ThemeError(source: "t", line: 1, key: "muted", reason: "unknown foreground colour 'purplish'")) {
            try ThemeParser.parse("muted = purplish default", name: "t", source: "t")
        }
        #expect(throws: ThemeError(source: "t", line: 2, key: "title", reason: "unknown attribute 'blink'")) {
            try ThemeParser.parse("text = red default\ntitle = red default blink", name: "t", source: "t")
        }
        #expect(throws: ThemeError(source: "t", line: 2, key: "text", reason: "role given twice")) {
            try ThemeParser.parse("text = red default\ntext = red default", name: "t", source: "t")
        }
        #expect(throws: ThemeError(source: "t", line: 1, key: nil, reason: "expected 'role = foreground background [attributes]'")) {
            try ThemeParser.parse("just words", name: "t", source: "t")
        }
        let message = ThemeError(source: "x.theme", line: 5, key: "selecton", reason: "unknown role").description
        #expect(message == "x.theme:5: 'selecton': unknown role")
    }

    @Test func loadingByPathAndNameAndUnknownName() throws {
        let directory = try TUITestSupport.temporaryDirectory()
        let path = directory.appendingPathComponent("mine.theme").path
        try "text = green default\n".write(toFile: path, atomically: true, encoding: .utf8)
        let theme = try ThemeLocator.load(path)
        #expect(theme.name == "mine")
        #expect(theme.style(.selection) == Style(foreground: .ansi(2)))
        let byName = try ThemeLocator.load("mine", environment: ["LANTERN_THEME_DIR": directory.path])
        #expect(byName.name == "mine")
        #expect(throws: ThemeError.self) { try ThemeLocator.load("no-such-theme", environment: [:]) }
        #expect(try ThemeLocator.load("light", environment: [:]).name == "light")
    }

    @Test func coloursParseAndDownsample() {
        #expect(Color(parsing: "bright-red") == .ansi(9))
        #expect(Color(parsing: "color208") == .indexed(208))
        #expect(Color(parsing: "#ff0000") == .rgb(255, 0, 0))
        #expect(Color(parsing: "nope") == nil)
        #expect(Color.rgb(255, 0, 0).paletteIndex(colors: 256) == 196)
        #expect(Color.rgb(255, 0, 0).paletteIndex(colors: 16) == 9)
        #expect(Color.indexed(196).paletteIndex(colors: 8) == 1)
        #expect(Color.ansi(9).paletteIndex(colors: 8) == 1)
        #expect(Color.terminalDefault.paletteIndex(colors: 256) == -1)
    }

    @Test func readmeDocumentsEveryRole() throws {
        let readme = try String(contentsOf: TUITestSupport.packageRoot.appendingPathComponent("themes/README.md"), encoding: .utf8)
        for role in StyleRole.allCases {
            #expect(readme.contains("`\(role.rawValue)`"), "themes/README.md does not document \(role.rawValue)")
        }
    }
}
