import Foundation
import Testing

@testable import LanternCore

/// Display times in the configured zone, checked against Python's zoneinfo.
@Suite struct DisplayTimeZoneTests {
    /// Python's reading of `milliseconds` in `zone`: (wall-clock text, offset in minutes).
    static func python(_ milliseconds: Int64, _ zone: String) throws -> (String, Int) {
        let script = """
            import sys, datetime, zoneinfo
            t = datetime.datetime.fromtimestamp(int(sys.argv[1]) / 1000, zoneinfo.ZoneInfo(sys.argv[2]))
            print(t.strftime('%Y-%m-%d %H:%M:%S'), int(t.utcoffset().total_seconds() // 60))
            """
        let result = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, String(milliseconds), zone])
        guard result.status == 0 else { throw TestFailure("python3 zoneinfo failed: \(result.stderr)") }
        let parts = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 3, let minutes = Int(parts[2]) else { throw TestFailure("unexpected: \(result.stdout)") }
        return ("\(parts[0]) \(parts[1])", minutes)
    }

    @Test(arguments: ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"])
    func wallClockMatchesZoneinfo(_ zone: String) throws {
        let display = DisplayTimeZone(try #require(TimeZone(identifier: zone)))
        // Summer and winter, and the demo's attack day.
        for milliseconds: Int64 in [1_688_989_356_000, 1_673_352_000_000, 1_711_846_800_000] {
            let (text, minutes) = try Self.python(milliseconds, zone)
            #expect(display.text(milliseconds) == text, "\(zone) at \(milliseconds)")
            #expect(display.offsetMilliseconds(at: milliseconds) == Int64(minutes) * 60_000)
        }
    }

    @Test func labelsAndDefault() throws {
        #expect(DisplayTimeZone.utc.text(1_688_989_356_000) == "2023-07-10 11:42:36")
        #expect(DisplayTimeZone.utc.label(at: 0) == "UTC")
        #expect(DisplayTimeZone.utc.isUTC)
        let paris = DisplayTimeZone(try #require(TimeZone(identifier: "Europe/Paris")))
        #expect(paris.label(at: 1_688_989_356_000) == "UTC+02:00")
        #expect(!paris.isUTC)
        let kolkata = DisplayTimeZone(try #require(TimeZone(identifier: "Asia/Kolkata")))
        #expect(kolkata.label(at: 0) == "UTC+05:30")
        let settings = try SettingsResolver(environment: ["LANTERN_TIME_ZONE": "Asia/Kolkata"]).resolve(file: nil)
        #expect(settings.displayTimeZone == kolkata)
        #expect(try SettingsResolver(environment: [:]).resolve(file: nil).displayTimeZone.isUTC)
    }
}
