import Foundation
import Testing

@testable import LanternCore

/// Inputs found while fuzzing (`scripts/fuzz.sh`, docs/SECURITY.md), kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// A 514-byte .mmdb whose record is 40 levels of two-element arrays, both elements pointers
    /// to the next level: 2^40 values. The reader hung; PyPI maxminddb refuses it ("exceeds the
    /// maximum number of values"). Now: an error after at most MMDBDecoder.maxValuesPerRecord.
    static let pointerFanOut = "AAABAAAIAAACAAAIAAADAAAIAAAEAAAIAAAFAAAIAAAGAAAIAAAHAAAIAAAIAAAYAAAAAAAAAAAAAAAAAAAAAAIEIAYgBgIEIAwgDAIEIBIgEgIEIBggGAIEIB4gHgIEICQgJAIEICogKgIEIDAgMAIEIDYgNgIEIDwgPAIEIEIgQgIEIEggSAIEIE4gTgIEIFQgVAIEIFogWgIEIGAgYAIEIGYgZgIEIGwgbAIEIHIgcgIEIHggeAIEIH4gfgIEIIQghAIEIIogigIEIJAgkAIEIJYglgIEIJwgnAIEIKIgogIEIKggqAIEIK4grgIEILQgtAIEILogugIEIMAgwAIEIMYgxgIEIMwgzAIEINIg0gIEINgg2AIEIN4g3gIEIOQg5AIEIOog6gIEIPAg8ERsZWFmq83vTWF4TWluZC5jb23pSm5vZGVfY291bnTBCEtyZWNvcmRfc2l6ZaEYSmlwX3ZlcnNpb26hBE1kYXRhYmFzZV90eXBlUUxhbnRlcm4tRnV6ei1TZWVkSWxhbmd1YWdlcwEEQmVuW2JpbmFyeV9mb3JtYXRfbWFqb3JfdmVyc2lvbqECW2JpbmFyeV9mb3JtYXRfbWlub3JfdmVyc2lvbqBLYnVpbGRfZXBvY2gEAmVT8QBLZGVzY3JpcHRpb27hQmVuSWZ1enogc2VlZA=="

    /// A 1.5 KB .mmdb whose record is 200 nested maps each declaring 16.8 million entries: the
    /// reader reserved storage for every level before failing (46 s, 890 MB in the fuzz build).
    static let hugeDeclaredSizes = "AAABAAAIAAACAAAIAAADAAAIAAAEAAAIAAAFAAAIAAAGAAAIAAAHAAAIAAAIAAAYAAAAAAAAAAAAAAAAAAAAAP////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYf////9BYURsZWFmq83vTWF4TWluZC5jb23pSm5vZGVfY291bnTBCEtyZWNvcmRfc2l6ZaEYSmlwX3ZlcnNpb26hBE1kYXRhYmFzZV90eXBlUUxhbnRlcm4tRnV6ei1TZWVkSWxhbmd1YWdlcwEEQmVuW2JpbmFyeV9mb3JtYXRfbWFqb3JfdmVyc2lvbqECW2JpbmFyeV9mb3JtYXRfbWlub3JfdmVyc2lvbqBLYnVpbGRfZXBvY2gEAmVT8QBLZGVzY3JpcHRpb27hQmVuSWZ1enogc2VlZA=="

    /// Found by the `command-line` fuzzer in its first minute: `:window … 123456789012w …` trapped
    /// the TUI converting 7.4e19 ms to Int64 (as did `--window` and the `activity-window` setting,
    /// which parse durations the same way). Durations beyond a century are now refused.
    @Test func hugeDurationsAreRefusedNotATrap() {
        #expect(TimeWindow.duration("123456789012w") == nil)
        for text in ["1e300h", "-1e300h", "infh", "nand", "5300w", "36526d"] {
            #expect(TimeWindow.duration(text) == nil, "\(text)")
        }
        #expect(TimeWindow.duration("5217w") == Int64(5217) * 604_800_000)
        #expect(TimeWindow.duration("-36524d") == Int64(-36524) * 86_400_000)
        #expect(TimeWindow.duration("6h") == Int64(6) * 3_600_000)
    }

    static func database(_ base64: String) throws -> MaxMindDB {
        let data = try #require(Data(base64Encoded: base64))
        return try MaxMindDB(data: data, file: "fuzz.mmdb")
    }

    @Test func pointerFanOutIsAnErrorNotAHang() throws {
        let db = try Self.database(Self.pointerFanOut)
        let address = try #require(IPAddress("1.2.3.4"))
        #expect {
            _ = try db.lookup(address)
        } throws: { error in
            "\(error)".contains("expands to more than")
        }
    }

    @Test func hugeDeclaredSizesAreRefusedBeforeAllocating() throws {
        let db = try Self.database(Self.hugeDeclaredSizes)
        let address = try #require(IPAddress("1.2.3.4"))
        #expect {
            _ = try db.lookup(address)
        } throws: { error in
            "\(error)".contains("entries runs past the end")
        }
    }

    /// A real record still decodes (the synthetic seed of fuzz/corpus/mmdb, checked there with
    /// PyPI maxminddb: 8.8.8.8 is in 8.8.8.0/24 with AS 64500).
    @Test func ordinaryRecordsStillDecode() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("fuzz/corpus/mmdb/v4-24bit.mmdb")
        let db = try MaxMindDB(data: try Data(contentsOf: url), file: url.path)
        let address = try #require(IPAddress("8.8.8.8"))
        let found = try #require(try db.lookup(address))
        #expect(found.value["autonomous_system_number"]?.uint64Value == 64500)
        #expect(found.value["autonomous_system_organization"]?.stringValue == "Example AS")
        #expect(found.network.prefixLength == 24)
    }
}
