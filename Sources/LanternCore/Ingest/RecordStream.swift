/// Splits a JSON input into records without holding the whole input.
///
/// Recognises, by content: a wrapper object whose `Records` (CloudTrail S3
/// delivery), `Events` (`lookup-events` output) or `Findings` member is an
/// array of records; a bare array of records; and one or more top-level
/// objects (a single document, or JSON Lines). Memory is bounded by the
/// largest single record, not the input size.
public final class RecordStream {
    /// Where a record came from inside its input.
    public enum Container: String, Sendable {
        /// Elements of `{"Records":[…]}`.
        case records
        /// Elements of `{"Events":[…]}` (CloudTrail `lookup-events` output).
        case events
        /// Elements of `{"Findings":[…]}`.
        case findings
        /// Elements of a bare top-level array.
        case array
        /// A top-level object (one of possibly several, as in JSON Lines).
        case document
    }

    /// A problem found while splitting: the record index is the position of
    /// the record in its input (0-based) where known.
    public struct Problem: Error, Sendable {
        /// The 0-based index of the record, where known.
        public let recordIndex: Int?
        /// What went wrong.
        public let reason: String
    }

    /// The largest record accepted; a larger one is reported and the rest of
    /// that input skipped.
    public static let defaultMaxRecordBytes = 128 << 20

    private var source: any ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    private let maxRecordBytes: Int
    private let chunkSize: Int

    private enum State {
        case top
        case array(Container)
        case afterWrapper
        case resync
    }

    private enum Step {
        case progress
        case needMore
        case finished
    }

    /// Makes a stream over `source`.
    public init(source: any ByteSource, maxRecordBytes: Int = RecordStream.defaultMaxRecordBytes, chunkSize: Int = 1 << 20) {
        self.source = source
        self.maxRecordBytes = maxRecordBytes
        self.chunkSize = chunkSize
    }

    /// Calls `body` with each record's bytes (valid only during the call),
    /// its 0-based index and its container; calls `problem` for each record
    /// or stretch of input that cannot be split. Recoverable problems (a bad
    /// line in JSON Lines) continue; others end the input.
    public func forEachRecord(
        _ body: (UnsafeBufferPointer<UInt8>, Int, Container) -> Void,
        problem: (Problem) -> Void
    ) {
        var state = State.top
        var index = 0
        while true {
            let step = buffer.withUnsafeBufferPointer { all -> Step in
                self.step(all, &state, &index, body, problem)
            }
            switch step {
            case .progress:
                continue
            case .finished:
                return
            case .needMore:
                if ended {
                    if case .resync = state { return }
                    if case .top = state, buffer[start...].allSatisfy(RecordStream.isSpace) { return }
                    problem(Problem(recordIndex: index, reason: "input ends inside a JSON value (truncated file?)"))
                    return
                }
                if start > 0 {
                    buffer.removeFirst(start)
                    start = 0
                }
                if buffer.count > maxRecordBytes {
                    problem(Problem(recordIndex: index, reason: "record is larger than \(maxRecordBytes >> 20) MiB"))
                    return
                }
                do {
                    let wanted = max(chunkSize, buffer.count)
                    if try source.read(appendingTo: &buffer, maxCount: min(wanted, 16 << 20)) == 0 { ended = true }
                } catch {
                    problem(Problem(recordIndex: index, reason: "\(error)"))
                    return
                }
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func step(
        _ all: UnsafeBufferPointer<UInt8>,
        _ state: inout State,
        _ index: inout Int,
        _ body: (UnsafeBufferPointer<UInt8>, Int, Container) -> Void,
        _ problem: (Problem) -> Void
    ) -> Step {
        var cursor = JSONCursor(all, offset: start)
        do throws(JSONError) {
            switch state {
            case .top:
                cursor.skipWhitespace()
                if cursor.isAtEnd { return ended ? .finished : .needMore }
                let first = try cursor.peek()
                if first == UInt8(ascii: "[") {
                    cursor.offset += 1
                    start = cursor.offset
                    state = .array(.array)
                    return .progress
                }
                guard first == UInt8(ascii: "{") else {
                    if index == 0 {
                        // Not JSON at all (a text list, binary data): one problem, not one per line.
                        problem(Problem(recordIndex: nil, reason: "not JSON (first byte 0x\(String(first, radix: 16))); file skipped"))
                        return .finished
                    }
                    throw JSONError(.unexpectedCharacter, at: cursor.offset)
                }
                let objectStart = cursor.offset
                cursor.offset += 1
                if try !cursor.consume(UInt8(ascii: "}")) {
                    while true {
                        let key = try cursor.readString()
                        try cursor.expect(UInt8(ascii: ":"))
                        if let kind = RecordStream.wrapperKinds[key], try cursor.peek() == UInt8(ascii: "[") {
                            cursor.offset += 1
                            start = cursor.offset
                            state = .array(kind)
                            return .progress
                        }
                        try cursor.skipValue()
                        if try cursor.consume(UInt8(ascii: ",")) { continue }
                        try cursor.expect(UInt8(ascii: "}"))
                        break
                    }
                }
                body(UnsafeBufferPointer(rebasing: all[objectStart..<cursor.offset]), index, .document)
                index += 1
                start = cursor.offset
                return .progress
            case .array(let kind):
                let byte = try cursor.peek()
                if byte == UInt8(ascii: "]") {
                    cursor.offset += 1
                    start = cursor.offset
                    state = kind == .array ? .top : .afterWrapper
                    return .progress
                }
                if byte == UInt8(ascii: ",") {
                    cursor.offset += 1
                    start = cursor.offset
                    return .progress
                }
                let recordStart = cursor.offset
                if byte == UInt8(ascii: "{") {
                    // An object's end found by its brackets alone (strings and escapes respected),
                    // its syntax left to whoever reads the record (every reader parses it whole):
                    // a malformed record is then reported on its own and the records after it are
                    // still read, where checking it here ended the file.
                    guard let end = RecordStream.balancedEnd(all, from: recordStart) else { return .needMore }
                    cursor.offset = end
                } else {
                    do throws(JSONError) {
                        try cursor.skipValue()
                    } catch let error {
                        // Too deep to check: find its end by brackets alone, so that this record is
                        // reported (by whoever parses it) and the records after it are still read.
                        guard case .tooDeep = error.reason else { throw error }
                        guard let end = RecordStream.balancedEnd(all, from: recordStart) else { return .needMore }
                        cursor.offset = end
                    }
                }
                body(UnsafeBufferPointer(rebasing: all[recordStart..<cursor.offset]), index, kind)
                index += 1
                start = cursor.offset
                return .progress
            case .afterWrapper:
                // The rest of the wrapper object after its record array.
                if try cursor.consume(UInt8(ascii: "}")) {
                    start = cursor.offset
                    state = .top
                    return .progress
                }
                try cursor.expect(UInt8(ascii: ","))
                _ = try cursor.readString()
                try cursor.expect(UInt8(ascii: ":"))
                try cursor.skipValue()
                start = cursor.offset
                return .progress
            case .resync:
                guard let newline = all[start...].firstIndex(of: 0x0A) else {
                    start = all.count
                    return ended ? .finished : .needMore
                }
                start = newline + 1
                state = .top
                return .progress
            }
        } catch let error {
            if error.reason == .truncated || (cursor.offset >= all.count && !ended) {
                return .needMore
            }
            switch state {
            case .top:
                problem(Problem(recordIndex: index, reason: "malformed JSON (\(error.reason)); skipped to the next line"))
                index += 1
                // Resume after the line holding the error (not an earlier newline).
                start = min(max(cursor.offset, start), all.count)
                state = .resync
                return .progress
            default:
                problem(Problem(recordIndex: index, reason: "malformed JSON (\(error.reason)); the rest of the file is skipped"))
                return .finished
            }
        }
    }

    /// The offset just past the array or object starting at `start`, counting brackets outside
    /// strings (no depth limit, no syntax check); nil when it does not end within `bytes`.
    static func balancedEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var depth = 0
        var index = start
        while index < bytes.count {
            switch base[index] {
            case UInt8(ascii: "\""):
                guard let close = stringEnd(base, bytes.count, from: index + 1) else { return nil }
                index = close
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The offset of the quote closing a string whose contents start at `start` (escapes
    /// stepped over), looking at eight bytes at a time; nil when it does not end before `count`.
    private static func stringEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = start
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                // A byte equal to the quote or the backslash becomes 0 after the XOR; the lowest zero byte shows in `found`.
                let quote = word ^ 0x2222_2222_2222_2222
                let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & 0x8080_8080_8080_8080
                guard found != 0 else {
                    index += 8
                    continue
                }
                index += found.trailingZeroBitCount >> 3
            }
            switch base[index] {
            case UInt8(ascii: "\""): return index
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    private static let wrapperKinds: [String: Container] = [
        "Records": .records, "Events": .events, "Findings": .findings,
    ]
}
