/// Passes bytes through from a source and notes whether any of them is more
/// than JSON whitespace, so an empty or blank input can be reported instead
/// of silently yielding no records.
final class ContentProbe: ByteSource {
    private var source: any ByteSource
    /// Whether a byte other than space, tab, CR or LF has been read.
    private(set) var sawContent = false

    init(_ source: any ByteSource) { self.source = source }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try source.read(into: buffer)
        if !sawContent {
            sawContent = buffer.prefix(count).contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        }
        return count
    }
}
