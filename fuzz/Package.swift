// swift-tools-version:6.0
// libFuzzer harnesses for Lantern's parsers. Build and run them with `scripts/fuzz.sh`;
// they need `-sanitize=fuzzer,address -parse-as-library`, which the script passes.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, so find the main package's folder name.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let core = Target.Dependency.product(name: "LanternCore", package: mainPackage)

/// One executable per harness: libFuzzer supplies `main`, the harness `LLVMFuzzerTestOneInput`.
func harness(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .executableTarget(name: name, dependencies: [core, "FuzzSupport"] + extra)
}

let package = Package(
    name: "LanternFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core]),
        // The TUI module is not a product of the main package, and its parsers need only
        // LanternCore: compile those files here. Sources/FuzzFilterParser/ holds symbolic links to
        // ../../Sources/LanternTUI/State/FindingFilter.swift (the `/` filter) with the SearchText.swift
        // it names and, for the `:` command line, CommandLineCommand.swift and FindingSort.swift.
        .target(name: "FuzzFilterParser", dependencies: [core]),
        harness("FuzzCloudTrail"),
        harness("FuzzFindings"),
        harness("FuzzIntel"),
        harness("FuzzSTIXPattern"),
        harness("FuzzMMDB"),
        harness("FuzzFilter", ["FuzzFilterParser"]),
        harness("FuzzCommandLine", ["FuzzFilterParser"]),
        // The posting-list codec is internal to LanternCore and needs only the standard library:
        // Sources/FuzzPostings/ links to its two files (PostingList.swift, Varint.swift).
        .executableTarget(name: "FuzzPostings", dependencies: ["FuzzSupport"]),
        // Raw records' stored forms and packed event rows: Sources/FuzzStoredForms/ links to
        // RawRecordElision.swift, EventRow.swift and Varint.swift (the JSON reader, fields and
        // SQLite row they use are public in LanternCore).
        harness("FuzzStoredForms"),
    ]
)
