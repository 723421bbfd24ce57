import FuzzSupport


/// The packed correlation index's blob decoder (`PostingList`, compiled here from the store's own
/// file): any bytes, any day and window must decode or be refused without trapping, and what a
/// valid blob holds must come back from packing it again. The first 10 bytes choose the day and
/// the window; the rest is the blob.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPostings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 10 else { return 0 }
    let header = UnsafeBufferPointer(start: data, count: 10)
    let day = Int64(Int16(bitPattern: UInt16(header[0]) | UInt16(header[1]) << 8)) + 19_500
    let start = day * PostingList.day
    let from = start + (Int64(header[2]) | Int64(header[3]) << 8 | Int64(header[4]) << 16) * 10_000 - PostingList.hour
    let to = from + (Int64(header[5]) | Int64(header[6]) << 8 | Int64(header[7]) << 16) * 10_000
    let blob = UnsafeRawBufferPointer(start: data + 10, count: size - 10)
    var windowed: [PostingList.Entry] = []
    var all: [PostingList.Entry] = []
    let valid = PostingList.decode(blob, day: day, from: from, to: to, into: &windowed)
    let validWhole = PostingList.decode(blob, day: day, from: .min, to: .max, into: &all)
    guard valid, validWhole else { return 0 }
    precondition(windowed.allSatisfy { $0.time >= from && $0.time <= to }, "an entry outside the window")
    // Entries of the day, packed again and read back: the same events.
    let ofTheDay = all.filter { PostingList.day(of: $0.time) == day }
    let rows = PostingList.encodeRows(ofTheDay, day: day)
    var again: [PostingList.Entry] = []
    for row in rows {
        precondition(PostingList.day(ofRowEndingAt: row.lastHour) == day, "a row outside its day")
        let ok = row.data.withUnsafeBytes { PostingList.decode($0, day: day, from: .min, to: .max, into: &again) }
        precondition(ok, "a packed row does not decode")
    }
    precondition(Set(again.map(\.event)) == Set(ofTheDay.map(\.event)), "packing lost or invented an event")
    precondition(Set(again.map { [$0.event, $0.time] }).isSubset(of: Set(ofTheDay.map { [$0.event, $0.time] })),
                 "packing changed a time")
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzPostings_main")
public func fuzzPostingsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzPostings)
}
