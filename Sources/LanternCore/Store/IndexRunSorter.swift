#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sorts the correlation index entries of a bulk load with bounded memory,
/// so the index is built by appending in key order (SQLite's own sorter
/// took a third of an ingest).
///
/// Entries collect in memory; a full buffer is sorted and written to an
/// unlinked temporary file as a run (nothing is left behind, even after a
/// crash). ``drain(_:)`` merges the runs and hands every entry over in order.
final class IndexRunSorter {
    /// One `event_index` row.
    struct Entry: Comparable {
        var value: Int64
        var time: Int64
        var event: Int64

        static func < (a: Entry, b: Entry) -> Bool {
            (a.value, a.time, a.event) < (b.value, b.time, b.event)
        }
    }

    private let capacity: Int
    private var buffer: [Entry] = []
    private var runs: [(file: UnsafeMutablePointer<FILE>, count: Int)] = []

    /// Sorts in runs of at most `capacity` entries (24 bytes each) in memory.
    init(capacity: Int = 1 << 20) {
        self.capacity = capacity
        buffer.reserveCapacity(min(capacity, 1 << 16))
    }

    deinit {
        for run in runs { fclose(run.file) }
    }

    /// Entries added so far.
    private(set) var count = 0

    /// Adds an entry.
    func append(_ entry: Entry) throws {
        buffer.append(entry)
        count += 1
        if buffer.count >= capacity { try spill() }
    }

    /// Writes the sorted buffer out as a run.
    private func spill() throws {
        guard !buffer.isEmpty else { return }
        buffer.sort()
        let file = try IndexRunSorter.anonymousFile()
        let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, MemoryLayout<Entry>.stride, $0.count, file) }
        guard written == buffer.count, fflush(file) == 0 else {
            fclose(file)
            throw IndexRunError.temporaryFile(errno)
        }
        rewind(file)
        runs.append((file, buffer.count))
        buffer.removeAll(keepingCapacity: true)
    }

    /// A new temporary file in `TMPDIR` (else /tmp), unlinked at once so
    /// it disappears with the process however it ends.
    private static func anonymousFile() throws -> UnsafeMutablePointer<FILE> {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/lantern-index-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw IndexRunError.temporaryFile(errno) }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        guard let file = fdopen(fd, "w+") else {
            close(fd)
            throw IndexRunError.temporaryFile(errno)
        }
        return file
    }

    /// Hands every entry to `body` in key order (merging the runs with the
    /// last buffer), then forgets them.
    func drain(_ body: (Entry) throws -> Void) throws {
        buffer.sort()
        var sources = runs.map { RunReader(file: $0.file, remaining: $0.count) }
        var memory = buffer[...]
        defer {
            for run in runs { fclose(run.file) }
            runs.removeAll()
            buffer.removeAll()
            count = 0
        }
        var heads: [Entry?] = try sources.indices.map { try sources[$0].next() }
        while true {
            var best = memory.first
            var from = -1
            for (i, head) in heads.enumerated() {
                if let head, best.map({ head < $0 }) ?? true {
                    best = head
                    from = i
                }
            }
            guard let entry = best else { return }
            if from < 0 {
                memory.removeFirst()
            } else {
                heads[from] = try sources[from].next()
            }
            try body(entry)
        }
    }

    /// Reads one run back in chunks.
    private struct RunReader {
        let file: UnsafeMutablePointer<FILE>
        var remaining: Int
        var chunk: [Entry] = []
        var position = 0

        mutating func next() throws -> Entry? {
            if position == chunk.count {
                guard remaining > 0 else { return nil }
                let wanted = min(remaining, 1 << 14)
                chunk = [Entry](repeating: Entry(value: 0, time: 0, event: 0), count: wanted)
                let read = chunk.withUnsafeMutableBufferPointer {
                    fread($0.baseAddress, MemoryLayout<Entry>.stride, wanted, file)
                }
                guard read == wanted else { throw IndexRunError.temporaryFile(errno) }
                remaining -= wanted
                position = 0
            }
            defer { position += 1 }
            return chunk[position]
        }
    }
}

/// A temporary file for index runs could not be written or read back.
enum IndexRunError: Error, CustomStringConvertible {
    case temporaryFile(Int32)

    var description: String {
        switch self {
        case .temporaryFile(let code):
            return "cannot use a temporary file for sorting the index (\(String(cString: strerror(code)))); "
                + "set TMPDIR to a directory with free space"
        }
    }
}
