import Foundation

/// A sequential source of bytes: a file, or a decompressor over one.
public protocol ByteSource {
    /// Fills the start of `buffer` with up to `buffer.count` bytes; returns
    /// how many were read, 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Appends up to `maxCount` bytes to `buffer`; returns how many, 0 at the end.
    public mutating func read(appendingTo buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: maxCount, alignment: 1)
        defer { scratch.deallocate() }
        let count = try read(into: scratch)
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
        return count
    }
}

/// Why reading an input failed at the byte level.
public struct ByteSourceError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words.
    public let reason: String

    /// Makes an error with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// Reads a file through a POSIX descriptor.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ByteSourceError(String(cString: strerror(errno))) }
        self.descriptor = fd
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var n: Int
        repeat {
            n = Foundation.read(descriptor, base, buffer.count)
        } while n < 0 && errno == EINTR
        guard n >= 0 else { throw ByteSourceError(String(cString: strerror(errno))) }
        return n
    }
}

/// Opens `path` as a byte source, decompressing gzip (by its magic bytes).
public func openByteSource(path: String) throws -> any ByteSource {
    let file = try FileByteSource(path: path)
    var magic: [UInt8] = []
    var source = file as any ByteSource
    _ = try source.read(appendingTo: &magic, maxCount: 2)
    if magic == [0x1F, 0x8B] {
        return GzipByteSource(file: file, prefix: magic)
    }
    return PrefixedByteSource(prefix: magic, rest: file)
}

/// Gives back bytes already read from a source before the rest of it.
struct PrefixedByteSource: ByteSource {
    var prefix: [UInt8]
    var rest: any ByteSource

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !prefix.isEmpty {
            let n = min(prefix.count, buffer.count)
            buffer.copyBytes(from: prefix[0..<n])
            prefix.removeFirst(n)
            return n
        }
        return try rest.read(into: buffer)
    }
}
