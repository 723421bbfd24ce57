import LanternCore

/// A ``ByteSource`` over bytes in memory that hands them out in small, uneven
/// reads, so record and token boundaries land everywhere inside a chunk.
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private var step = 0

    /// Makes a source over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let remaining = bytes.count - position
        guard remaining > 0, buffer.count > 0 else { return 0 }
        step += 1
        let count = min(remaining, buffer.count, 1 + (step * 7919) % 4096)
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[position..<(position + count)]))
        }
        position += count
        return count
    }
}
