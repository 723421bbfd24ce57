/// Packs the raw records of a pipeline batch into compressed blocks on the
/// parsing thread, so the writer thread only stores them (zstd was a tenth
/// of the writer's time).
///
/// Blocks never straddle files or batches: a block ends after
/// ``EventWriter/blockSize`` records, at the end of a file and when the batch
/// is handed over. The first batch with enough records trains the store's
/// dictionary when it has none; the writer stores it before the blocks that
/// use it.
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

    /// Packs with the store's current dictionary (`dictionary`, its bytes), training one when it is nil.
    init(dictionary: [UInt8]?) {
        self.dictionary = dictionary.flatMap(RawDictionary.init(data:))
        mayTrain = self.dictionary == nil
    }

    /// Adds the event record at `range` of the batch's bytes to the open block.
    mutating func append(_ range: Range<Int>, to batch: inout RecordPipeline.Batch) {
        open.append(range)
        if open.count >= EventWriter.blockSize { closeBlock(in: &batch) }
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
        if mayTrain {
            let samples = batch.blocks.lazy.flatMap(\.records).prefix(EventWriter.trainingRecords)
            if samples.count >= 100 {
                var bytes: [UInt8] = []
                var sizes: [Int] = []
                for range in samples {
                    bytes.append(contentsOf: batch.bytes[range])
                    sizes.append(range.count)
                }
                if let trained = RawDictionary.train(samples: bytes, sizes: sizes) {
                    dictionary = trained
                    batch.newDictionary = trained.data
                }
                mayTrain = false
            }
        }
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
