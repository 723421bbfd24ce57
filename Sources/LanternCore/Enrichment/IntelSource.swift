import Foundation

/// Metadata about one loaded threat-intel source.
public struct IntelSource: Hashable, Sendable, Codable {
    /// The source name shown next to every verdict (e.g. `ipsum`, `tor-exit-nodes`).
    public var name: String
    /// The format the source was parsed as.
    public var format: IntelFormat
    /// The file the source came from, if any.
    public var path: String?
    /// When the source was loaded.
    public var loadedAt: Date
    /// How many indicators the source holds.
    public var count: Int
    /// The verdict given to values of this source that carry none of their own.
    public var defaultVerdict: Verdict

    /// Makes source metadata.
    public init(
        name: String,
        format: IntelFormat,
        path: String? = nil,
        loadedAt: Date = Date(),
        count: Int = 0,
        defaultVerdict: Verdict = .malicious
    ) {
        self.name = name
        self.format = format
        self.path = path
        self.loadedAt = loadedAt
        self.count = count
        self.defaultVerdict = defaultVerdict
    }
}
