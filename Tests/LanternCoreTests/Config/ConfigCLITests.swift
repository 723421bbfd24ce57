import Foundation
import Testing

@testable import LanternCore

/// `lantern config`, `lantern keys` and the configuration taking effect, on the real binary.
@Suite(.serialized) struct ConfigCLITests {
    /// The process environment without any Lantern, XDG or AWS variable, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("LANTERN_") && !key.hasPrefix("XDG_") && !key.hasPrefix("AWS_")
        }
        environment.merge(extra) { $1 }
        return environment
    }

    @Test func configPathFollowsXDGAndLanternConfig() throws {
        let binary = try TestSupport.lanternBinary()
        let xdg = try TestSupport.run(binary, ["config", "path"], environment: Self.environment(["XDG_CONFIG_HOME": "/tmp/xdg-cfg"]))
        #expect(xdg.status == 0)
        #expect(xdg.stdout == "/tmp/xdg-cfg/lantern/config.toml\n")
        let explicit = try TestSupport.run(binary, ["config", "path"], environment: Self.environment(["LANTERN_CONFIG": "/etc/l.toml"]))
        #expect(explicit.stdout == "/etc/l.toml\n")
    }

    @Test func configShowNamesWhereEachValueCameFrom() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("lantern/config.toml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("theme = \"light\"\n\n[tui]\nmouse = true\n[keys]\nquit = \"Q\"\n".utf8).write(to: config)
        let environment = Self.environment(["XDG_CONFIG_HOME": directory.path, "LANTERN_TIME_ZONE": "Europe/Paris"])
        let result = try TestSupport.run(binary, ["config", "show", "--json"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        #expect(json["configPath"]?.stringValue == config.path)
        let settings = try #require(json["settings"]?.arrayValue)
        func setting(_ key: String) -> JSONValue? { settings.first(where: { $0["key"]?.stringValue == key }) }
        #expect(setting("theme")?["value"]?.stringValue == "light")
        #expect(setting("theme")?["origin"]?.stringValue == "\(config.path):1")
        #expect(setting("tui.mouse")?["origin"]?.stringValue == "\(config.path):4")
        #expect(setting("time-zone")?["value"]?.stringValue == "Europe/Paris")
        #expect(setting("time-zone")?["origin"]?.stringValue == "environment LANTERN_TIME_ZONE")
        #expect(setting("tui.clipboard")?["origin"]?.stringValue == "default")
        #expect(settings.count == SettingKey.allCases.count)
        #expect(json["keys"]?.arrayValue?.first?["action"]?.stringValue == "quit")

        let plain = try TestSupport.run(binary, ["config", "show"], environment: environment)
        #expect(plain.stdout.contains("theme"))
        #expect(plain.stdout.contains("= light    # \(config.path):1"))
    }

    @Test func badConfigExits65NamingFileLineAndKey() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.toml").path
        try Data("theme = \"light\"\n[tui]\nmouse = \"sometimes\"\n".utf8).write(to: URL(fileURLWithPath: config))
        let environment = Self.environment(["LANTERN_CONFIG": config])
        for arguments in [["config", "show"], ["findings", "--db", directory.path + "/x.db"], ["keys"]] {
            let result = try TestSupport.run(binary, arguments, environment: environment)
            #expect(result.status == 65, "\(arguments)")
            #expect(result.stderr.contains("\(config):3: 'tui.mouse': expected true or false, got a string"), "\(result.stderr)")
        }
        try Data("colour = \"red\"\n".utf8).write(to: URL(fileURLWithPath: config))
        let unknown = try TestSupport.run(binary, ["config", "show"], environment: environment)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("\(config):1: 'colour': unknown key"))
    }

    /// `database` in the file, `LANTERN_DB` and `--db` each pick the database `findings` reads.
    @Test func databaseSettingTakesEffect() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = directory.appendingPathComponent("demo.db").path
        let built = try TestSupport.run(binary, ["demo", "--no-tui", "--db", demo], environment: Self.environment([:]))
        #expect(built.status == 0, "\(built.stderr)")
        let empty = directory.appendingPathComponent("empty.db").path
        _ = try Store(path: empty)
        let demoCount = try Store(path: demo, readOnly: true).counts().findings
        #expect(demoCount > 0)

        let config = directory.appendingPathComponent("config.toml").path
        try Data("database = \"demo.db\"\n".utf8).write(to: URL(fileURLWithPath: config))
        func findings(_ arguments: [String], _ extra: [String: String]) throws -> Int {
            let result = try TestSupport.run(binary, ["findings", "--json"] + arguments,
                                             environment: Self.environment(["LANTERN_CONFIG": config].merging(extra) { $1 }))
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONValue.parse(result.stdout).arrayValue?.count ?? -1
        }
        #expect(try findings([], [:]) == demoCount, "file")
        #expect(try findings([], ["LANTERN_DB": empty]) == 0, "environment over file")
        #expect(try findings(["--db", demo], ["LANTERN_DB": empty]) == demoCount, "flag over environment")
    }

    /// Intel named in `sources.intel` is loaded by the first command that opens the database, once.
    @Test func configuredIntelLoadsAutomatically() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("203.0.113.9\n198.51.100.7\n".utf8).write(to: directory.appendingPathComponent("bad-ips.txt"))
        let config = directory.appendingPathComponent("config.toml").path
        try Data("database = \"l.db\"\n[sources]\nintel = [\"bad-ips.txt\"]\n".utf8).write(to: URL(fileURLWithPath: config))
        let environment = Self.environment(["LANTERN_CONFIG": config])
        let first = try TestSupport.run(binary, ["intel", "list", "--json"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("loaded bad-ips: 2 entries (named in the configuration)"), "\(first.stderr)")
        let sources = try #require(try JSONValue.parse(first.stdout).arrayValue)
        #expect(sources.map { $0["path"]?.stringValue } == [directory.appendingPathComponent("bad-ips.txt").path])
        let enrich = try TestSupport.run(binary, ["enrich", "203.0.113.9", "--json"], environment: environment)
        #expect(enrich.status == 0, "\(enrich.stderr)")
        #expect(enrich.stdout.contains("bad-ips"))
        #expect(!enrich.stderr.contains("loaded"), "loaded again: \(enrich.stderr)")
    }

    @Test func keysCommandShowsRemapsAndConflicts() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.toml").path
        try Data("[keys]\nsort = \"k\"\n".utf8).write(to: URL(fileURLWithPath: config))
        let result = try TestSupport.run(binary, ["keys", "--markdown"], environment: Self.environment(["LANTERN_CONFIG": config]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| `k` | `sort` |"))
        #expect(result.stdout.contains("Findings: k now runs sort (was move-up)"))

        try Data("[keys]\nsort = \"Alt-s\"\n".utf8).write(to: URL(fileURLWithPath: config))
        let bad = try TestSupport.run(binary, ["keys"], environment: Self.environment(["LANTERN_CONFIG": config]))
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("\(config):2: 'keys.sort': 'Alt-s': Meta/Alt keys are not supported yet"), "\(bad.stderr)")
    }

    /// docs/configuration.md documents every key and environment variable.
    @Test func documentationCoversEverySetting() throws {
        let docs = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for key in SettingKey.allCases {
            #expect(docs.contains("| `\(key.name)` |"), "\(key.name)")
            for variable in key.environmentVariables { #expect(docs.contains(variable), "\(variable)") }
        }
    }
}
