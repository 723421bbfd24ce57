import Foundation
import Testing

@testable import LanternCore

/// Intel and ownership files named in the configuration load automatically, once, and again when changed.
@Suite struct ConfiguredSourcesTests {
    @Test func configuredFilesLoadOnceAndAgainWhenChanged() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let intel = directory.appendingPathComponent("blocklist.txt")
        let lines = ["# a blocklist", "203.0.113.9", "198.51.100.0/24", "", "evil.example"]
        try Data(lines.joined(separator: "\n").utf8).write(to: intel)
        let expectedEntries = lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }.count
        let config = directory.appendingPathComponent("config.toml").path
        try Data("[sources]\nintel = [\"blocklist.txt\", \"missing.txt\"]\n".utf8).write(to: URL(fileURLWithPath: config))
        let settings = try SettingsResolver(environment: ["LANTERN_CONFIG": config]).settings()
        #expect(ConfiguredSources.paths(settings) == [intel.path, directory.appendingPathComponent("missing.txt").path])

        let first = ConfiguredSources.sync(settings, into: store)
        #expect(first.loaded == ["blocklist: \(expectedEntries) entries"])
        #expect(first.problems == ["\(directory.path)/missing.txt: no such file (named in the configuration)"])
        let sources = try store.enrichmentSources()
        #expect(sources.map(\.path) == [intel.path])
        #expect(sources.first?.entries == expectedEntries)

        // Unchanged: not loaded again.
        #expect(ConfiguredSources.sync(settings, into: store).loaded.isEmpty)

        // Changed later: loaded again.
        try Data((lines + ["192.0.2.1"]).joined(separator: "\n").utf8).write(to: intel)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: intel.path)
        #expect(ConfiguredSources.sync(settings, into: store).loaded == ["blocklist: \(expectedEntries + 1) entries"])
    }

    @Test func nothingConfiguredDoesNothing() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings = try SettingsResolver(environment: [:]).resolve(file: nil)
        #expect(ConfiguredSources.sync(settings, into: store) == ConfiguredSources.Report())
    }
}
