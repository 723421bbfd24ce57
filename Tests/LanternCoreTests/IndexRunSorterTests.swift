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
}
