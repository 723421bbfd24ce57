import Foundation

/// Reads enrichment files: recognises them, parses them to count what they
/// hold (so a bad file is refused before it is stored), and saves them.
public enum EnrichmentLoader {
    /// What loading one file did.
    public struct Outcome: Sendable {
        public var name: String
        public var file: EnrichmentFile
        public var entries: Int
        /// Lines or records that could not be used, with their reasons.
        public var issues: [EnrichmentError]
    }

    /// The default source name for a file: its name without extensions,
    /// or the name a format declares (MISP lists, STIX bundles).
    public static func defaultName(path: String, declared: String?) -> String {
        if let declared, !declared.isEmpty { return declared }
        var name = (path as NSString).lastPathComponent
        for suffix in [".gz", ".json", ".txt", ".csv", ".lst", ".dat", ".mmdb", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        if name == "list" {  // MISP warninglists are folders holding list.json
            name = "misp:" + ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        }
        return name
    }

    /// Reads `path` (gzip or plain) whole.
    public static func read(path: String) throws -> Data {
        var source = try openByteSource(path: path)
        var bytes: [UInt8] = []
        while try source.read(appendingTo: &bytes, maxCount: 1 << 20) > 0 {}
        return Data(bytes)
    }

    /// Loads `path` into `store` as `kind` (detected when nil) under `name`
    /// (derived when nil); throws when the file is not enrichment data or
    /// cannot be parsed at all.
    @discardableResult
    public static func load(
        path: String, into store: Store, name: String? = nil, kind: EnrichmentFile? = nil
    ) throws -> Outcome {
        let data = try read(path: path)
        guard let file = kind ?? EnrichmentFile.detect(data, fileName: path) else {
            throw EnrichmentError(file: path, line: nil, reason: "not a recognised intel or ownership file")
        }
        let parsed = try parse(data, as: file, path: path)
        let sourceName = name ?? defaultName(path: path, declared: parsed.declaredName)
        try store.saveEnrichmentSource(name: sourceName, file: file, path: path, entries: parsed.entries, data: data)
        return Outcome(name: sourceName, file: file, entries: parsed.entries, issues: parsed.issues)
    }

    /// What a parse found.
    struct Parsed {
        var entries: Int
        var issues: [EnrichmentError]
        var declaredName: String?
        var intel: [Indicator] = []
        var format: IntelFormat?
    }

    static func parse(_ data: Data, as file: EnrichmentFile, path: String, names: ASNames = ASNames()) throws -> Parsed {
        switch file {
        case .intel(let format):
            let defaultVerdict: Verdict = format == .mispWarninglist ? .benign : .malicious
            let result = try IntelParser.parse(data, fileName: path, format: format, defaultVerdict: defaultVerdict)
            return Parsed(entries: result.indicators.count, issues: result.issues, declaredName: result.declaredName,
                          intel: result.indicators, format: result.format)
        case .awsIPRanges:
            let ranges = try AWSIPRanges(data: data, file: path)
            return Parsed(entries: ranges.matches.count, issues: ranges.issues)
        case .pyasn:
            return Parsed(entries: try ASNTable(pyasnData: data, file: path, names: names).count, issues: [])
        case .asNames:
            return Parsed(entries: try ASNames(data: data, file: path).byNumber.count, issues: [])
        case .geoCSV:
            return Parsed(entries: try GeoCSVTable(csvData: data, file: path).count, issues: [])
        case .mmdb:
            _ = try MaxMindDB(data: data, file: path)
            return Parsed(entries: 1, issues: [])
        case .accountCatalog:
            let catalog = try AccountCatalog(data: data, file: path)
            return Parsed(entries: catalog.accounts.count, issues: catalog.issues)
        case .knownAccounts:
            let known = try KnownAWSAccounts(data: data, file: path)
            return Parsed(entries: known.vendors.count, issues: known.issues)
        }
    }
}
