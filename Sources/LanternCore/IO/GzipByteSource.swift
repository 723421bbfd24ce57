import CZlib

/// Inflates a gzip stream (all members, as `gzip -dc` does) from a byte source.
public final class GzipByteSource: ByteSource {
    private var input: any ByteSource
    private var stream = z_stream()
    private var inputBuffer: [UInt8] = []
    private var inputOffset = 0
    private var inputEnded = false
    private var streamEnded = false
    private var initialized = false

    /// Wraps `file`; `prefix` holds bytes already read from it.
    public init(file: any ByteSource, prefix: [UInt8] = []) {
        self.input = file
        self.inputBuffer = prefix
    }

    deinit {
        if initialized { inflateEnd(&stream) }
    }

    private func start() throws {
        stream = z_stream()
        // 15 window bits + 16: gzip header and trailer.
        guard lantern_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw ByteSourceError("cannot initialise zlib")
        }
        initialized = true
        streamEnded = false
    }

    public func read(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        if !initialized { try start() }
        let maxCount = output.count
        var produced = 0
        while produced == 0 {
            if inputOffset >= inputBuffer.count && !inputEnded {
                inputBuffer.removeAll(keepingCapacity: true)
                inputOffset = 0
                if try input.read(appendingTo: &inputBuffer, maxCount: 256 * 1024) == 0 { inputEnded = true }
            }
            if streamEnded {
                // Another gzip member may follow (concatenated .gz files).
                if inputOffset >= inputBuffer.count && inputEnded { return 0 }
                if inputBuffer[inputOffset...].allSatisfy({ $0 == 0 }) && inputEnded { return 0 }
                inflateReset(&stream)
                streamEnded = false
            }
            let available = inputBuffer.count - inputOffset
            if available == 0 && inputEnded {
                throw ByteSourceError("gzip data is truncated")
            }
            let result: Int32 = inputBuffer.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress.map { $0 + inputOffset }
                stream.avail_in = UInt32(available)
                stream.next_out = output.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + produced }
                stream.avail_out = UInt32(maxCount - produced)
                let code = inflate(&stream, Z_NO_FLUSH)
                inputOffset = inBuf.count - Int(stream.avail_in)
                produced = maxCount - Int(stream.avail_out)
                return code
            }
            switch result {
            case Z_OK:
                break
            case Z_STREAM_END:
                streamEnded = true
            case Z_BUF_ERROR:
                if inputEnded && inputOffset >= inputBuffer.count {
                    throw ByteSourceError("gzip data is truncated")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(result)"
                throw ByteSourceError("corrupt gzip data (\(message))")
            }
        }
        return produced
    }
}
