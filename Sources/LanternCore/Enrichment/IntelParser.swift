import Foundation

/// Parses any supported intel file, detecting its format by content.
public enum IntelParser {
    /// Parses `data` as `format`, or as the format ``IntelFormat/detect(firstBytes:fileName:)``
    /// finds. Gzip input is inflated through `gunzip`.
    ///
    /// MISP warninglists are always benign; other formats use `defaultVerdict` for values
    /// that carry no verdict of their own.
    /// - Throws: ``EnrichmentError`` when the format cannot be recognised or the whole file
    ///   is unreadable (bad records are reported in the result instead).
    public static func parse(
        _ data: Data, fileName: String?, format: IntelFormat? = nil, defaultVerdict: Verdict = .malicious,
        gunzip: Gunzip? = nil
    ) throws -> IntelParseResult {
        let plain = try CompressedInput.plain(data, file: fileName, gunzip: gunzip)
        guard let format = format ?? IntelFormat.detect(firstBytes: plain.prefix(65_536), fileName: fileName) else {
            throw EnrichmentError(
                file: fileName, line: nil,
                reason: "not a recognised intel format (plain list, CSV with header, STIX 2.1, MISP warninglist)")
        }
        switch format {
        case .plainList: return PlainListParser.parse(plain, file: fileName, defaultVerdict: defaultVerdict)
        case .csv: return CSVIntelParser.parse(plain, file: fileName, defaultVerdict: defaultVerdict)
        case .stix21: return try STIXBundleParser.parse(plain, file: fileName, defaultVerdict: defaultVerdict)
        case .mispWarninglist: return try MISPWarninglistParser.parse(plain, file: fileName)
        }
    }
}
