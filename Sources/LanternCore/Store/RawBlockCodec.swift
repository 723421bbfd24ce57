import CZstd

/// Packs raw records into compressed blocks and back.
///
/// A block is a zstd frame of: the record count and each record's length
/// as LEB128 varints, then the records' bytes back to back. Blocks are
/// compressed with a dictionary trained on the store's own records when
/// one exists: small blocks then compress about as well as whole gzip files.
enum RawBlockCodec {
    /// The codec id stored in `raw_blocks.codec`: records as they came.
    static let zstd: Int64 = 1
    /// Records in their stored forms (``RawRecordElision``), restored from their event rows when read.
    static let zstdStoredForms: Int64 = 2
    static let level: Int32 = 3

    /// The plain (uncompressed) layout of `records`.
    static func frame(bytes: some Collection<UInt8>, lengths: [Int]) -> [UInt8] {
        var plain: [UInt8] = []
        plain.reserveCapacity(bytes.count + lengths.count * 3 + 4)
        Varint.append(UInt64(lengths.count), to: &plain)
        for length in lengths { Varint.append(UInt64(length), to: &plain) }
        plain.append(contentsOf: bytes)
        return plain
    }

    /// Compresses `records` (their bytes back to back, and their lengths), with `dictionary` when given.
    static func encode(bytes: some Collection<UInt8>, lengths: [Int], dictionary: RawDictionary? = nil) -> [UInt8] {
        let plain = frame(bytes: bytes, lengths: lengths)
        let bound = ZSTD_compressBound(plain.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { dst in
            plain.withUnsafeBytes { src in
                if let dictionary {
                    return ZSTD_compress_usingCDict(
                        dictionary.compressionContext, dst.baseAddress, bound, src.baseAddress, src.count, dictionary.compressor)
                }
                return ZSTD_compress(dst.baseAddress, bound, src.baseAddress, src.count, level)
            }
        }
        guard ZSTD_isError(written) == 0 else { return [] }
        out.removeLast(bound - written)
        return out
    }

    /// The records of a block, or nil when it is corrupt.
    static func decode(_ block: [UInt8], dictionary: RawDictionary? = nil) -> [[UInt8]]? {
        let size = block.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size < 1 << 32 else { return nil }
        var plain = [UInt8](repeating: 0, count: Int(size))
        let got = plain.withUnsafeMutableBytes { dst in
            block.withUnsafeBytes { src in
                if let dictionary {
                    return ZSTD_decompress_usingDDict(
                        dictionary.decompressionContext, dst.baseAddress, dst.count, src.baseAddress, src.count,
                        dictionary.decompressor)
                }
                return ZSTD_decompress(dst.baseAddress, dst.count, src.baseAddress, src.count)
            }
        }
        guard ZSTD_isError(got) == 0, got == Int(size) else { return nil }
        var offset = 0
        let lengths: [Int]? = plain.withUnsafeBytes { header in
            guard let count = Varint.read(header, &offset), count <= UInt64(header.count) else { return nil }
            var lengths: [Int] = []
            for _ in 0..<count {
                guard let length = Varint.read(header, &offset), length <= UInt64(header.count) else { return nil }
                lengths.append(Int(length))
            }
            return lengths
        }
        guard let lengths else { return nil }
        var records: [[UInt8]] = []
        for length in lengths {
            guard offset + length <= plain.count else { return nil }
            records.append(Array(plain[offset..<offset + length]))
            offset += length
        }
        return records
    }
}

/// A zstd dictionary trained on raw records, with its prepared contexts.
final class RawDictionary {
    let data: [UInt8]
    let compressor: OpaquePointer
    let decompressor: OpaquePointer
    let compressionContext: OpaquePointer
    let decompressionContext: OpaquePointer

    /// Prepares `data` (a zstd dictionary) for use; nil when zstd refuses it.
    init?(data: [UInt8]) {
        guard let cdict = data.withUnsafeBytes({ ZSTD_createCDict($0.baseAddress, $0.count, RawBlockCodec.level) }),
              let ddict = data.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }),
              let cctx = ZSTD_createCCtx(), let dctx = ZSTD_createDCtx()
        else { return nil }
        self.data = data
        compressor = cdict
        decompressor = ddict
        compressionContext = cctx
        decompressionContext = dctx
    }

    deinit {
        ZSTD_freeCDict(compressor)
        ZSTD_freeDDict(decompressor)
        ZSTD_freeCCtx(compressionContext)
        ZSTD_freeDCtx(decompressionContext)
    }

    /// The largest dictionary trained. CloudTrail records of one store
    /// repeat long stretches (identity blocks, request shapes, service
    /// names), so a large dictionary pays: on the 1M-event benchmark corpus
    /// 1 MB trained on 8,000 records left raw blocks at 0.54× the gzip
    /// input, 64 KB trained on 2,000 at 0.83× (same level, same speed).
    static let largestSize = 1 << 20

    /// Trains a dictionary on `samples` (about an eighth of their size, at
    /// most ``largestSize``): its bytes, for ``init(data:)``; nil when there
    /// is too little to learn from.
    static func train(samples: [UInt8], sizes: [Int]) -> [UInt8]? {
        guard sizes.count >= 100 else { return nil }
        let size = min(largestSize, max(16 * 1024, samples.count / 8))
        var buffer = [UInt8](repeating: 0, count: size)
        let trained = buffer.withUnsafeMutableBytes { dst in
            samples.withUnsafeBytes { src in
                sizes.withUnsafeBufferPointer { lengths in
                    ZDICT_trainFromBuffer(dst.baseAddress, size, src.baseAddress, lengths.baseAddress, UInt32(sizes.count))
                }
            }
        }
        guard ZDICT_isError(trained) == 0 else { return nil }
        return Array(buffer[0..<trained])
    }
}
