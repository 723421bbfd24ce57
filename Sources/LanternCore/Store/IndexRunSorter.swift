#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Sorts the correlation index entries of a bulk load with bounded memory,
/// so the index is built by appending in key order (SQLite's own sorter
/// took a third of an ingest).
///
/// Entries collect in memory; a full buffer is handed to a background
/// queue, sorted and written to an unlinked temporary file as a run (nothing
/// is left behind, even after a crash) while the next buffer fills.
/// ``drain(_:)`` merges the runs through a heap and hands every entry over
/// in order.
final class IndexRunSorter: @unchecked Sendable {
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
    /// The folder runs are written to.
    let directory: String
    /// The buffer being filled (the caller's thread only).
    private var buffer: [Entry] = []
    /// The buffer being sorted and written (the queue only, while `spilling`).
    private var spillBuffer: [Entry] = []
    /// Written runs (the queue appends while `spilling`; read after waiting).
    private var runs: [(file: UnsafeMutablePointer<FILE>, count: Int)] = []
    private var spillFailure: IndexRunError?
    private let spilling = DispatchGroup()
    private let queue = DispatchQueue(label: "lantern.index-runs")

    /// Sorts in runs of at most `capacity` entries (24 bytes each; two
    /// buffers are in memory while a run is written).
    init(capacity: Int = 1 << 19, directory: String = IndexRunSorter.temporaryDirectory) {
        self.capacity = capacity
        self.directory = directory
        buffer.reserveCapacity(min(capacity, 1 << 16))
    }

    deinit {
        spilling.wait()
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

    /// Hands the full buffer to the queue to be written as a run.
    private func spill() throws {
        try waitForSpill()
        swap(&buffer, &spillBuffer)
        buffer.removeAll(keepingCapacity: true)
        spilling.enter()
        queue.async { [self] in
            defer { spilling.leave() }
            do {
                spillBuffer.sort()
                runs.append((try IndexRunSorter.write(spillBuffer, in: directory), spillBuffer.count))
            } catch {
                spillFailure = error as? IndexRunError ?? .temporaryFile(directory, EIO)
            }
        }
    }

    /// Waits for the run being written; throws when writing it failed.
    private func waitForSpill() throws {
        spilling.wait()
        if let spillFailure { throw spillFailure }
    }

    /// Writes `entries` to a new unlinked temporary file in `directory`, rewound for reading.
    private static func write(_ entries: [Entry], in directory: String) throws -> UnsafeMutablePointer<FILE> {
        let file = try anonymousFile(in: directory)
        let written = entries.withUnsafeBufferPointer { fwrite($0.baseAddress, MemoryLayout<Entry>.stride, $0.count, file) }
        guard written == entries.count, fflush(file) == 0 else {
            fclose(file)
            throw IndexRunError.temporaryFile(directory, errno)
        }
        rewind(file)
        return file
    }

    /// Where runs are written by default: `TMPDIR`, else /tmp.
    static var temporaryDirectory: String {
        getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// A new temporary file in `directory`, unlinked at once so it
    /// disappears with the process however it ends.
    private static func anonymousFile(in directory: String) throws -> UnsafeMutablePointer<FILE> {
        var template = Array((directory + "/lantern-index-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw IndexRunError.temporaryFile(directory, errno) }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        guard let file = fdopen(fd, "w+") else {
            close(fd)
            throw IndexRunError.temporaryFile(directory, errno)
        }
        return file
    }

    /// Hands every entry to `body` in key order (merging the runs with the
    /// last buffer), then forgets them.
    func drain(_ body: (Entry) throws -> Void) throws {
        try waitForSpill()
        buffer.sort()
        var sources = runs.map { Source(file: $0.file, remaining: $0.count, directory: directory) }
        sources.append(Source(entries: buffer))
        defer {
            for run in runs { fclose(run.file) }
            runs.removeAll()
            buffer.removeAll()
            spillBuffer.removeAll()
            count = 0
        }
        // A min-heap of (next entry, source), smallest first.
        var heap: [(entry: Entry, source: Int)] = []
        for index in sources.indices {
            if let entry = try sources[index].next() { heap.append((entry, index)) }
        }
        heap.sort { $0.entry < $1.entry }  // a sorted array is a valid heap
        while let top = heap.first {
            try body(top.entry)
            if let next = try sources[top.source].next() {
                heap[0] = (next, top.source)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            // Sift the new top down.
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                let right = left + 1
                let child = right < heap.count && heap[right].entry < heap[left].entry ? right : left
                guard heap[child].entry < heap[parent].entry else { break }
                heap.swapAt(child, parent)
                parent = child
            }
        }
    }

    /// A sorted sequence of entries: a run read back in chunks, or the last buffer.
    private struct Source {
        let file: UnsafeMutablePointer<FILE>?
        var remaining: Int
        var directory = ""
        var chunk: [Entry]
        var position = 0

        init(file: UnsafeMutablePointer<FILE>, remaining: Int, directory: String) {
            self.file = file
            self.remaining = remaining
            self.directory = directory
            chunk = []
        }

        init(entries: [Entry]) {
            file = nil
            remaining = 0
            chunk = entries
        }

        mutating func next() throws -> Entry? {
            if position == chunk.count {
                guard let file, remaining > 0 else { return nil }
                let wanted = min(remaining, 1 << 14)
                chunk = [Entry](repeating: Entry(value: 0, time: 0, event: 0), count: wanted)
                let read = chunk.withUnsafeMutableBufferPointer {
                    fread($0.baseAddress, MemoryLayout<Entry>.stride, wanted, file)
                }
                guard read == wanted else { throw IndexRunError.temporaryFile(directory, errno) }
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
    /// The folder, and the system's error number.
    case temporaryFile(String, Int32)

    var description: String {
        switch self {
        case .temporaryFile(let directory, let code):
            return "cannot use a temporary file in \(directory) for sorting the index (\(String(cString: strerror(code)))); "
                + "set TMPDIR to a folder with free space (the events stored so far are kept; "
                + "the index is rebuilt from them when the database is next opened)"
        }
    }
}
