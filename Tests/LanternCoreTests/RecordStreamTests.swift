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

    /// A malformed record inside a record array is handed on as it is (its
    /// reader reports it), and the records after it are still read.
    @Test(arguments: [1, 7, 1 << 20])
    func malformedRecordInAnArrayLeavesTheRestReadable(chunk: Int) {
        let result = split(#"{"Records":[{"a":1},{"b": oops, "c":"x\"}]"},{"d":[2]}],"tail":1}"#, chunk: chunk)
        #expect(result.records == [#"{"a":1}"#, #"{"b": oops, "c":"x\"}]"}"#, #"{"d":[2]}"#])
        #expect(result.containers == [.records, .records, .records])
        #expect(result.problems.isEmpty)
    }

    /// The end of an object found by its brackets alone is the end a full
    /// parse finds, for objects Foundation writes with quotes, backslashes,
    /// brackets and multi-byte text at every offset of the eight-byte steps.
    @Test func bracketEndsAreTheEndsAFullParseFinds() throws {
        var random = SplitMix64(seed: 11)
        let pieces = ["\"", "\\", "{", "}", "[", "]", "a", "é", "😀", "\\\"", " ", ",", "\n", "/"]
        func text() -> String {
            (0..<Int(random.next() % 24)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
        for _ in 0..<2000 {
            var object: [String: Any] = [:]
            for key in 0..<Int(random.next() % 6) {
                object["k\(key)" + text()] = random.next() % 3 == 0 ? [text(), ["n": text()]] as [Any] : text()
            }
            let bytes = Array(try JSONSerialization.data(withJSONObject: object)) + Array(#",{"next":"]"}"#.utf8)
            try bytes.withUnsafeBufferPointer { buffer in
                var cursor = JSONCursor(buffer)
                try cursor.skipValue()
                #expect(RecordStream.balancedEnd(buffer, from: 0) == cursor.offset, "\(String(decoding: bytes, as: UTF8.self))")
                // Cut anywhere inside: not ended yet.
                let cut = Int(random.next() % UInt64(cursor.offset))
                #expect(RecordStream.balancedEnd(UnsafeBufferPointer(rebasing: buffer[..<cut]), from: 0) == nil)
            }
        }
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
