import Foundation
import Testing

@testable import LanternCore

/// Precedence (flag > environment > file > default) and every configuration error path.
@Suite struct SettingsResolverTests {
    /// Writes `text` as a config file in a fresh folder; returns its path and folder.
    static func configFile(_ text: String) throws -> (path: String, directory: URL) {
        let directory = try TestSupport.temporaryDirectory()
        let path = directory.appendingPathComponent("config.toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, directory)
    }

    @Test func flagBeatsEnvironmentBeatsFileBeatsDefault() throws {
        let (path, directory) = try Self.configFile("# themes\ntheme = \"light\"\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try ConfigFile.load(path: path)

        let all = try SettingsResolver(environment: ["LANTERN_THEME": "dark-256"]).resolve(flags: [.theme: "monochrome"], file: file)
        #expect(all[.theme] == ResolvedSetting(key: .theme, value: .string("monochrome"), origin: .flag("--theme")))

        let noFlag = try SettingsResolver(environment: ["LANTERN_THEME": "dark-256"]).resolve(flags: [.theme: nil], file: file)
        #expect(noFlag[.theme] == ResolvedSetting(key: .theme, value: .string("dark-256"), origin: .environment("LANTERN_THEME")))

        let fileOnly = try SettingsResolver(environment: ["LANTERN_THEME": ""]).resolve(file: file)
        #expect(fileOnly[.theme] == ResolvedSetting(key: .theme, value: .string("light"), origin: .file(path: path, line: 2)))

        let none = try SettingsResolver(environment: [:]).resolve(file: nil)
        #expect(none[.theme] == ResolvedSetting(key: .theme, value: .string("default"), origin: .builtIn))
        #expect(none.theme == "default")
    }

    @Test func defaultsOfEverySetting() throws {
        let settings = try SettingsResolver(environment: ["XDG_DATA_HOME": "/data"]).resolve(file: nil)
        #expect(settings.all.map(\.key) == SettingKey.allCases)
        #expect(settings.all.allSatisfy { $0.origin == .builtIn })
        #expect(settings.database == "/data/lantern/lantern.db")
        #expect(settings.timeZone.identifier == "UTC" || settings.timeZone.secondsFromGMT() == 0)
        #expect(settings.activityWindowMilliseconds == 24 * 3_600_000)
        #expect(settings.readOnly == false)
        #expect(settings.mouse == false)
        #expect(settings.clipboardOSC52)
        #expect(settings.keymapPreset == "vim")
        #expect(settings.athenaWorkgroup == "primary")
        #expect(settings.awsProfile == nil && settings.awsRegion == nil && settings.athenaTable == nil)
        #expect(settings.intelSources.isEmpty && settings.ownershipSources.isEmpty && settings.accountCatalog == nil)
    }

    @Test func everyKeyFromTheFileWithItsLine() throws {
        let text = """
            database = "db/lantern.db"
            theme = "light"
            time-zone = "Europe/Paris"
            read-only = true

            [activity]
            window = "6h"

            [sources]
            intel = ["intel/a.txt", "/abs/b.csv"]
            ownership = ["~/ip-ranges.json"]
            accounts = "accounts.csv"

            [aws]
            profile = "sec"
            region = "eu-west-1"

            [athena]
            table = "security.cloudtrail"
            workgroup = "ir"
            output = "s3://results/lantern/"

            [tui]
            mouse = true
            clipboard = "off"
            keymap = "emacs"

            [keys]
            move-down = ["j", "C-n"]
            quit = "Q"
            """
        let (path, directory) = try Self.configFile(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings = try SettingsResolver(environment: ["LANTERN_CONFIG": path]).settings()
        let folder = (path as NSString).deletingLastPathComponent
        #expect(settings.configFileLoaded && settings.configPath == path)
        #expect(settings.database == folder + "/db/lantern.db")
        #expect(settings.theme == "light")
        #expect(settings.timeZone.identifier == "Europe/Paris")
        #expect(settings.readOnly)
        #expect(settings.activityWindowMilliseconds == 6 * 3_600_000)
        #expect(settings.intelSources == [folder + "/intel/a.txt", "/abs/b.csv"])
        #expect(settings.ownershipSources == [NSHomeDirectory() + "/ip-ranges.json"])
        #expect(settings.accountCatalog == folder + "/accounts.csv")
        #expect(settings.awsProfile == "sec" && settings.awsRegion == "eu-west-1")
        #expect(settings.athenaTable == "security.cloudtrail" && settings.athenaWorkgroup == "ir")
        #expect(settings.athenaOutput == "s3://results/lantern/")
        #expect(settings.mouse && !settings.clipboardOSC52 && settings.keymapPreset == "emacs")
        // Lines counted in the text above.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ prefix: String) -> Int { (lines.firstIndex(where: { $0.hasPrefix(prefix) }) ?? -1) + 1 }
        #expect(settings.keyBindings == [
            KeyBindingSetting(action: "move-down", keys: ["j", "C-n"], line: line("move-down")),
            KeyBindingSetting(action: "quit", keys: ["Q"], line: line("quit")),
        ])
        let keymapLine = line("keymap")
        #expect(settings[.keymap].origin == .file(path: path, line: keymapLine))
        #expect(settings[.database].origin == .file(path: path, line: 1))
        #expect(settings.all.allSatisfy { if case .file = $0.origin { return true } else { return false } })
    }

    @Test func environmentVariablesOfEverySetting() throws {
        let environment = [
            "LANTERN_DB": "/x/l.db", "LANTERN_THEME": "light", "LANTERN_TIME_ZONE": "local", "LANTERN_READ_ONLY": "yes",
            "LANTERN_ACTIVITY_WINDOW": "90m", "LANTERN_INTEL": "/a:/b", "LANTERN_OWNERSHIP": "/c",
            "LANTERN_ACCOUNTS": "/d.csv", "AWS_PROFILE": "p", "AWS_DEFAULT_REGION": "us-east-2", "AWS_REGION": "us-west-1",
            "LANTERN_ATHENA_TABLE": "t", "LANTERN_ATHENA_WORKGROUP": "w", "LANTERN_ATHENA_OUTPUT": "s3://o/",
            "LANTERN_MOUSE": "on", "LANTERN_CLIPBOARD": "off", "LANTERN_KEYMAP": "emacs",
        ]
        let settings = try SettingsResolver(environment: environment).resolve(file: nil)
        #expect(settings.all.allSatisfy { if case .environment = $0.origin { return true } else { return false } })
        #expect(settings.database == "/x/l.db" && settings.theme == "light" && settings.readOnly)
        #expect(settings.timeZone == TimeZone.current)
        #expect(settings.activityWindowMilliseconds == 90 * 60_000)
        #expect(settings.intelSources == ["/a", "/b"] && settings.ownershipSources == ["/c"] && settings.accountCatalog == "/d.csv")
        #expect(settings.awsRegion == "us-west-1", "AWS_REGION wins over AWS_DEFAULT_REGION")
        #expect(settings[.awsRegion].origin == .environment("AWS_REGION"))
        #expect(settings.mouse && !settings.clipboardOSC52 && settings.keymapPreset == "emacs")
    }

    @Test func configPathComesFromLanternConfigThenXDG() {
        #expect(SettingsResolver(environment: ["LANTERN_CONFIG": "/etc/l.toml", "XDG_CONFIG_HOME": "/cfg"]).configPath == "/etc/l.toml")
        #expect(SettingsResolver(environment: ["XDG_CONFIG_HOME": "/cfg"]).configPath == "/cfg/lantern/config.toml")
        #expect(SettingsResolver(environment: [:]).configPath == NSHomeDirectory() + "/.config/lantern/config.toml")
    }

    @Test func missingDefaultFileMeansDefaults() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings = try SettingsResolver(environment: ["XDG_CONFIG_HOME": directory.path]).settings()
        #expect(!settings.configFileLoaded)
        #expect(settings.configPath == directory.path + "/lantern/config.toml")
    }

    @Test func missingExplicitFileIsAnError() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/nope.toml"
        #expect(throws: ConfigError(source: path, line: nil, key: nil, reason: "no such file")) {
            _ = try SettingsResolver(environment: ["LANTERN_CONFIG": path]).settings()
        }
    }

    /// Every way a file can be wrong: (text, line, key, part of the reason).
    static let badFiles: [(text: String, line: Int, key: String?, reason: String)] = [
        ("theme = \"light\"\ncolour = \"x\"", 2, "colour", "unknown key"),
        ("[tui]\nclipbaord = \"off\"", 2, "tui.clipbaord", "unknown key; keys here are mouse, clipboard, keymap"),
        ("read_only = true", 1, "read_only", "did you mean 'read-only'?"),
        ("mouse = true", 1, "mouse", "did you mean 'tui.mouse'?"),
        ("[ui]\nmouse = true", 1, "ui", "unknown table"),
        ("[tui.colours]", 1, "tui.colours", "unknown table"),
        ("theme = 3", 1, "theme", "expected a string, got an integer"),
        ("[tui]\nmouse = \"yes\"", 2, "tui.mouse", "expected true or false, got a string"),
        ("[tui]\nclipboard = \"xclip\"", 2, "tui.clipboard", "expected one of osc52, off, got 'xclip'"),
        ("[tui]\nkeymap = \"nano\"", 2, "tui.keymap", "expected one of vim, emacs"),
        ("[activity]\nwindow = \"a day\"", 2, "activity.window", "expected a duration"),
        ("[activity]\nwindow = \"0h\"", 2, "activity.window", "expected a duration"),
        ("time-zone = \"Mars/Olympus\"", 1, "time-zone", "unknown time zone"),
        ("[aws]\nprofile = \"\"", 2, "aws.profile", "must not be empty"),
        ("[sources]\nintel = \"one.txt\"", 2, "sources.intel", "expected an array of strings, got a string"),
        ("database = [\"a\"]", 1, "database", "expected a string, got an array of strings"),
        ("[keys]\nquit = true", 2, "keys.quit", "expected a key name or an array of key names"),
        ("[keys]\nmove.down = \"j\"", 2, "keys.move.down", "a key binding is"),
        ("theme = light", 1, "theme", "strings need quotes"),
        ("theme = \"a\"\ntheme = \"b\"", 2, "theme", "defined twice"),
        ("\n\n[tui\nmouse = true", 3, nil, "expected ']'"),
    ]

    @Test(arguments: 0..<badFiles.count)
    func badFileNamesFileLineAndKey(_ index: Int) throws {
        let bad = Self.badFiles[index]
        let (path, directory) = try Self.configFile(bad.text)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try SettingsResolver(environment: ["LANTERN_CONFIG": path]).settings()
            Issue.record("accepted: \(bad.text)")
        } catch {
            #expect(error.source == path)
            #expect(error.line == bad.line, "\(error)")
            #expect(error.key == bad.key, "\(error)")
            #expect(error.reason.contains(bad.reason), "\(error)")
            #expect(error.description.hasPrefix("\(path):\(bad.line): "))
        }
    }

    /// Bad values in the environment and in flags name the variable or flag.
    @Test func badEnvironmentAndFlagValuesNameTheirSource() throws {
        #expect(throws: ConfigError(source: "environment LANTERN_MOUSE", line: nil, key: "tui.mouse",
                                    reason: "expected true or false, got 'maybe'")) {
            _ = try SettingsResolver(environment: ["LANTERN_MOUSE": "maybe"]).resolve(file: nil)
        }
        #expect(throws: ConfigError(source: "environment LANTERN_CLIPBOARD", line: nil, key: "tui.clipboard",
                                    reason: "expected one of osc52, off, got 'pbcopy'")) {
            _ = try SettingsResolver(environment: ["LANTERN_CLIPBOARD": "pbcopy"]).resolve(file: nil)
        }
        #expect(throws: ConfigError(source: "flag --window", line: nil, key: "activity.window",
                                    reason: "expected a duration such as 24h, 90m or 2d, got 'soon'")) {
            _ = try SettingsResolver(environment: [:]).resolve(flags: [.activityWindow: "soon"], file: nil)
        }
    }

    @Test func unreadableFileIsAnError() throws {
        let (path, directory) = try Self.configFile("")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigError(source: path, line: nil, key: nil, reason: "cannot read the file (is it UTF-8?)")) {
            _ = try ConfigFile.load(path: path)
        }
    }

    /// `LANTERN_CONFIG=/dev/null` means no settings from a file.
    @Test func devNullIsAnEmptyConfiguration() throws {
        let settings = try SettingsResolver(environment: ["LANTERN_CONFIG": "/dev/null"]).settings()
        #expect(settings.configFileLoaded)
        #expect(settings.all.allSatisfy { $0.origin == .builtIn })
    }

    /// The shipped example parses, and sets every setting.
    @Test func exampleConfigParsesAndCoversEverySetting() throws {
        let path = TestSupport.packageRoot.appendingPathComponent("config.example.toml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Every key is in the example, commented out: uncomment them all and check the result.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("# ") && line.contains(" = ") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let file = try ConfigFile.parse(uncommented, path: path)
        #expect(Set(file.values.keys) == Set(SettingKey.allCases))
        #expect(!file.keyBindings.isEmpty)
    }
}
