import CZlib
import Foundation

/// Compresses bytes into a gzip file.
public final class GzipWriter {
    private var stream = z_stream()
    private let handle: FileHandle
    private var output = [UInt8](repeating: 0, count: 1 << 18)

    /// Creates (truncating) `path` and prepares to write gzip at `level` (1–9).
    public init(path: String, level: Int32 = 6) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ByteSourceError("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        guard lantern_deflate_init2(&stream, level, 15 + 16) == Z_OK else {
            throw ByteSourceError("cannot initialise zlib")
        }
    }

    /// Compresses and writes `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try run(bytes, flush: Z_NO_FLUSH)
    }

    /// Finishes the gzip stream and closes the file.
    public func close() throws {
        try run([], flush: Z_FINISH)
        deflateEnd(&stream)
        try handle.close()
    }

    private func run(_ input: [UInt8], flush: Int32) throws {
        var input = input
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = UInt32(inBuf.count)
            repeat {
                let (code, produced) = output.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    let code = deflate(&stream, flush)
                    return (code, outBuf.count - Int(stream.avail_out))
                }
                guard code != Z_STREAM_ERROR else { throw ByteSourceError("zlib deflate failed") }
                if produced > 0 { try handle.write(contentsOf: output[0..<produced]) }
                if flush == Z_FINISH && code == Z_STREAM_END { return }
            } while stream.avail_in > 0 || (flush == Z_FINISH)
        }
    }
}
