import Testing

@testable import LanternCore

/// The bulk-load index sorter spills sorted runs to temporary files and
/// merges them: the merged order must equal sorting everything at once.
@Suite struct IndexRunSorterTests {
    @Test func mergedRunsEqualOneSortOfEverything() throws {
        var rng = SplitMix64(seed: 7)
        var all: [IndexRunSorter.Entry] = []
        for event in 1...10_000 {
            // Few values, colliding times: ties are broken by time, then event.
            let time = Int64(rng.next() % 500)
            for _ in 0..<Int(rng.next() % 4) {
                all.append(.init(value: Int64(rng.next() % 37), time: time, event: Int64(event)))
            }
        }
        let sorter = IndexRunSorter(capacity: 1_000)  // many runs plus a partial buffer
        for entry in all { try sorter.append(entry) }
        #expect(sorter.count == all.count)

        var merged: [IndexRunSorter.Entry] = []
        try sorter.drain { merged.append($0) }

        #expect(merged == all.sorted { ($0.value, $0.time, $0.event) < ($1.value, $1.time, $1.event) })
        #expect(sorter.count == 0)
        var again = 0
        try sorter.drain { _ in again += 1 }
        #expect(again == 0)
    }

    @Test func anUnusableTemporaryFolderIsAnErrorNamingIt() throws {
        let sorter = IndexRunSorter(capacity: 10, directory: "/nonexistent/lantern-runs")
        // The first full buffer is written in the background: its failure
        // surfaces at the next spill or at the end.
        let error = #expect(throws: IndexRunError.self) {
            for event in 1...30 { try sorter.append(.init(value: 1, time: Int64(event), event: Int64(event))) }
            try sorter.drain { _ in }
        }
        let text = try #require(error).description
        #expect(text.contains("/nonexistent/lantern-runs"), "\(text)")
        #expect(text.contains("No such file or directory"), "\(text)")
        #expect(text.contains("TMPDIR"), "\(text)")
    }
}
