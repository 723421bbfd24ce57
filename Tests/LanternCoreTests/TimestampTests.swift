import Foundation
import Testing

@testable import LanternCore

/// `Timestamp.string(milliseconds:)` writes its digits on the stack for years 0–9999 and
/// spells other years as before; both checked against Foundation's formatter and known values.
struct TimestampTests {
    @Test func formattingMatchesFoundationAcrossTwoCenturies() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        var random = SplitMix64(seed: 11)
        for _ in 0..<5000 {
            // 1900-01-01 … 2200-01-01, with milliseconds (dropped by the format).
            let ms = -2_208_988_800_000 + Int64(random.next() % 9_467_280_000_000)
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(ms.floorDivided(by: 1000))))
            #expect(Timestamp.string(milliseconds: ms) == expected, "\(ms)")
            #expect(Timestamp.withUTF8(milliseconds: ms) { Array($0) } == Array(expected.utf8))
        }
    }

    @Test func yearsOutsideFourDigitsKeepTheirSpelling() {
        #expect(Timestamp.string(milliseconds: 253_402_300_799_000) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.string(milliseconds: 253_402_300_800_000) == "10000-01-01T00:00:00Z")
        #expect(Timestamp.string(milliseconds: -62_167_219_200_000) == "0000-01-01T00:00:00Z")
        #expect(Timestamp.string(milliseconds: -62_198_755_200_000) == "00-1-01-01T00:00:00Z")
        #expect(Timestamp.string(milliseconds: -1) == "1969-12-31T23:59:59Z")
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 { self >= 0 ? self / divisor : (self - divisor + 1) / divisor }
}
