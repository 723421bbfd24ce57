/// Cuts the raw records of a pipeline batch into blocks on the parsing
/// thread and trains the dictionaries there; the writer makes the records'
/// stored forms (``RawRecordElision``) and compresses each block as it
/// stores it (``EventWriter/flush()``). The parser compressed blocks while
/// the writer was the slower thread; making stored forms there too made
/// it the slower one (1M corpus: 50–55k events/s, 58–61k with zstd on the
/// writer; stored forms on either thread give the same rate).
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
    /// Whether a dictionary may still be trained (none came from the store
    /// yet): the batch being filled should then hold enough records to train on.
    private(set) var mayTrain: Bool
    /// Records in the open block.
    private var open = 0
    /// Records after which a dictionary is trained on the sample (nil: not again).
    private var retrainAfter: Int?
    /// Records seen, and a uniform sample of them for training.
    private var seen = 0
    private var sample: [[UInt8]] = []
    private var random = SplitMix64(seed: 0x5EED)

    /// Trains a dictionary when the store has none, and again after
    /// `retrainAfter` records.
    init(storeHasDictionary: Bool, retrainAfter: Int) {
        mayTrain = !storeHasDictionary
        self.retrainAfter = retrainAfter
    }

    /// Adds the event record at `range` of the batch's bytes, whose event
    /// has `fields` (at `spans` in the record, when the scanner said), to the open block.
    mutating func append(
        _ range: Range<Int>, fields: EventFields, spans: RawRecordElision.Spans?, to batch: inout RecordPipeline.Batch
    ) {
        open += 1
        if retrainAfter != nil {
            seen += 1
            // Dictionaries are trained on records as stored.
            func stored() -> [UInt8] {
                var out: [UInt8] = []
                batch.bytes.withUnsafeBufferPointer {
                    RawRecordElision.append(UnsafeBufferPointer(rebasing: $0[range]), fields: fields, spans: spans, to: &out)
                }
                return out
            }
            if sample.count < EventWriter.trainingRecords {
                sample.append(stored())
            } else {
                let slot = Int(random.next() % UInt64(seen))
                if slot < sample.count { sample[slot] = stored() }
            }
        }
        if open >= EventWriter.blockSize { closeBlock(in: &batch) }
    }

    /// Ends the open block (at the end of a file).
    mutating func closeBlock(in batch: inout RecordPipeline.Batch) {
        guard open > 0 else { return }
        batch.items.append(.blockEnd)
        open = 0
    }

    /// Closes the open block before `batch` is handed to the writer, and
    /// trains a dictionary for its blocks when one is due.
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
    }

    /// Trains a dictionary on `records`; the batch's blocks and later ones use it.
    private mutating func train(on records: [[UInt8]], for batch: inout RecordPipeline.Batch) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(0) { $0 + $1.count })
        for record in records { bytes += record }
        batch.newDictionary = RawDictionary.train(samples: bytes, sizes: records.map(\.count))
    }
}
