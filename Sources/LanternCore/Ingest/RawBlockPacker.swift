/// Packs the raw records of a pipeline batch into compressed blocks on the
/// parsing thread, so the writer thread only stores them (zstd was a tenth
/// of the writer's time).
///
/// Blocks never straddle files or batches: a block ends after
/// ``EventWriter/blockSize`` records, at the end of a file and when the batch
/// is handed over. The first batch with enough records trains the store's
/// dictionary when it has none (on those records); the writer stores it
/// before the blocks that use it.
///
/// The first records of an ingest are one account, region and day (S3
/// order), so a dictionary trained on them alone fits the rest less well:
/// a uniform sample of the first `retrainAfter` records (reservoir sampling,
/// which holds every record until it is full) trains a second one, used
/// from then on. On the 10M corpus a dictionary trained
/// on the first 8,000 records left raw blocks at 0.67× the gzip input, one
/// trained on 8,000 sampled from the first 200 files at 0.54×.
struct RawBlockPacker {
    /// A block of consecutive event records of one batch.
    struct Block: Sendable {
        /// The records' bytes in the batch.
        var records: [Range<Int>] = []
        /// The compressed block (``RawBlockCodec``), set when the batch is handed over.
        var data: [UInt8] = []
        /// Whether `data` was compressed with the store's dictionary.
        var usesDictionary = false
    }

    private var dictionary: RawDictionary?
    /// Whether a dictionary may still be trained (none came from the store
    /// yet): the batch being filled should then hold enough records to train on.
    private(set) var mayTrain: Bool
    private var open: [Range<Int>] = []
    /// Records after which a dictionary is trained on the sample (nil: not again).
    private var retrainAfter: Int?
    /// Records seen, and a uniform sample of them for training.
    private var seen = 0
    private var sample: [[UInt8]] = []
    private var random = SplitMix64(seed: 0x5EED)

    /// Packs with the store's current dictionary (`dictionary`, its bytes),
    /// training one when it is nil, and again after `retrainAfter` records.
    init(dictionary: [UInt8]?, retrainAfter: Int) {
        self.dictionary = dictionary.flatMap(RawDictionary.init(data:))
        mayTrain = self.dictionary == nil
        self.retrainAfter = retrainAfter
    }

    /// Adds the event record at `range` of the batch's bytes to the open block.
    mutating func append(_ range: Range<Int>, to batch: inout RecordPipeline.Batch) {
        open.append(range)
        if open.count >= EventWriter.blockSize { closeBlock(in: &batch) }
        guard retrainAfter != nil else { return }
        seen += 1
        if sample.count < EventWriter.trainingRecords {
            sample.append(Array(batch.bytes[range]))
        } else {
            let slot = Int(random.next() % UInt64(seen))
            if slot < sample.count { sample[slot] = Array(batch.bytes[range]) }
        }
    }

    /// Ends the open block (at the end of a file).
    mutating func closeBlock(in batch: inout RecordPipeline.Batch) {
        guard !open.isEmpty else { return }
        batch.blocks.append(Block(records: open))
        batch.items.append(.blockEnd(batch.blocks.count - 1))
        open.removeAll(keepingCapacity: true)
    }

    /// Compresses every block of `batch` before it is handed to the writer,
    /// training the dictionary first when this is the first batch with enough records.
    mutating func seal(_ batch: inout RecordPipeline.Batch) {
        closeBlock(in: &batch)
        // Until it is full, the sample is every record so far: the first records train the first dictionary.
        let retrain = retrainAfter.map { seen >= $0 } ?? false
        if retrain || (mayTrain && sample.count >= 100) {
            train(on: sample, for: &batch)
            mayTrain = false
        }
        if retrain {
            retrainAfter = nil
            sample = []
        }
        compress(&batch)
    }

    /// Trains a dictionary on `records`; the batch's blocks and later ones use it.
    private mutating func train(on records: [[UInt8]], for batch: inout RecordPipeline.Batch) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(0) { $0 + $1.count })
        for record in records { bytes += record }
        guard let trained = RawDictionary.train(samples: bytes, sizes: records.map(\.count)) else { return }
        dictionary = trained
        batch.newDictionary = trained.data
    }

    private func compress(_ batch: inout RecordPipeline.Batch) {
        for index in batch.blocks.indices {
            let records = batch.blocks[index].records
            var bytes: [UInt8] = []
            bytes.reserveCapacity(records.reduce(0) { $0 + $1.count })
            for range in records { bytes.append(contentsOf: batch.bytes[range]) }
            batch.blocks[index].data = RawBlockCodec.encode(
                bytes: bytes, lengths: records.map(\.count), dictionary: dictionary)
            batch.blocks[index].usesDictionary = dictionary != nil
        }
    }
}
