import Foundation

/// The parsing side of an ingest, on its own thread: reads files, splits
/// and classifies records, and hands batches to the writer through a
/// bounded queue (so memory stays bounded when the writer is slower).
final class RecordPipeline: @unchecked Sendable {
    /// One unit of work for the writer.
    enum Item: Sendable {
        case fileStart(path: String, size: Int64, mtime: Int64)
        case fileUnreadable(path: String, reason: String)
        /// An intel or ownership file, for the writer to load whole.
        case enrichment(path: String, kind: EnrichmentFile)
        /// A record; for events, its raw bytes are `batch.bytes[range]`.
        case record(index: Int, outcome: RecordClassifier.Outcome, range: Range<Int>)
        /// The end of a raw block: the events since the last block end are its records.
        case blockEnd
        case problem(index: Int?, reason: String)
        case fileEnd
    }

    /// Records and the bytes of the events among them.
    struct Batch: Sendable {
        var items: [Item] = []
        var bytes: [UInt8] = []
        /// A dictionary trained for this and later blocks, to be stored first.
        var newDictionary: [UInt8]?

        /// The largest byte buffer a recycled batch keeps (a usual batch holds about 4 MB).
        static let largestKept = 12 << 20
    }

    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false
    private var cancelled = false
    private let capacity = 2
    /// Batches the writer is done with, emptied, to be filled again.
    private var spares: [Batch] = []

    private var packer: RawBlockPacker

    /// Starts parsing `files` on a new thread. Raw records will be
    /// compressed with the store's latest dictionary, or with one trained on
    /// them when it has none, and with one trained on a sample of the first
    /// `retrainDictionaryAfter`.
    init(files: [String], storeHasDictionary: Bool, retrainDictionaryAfter: Int) {
        packer = RawBlockPacker(storeHasDictionary: storeHasDictionary, retrainAfter: retrainDictionaryAfter)
        let thread = Thread { [self] in self.produce(files) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch, waiting for one; nil when every file is done.
    func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Takes back a batch the writer is done with, to fill again: its
    /// buffers stay allocated. (Blocks over 1 MB go back to the system when
    /// freed, so each new 4 MB batch was mapped, page-faulted in and
    /// zeroed anew: about a tenth of the parsing thread's time.)
    func recycle(_ batch: consuming Batch) {
        var batch = batch
        // The larger batch that trains the dictionary is let go.
        guard batch.bytes.capacity <= Batch.largestKept else { return }
        batch.items.removeAll(keepingCapacity: true)
        batch.bytes.removeAll(keepingCapacity: true)
        batch.newDictionary = nil
        condition.lock()
        defer { condition.unlock() }
        if spares.count < capacity { spares.append(batch) }
    }

    /// An empty batch, recycled when one is spare.
    private func emptyBatch() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        return spares.popLast() ?? Batch()
    }

    /// Stops the parsing thread (after a writer failure).
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the batch's last block and queues it for the writer.
    private func push(_ batch: inout Batch) -> Bool {
        packer.seal(&batch)
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private func produce(_ files: [String]) {
        var batch = Batch()
        defer {
            _ = push(&batch)
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        for file in files {
            if let kind = EnrichmentFile.sniff(path: file) {
                batch.items.append(.enrichment(path: file, kind: kind))
                continue
            }
            let source: any ByteSource
            do {
                source = try openByteSource(path: file)
            } catch {
                batch.items.append(.fileUnreadable(path: file, reason: "cannot read: \(error)"))
                continue
            }
            var info = stat()
            stat(file, &info)
            batch.items.append(.fileStart(path: file, size: Int64(info.st_size), mtime: Int64(info.st_mtim.tv_sec)))
            var stopped = false
            var reported = false
            let probe = ContentProbe(source)
            RecordStream(source: probe).forEachRecord({ bytes, index, container in
                guard !stopped else { return }
                let outcome = RecordClassifier.classify(bytes, container: container)
                if case .event(let event, let embedded, let spans) = outcome {
                    let start = batch.bytes.count
                    if let embedded { batch.bytes.append(contentsOf: embedded) } else { batch.bytes.append(contentsOf: bytes) }
                    batch.items.append(.record(index: index, outcome: outcome, range: start..<batch.bytes.count))
                    packer.append(start..<batch.bytes.count, fields: event.fields, spans: spans, to: &batch)
                } else {
                    batch.items.append(.record(index: index, outcome: outcome, range: 0..<0))
                }
                // The batch that trains the dictionary is larger (``EventWriter/trainingRecords``).
                let scale = packer.mayTrain ? 4 : 1
                if batch.items.count >= 2048 * scale || batch.bytes.count >= (4 << 20) * scale {
                    if !push(&batch) { stopped = true }
                    batch = emptyBatch()
                }
            }, problem: { problem in
                reported = true
                batch.items.append(.problem(index: problem.recordIndex, reason: problem.reason))
            })
            if stopped { return }
            if !probe.sawContent && !reported {
                batch.items.append(.problem(index: nil, reason: "empty file: no records (nothing but whitespace)"))
            }
            packer.closeBlock(in: &batch)
            batch.items.append(.fileEnd)
        }
    }
}
