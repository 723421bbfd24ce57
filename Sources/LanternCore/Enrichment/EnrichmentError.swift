import Foundation

/// A problem with one input record, naming where it is and why it was refused.
///
/// Parsers are total: they report a bad record as an `EnrichmentError` in their
/// result's `issues` and keep going; whole-file failures are thrown.
public struct EnrichmentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or source name) the record came from, if known.
    public var file: String?
    /// The 1-based line or record number, if the problem is tied to one.
    public var line: Int?
    /// Why the record was refused, in words an analyst can act on.
    public var reason: String

    /// Makes an error for `file`, `line` and `reason`.
    public init(file: String?, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`, leaving out the parts that are unknown.
    public var description: String {
        var prefix = file ?? "<input>"
        if let line { prefix += ":\(line)" }
        return "\(prefix): \(reason)"
    }
}

/// Adapter point for compressed input: a function that inflates a gzip stream.
///
/// Enrichment loaders take `Data`; when the data starts with the gzip magic bytes they pass
/// it through the `Gunzip` they are given (the project's zlib-based reader), and fail with a
/// clear error when none is given.
public typealias Gunzip = @Sendable (Data) throws -> Data

/// Helpers for input that may be gzip-compressed.
public enum CompressedInput {
    /// Whether `data` starts with the gzip magic bytes `1f 8b`.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// `data` itself, or its inflated bytes when it is gzip-compressed.
    /// - Throws: ``EnrichmentError`` when the data is gzip and no `gunzip` is given,
    ///   or whatever `gunzip` throws.
    public static func plain(_ data: Data, file: String?, gunzip: Gunzip?) throws -> Data {
        guard isGzip(data) else { return data }
        guard let gunzip else {
            throw EnrichmentError(
                file: file, line: nil,
                reason: "gzip-compressed input needs a decompressor (pass `gunzip:`)")
        }
        return try gunzip(data)
    }
}
