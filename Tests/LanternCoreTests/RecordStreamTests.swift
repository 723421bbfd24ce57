import Foundation
import Testing

@testable import LanternCore

/// A byte source over memory that hands out tiny chunks, to exercise refills.
struct MemorySource: ByteSource {
    var bytes: [UInt8]
    var offset = 0
    var chunk: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(chunk, buffer.count, bytes.count - offset)
        buffer.copyBytes(from: bytes[offset..<offset + n])
        offset += n
        return n
    }
}

@Suite struct RecordStreamTests {
    func split(_ text: String, chunk: Int = 7) -> (records: [String], containers: [RecordStream.Container], problems: [String]) {
        let stream = RecordStream(source: MemorySource(bytes: Array(text.utf8), chunk: chunk), chunkSize: chunk)
        var records: [String] = []
        var containers: [RecordStream.Container] = []
        var problems: [String] = []
        stream.forEachRecord({ bytes, index, container in
            #expect(index == records.count + problems.count)
            records.append(String(decoding: bytes, as: UTF8.self))
            containers.append(container)
        }, problem: { problems.append("\($0.recordIndex ?? -1): \($0.reason)") })
        return (records, containers, problems)
    }

    @Test(arguments: [1, 3, 7, 64, 1 << 20])
    func splitsS3DeliveryFilesAtAnyChunkSize(chunk: Int) {
        let result = split(#"{"Other":{"x":[1]},"Records":[{"a":1},{"b":"]}"} , {"c":[2]}],"tail":true}"#, chunk: chunk)
        #expect(result.records == [#"{"a":1}"#, #"{"b":"]}"}"#, #"{"c":[2]}"#])
        #expect(result.containers == [.records, .records, .records])
        #expect(result.problems.isEmpty)
    }

    @Test func splitsBareArraysJSONLinesAndLookupEvents() {
        #expect(split(#"[{"a":1},{"b":2}]"#).records == [#"{"a":1}"#, #"{"b":2}"#])
        let lines = split("{\"a\":1}\n{\"b\":2}\n\n{\"c\":3}\n")
        #expect(lines.records == [#"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#])
        #expect(lines.containers == [.document, .document, .document])
        let lookup = split(#"{"Events":[{"EventId":"x","CloudTrailEvent":"{\"eventName\":\"A\"}"}],"NextToken":"t"}"#)
        #expect(lookup.containers == [.events])
    }

    @Test(arguments: [1, 2, 5, 100])
    func badJSONLineIsReportedAndTheRestKept(chunk: Int) {
        let result = split("{\"a\":1}\n{\"b\": oops}\n{\"c\":3}\n", chunk: chunk)
        #expect(result.records == [#"{"a":1}"#, #"{"c":3}"#])
        #expect(result.problems.count == 1, "\(result.problems)")
        #expect(result.problems.first?.hasPrefix("1: malformed JSON") == true)
    }

    @Test func truncatedFileKeepsCompleteRecords() {
        let result = split(#"{"Records":[{"a":1},{"b":2},{"c":"#)
        #expect(result.records == [#"{"a":1}"#, #"{"b":2}"#])
        #expect(result.problems == ["2: input ends inside a JSON value (truncated file?)"])
    }

    @Test func recordLargerThanTheLimitIsRefused() {
        let big = "[{\"a\":\"" + String(repeating: "x", count: 5000) + "\"}]"
        let stream = RecordStream(source: MemorySource(bytes: Array(big.utf8), chunk: 512), maxRecordBytes: 1024, chunkSize: 512)
        var problems: [String] = []
        stream.forEachRecord({ _, _, _ in Issue.record("no record expected") }, problem: { problems.append($0.reason) })
        #expect(problems.count == 1)
        #expect(problems.first?.contains("larger than") == true)
    }
}
