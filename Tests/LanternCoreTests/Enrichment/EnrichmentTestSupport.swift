import Foundation
import Testing

@testable import LanternCore

/// Locates the shared real data and runs the independent Python readers.
enum EnrichmentTestSupport {
    /// `…/shared/data`, found from this file's path (`<repo>/Tests/LanternCoreTests/Enrichment/`).
    static let dataDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data").standardizedFileURL

    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The URL of a shared data file; throws a clear error when it is missing.
    static func dataFile(_ relative: String) throws -> URL {
        let url = dataDirectory.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(description: "shared test data missing: \(url.path) (expected the project's ../shared/data)")
        }
        return url
    }

    static func read(_ relative: String) throws -> Data {
        try Data(contentsOf: dataFile(relative))
    }

    /// Runs `python3` with `arguments`; throws (never skips) when python3 is missing or fails.
    static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Missing(description: "cannot run python3 (needed for the independent truth scripts): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Missing(
                description:
                    "python3 \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(errorText)"
                    + " — install with `pip install maxminddb` if the module is missing")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Inflates a gzip file with Python's gzip module (tests only; production code takes a
    /// `Gunzip` from the project's zlib reader).
    static func gunzip(_ relative: String) throws -> Data {
        let path = try dataFile(relative).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())", path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else {
            throw Missing(description: "could not gunzip \(path) with python3")
        }
        return data
    }

    static func script(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("scripts/\(name)").path
    }

    /// Writes lines to a temporary file and returns its path.
    static func temporaryFile(_ lines: [String]) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lantern-enrich-\(UUID().uuidString).txt")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// A deterministic generator (SplitMix64) for reproducible "random" addresses.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses an address in a test, failing the test with the text when it does not parse.
func ip(_ text: String) throws -> IPAddress {
    guard let address = IPAddress(text) else {
        throw EnrichmentTestSupport.Missing(description: "test address does not parse: \(text)")
    }
    return address
}
