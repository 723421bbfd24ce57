import Foundation
import FuzzSupport
import LanternCore

/// Intel and ownership list parsers: format detection, plain lists, CSV, STIX bundles,
/// MISP warninglists, AWS ip-ranges.json, pyasn tables, AS names, GeoLite CSV and the
/// known-accounts YAML. Each parser sees every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntel(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    if let result = try? IntelParser.parse(data, fileName: nil) {
        for issue in result.issues { Invariants.checkSanitized(issue.description) }
    }
    _ = PlainListParser.parse(data, file: "fuzz.txt")
    _ = CSVIntelParser.parse(data, file: "fuzz.csv")
    _ = try? STIXBundleParser.parse(data, file: "fuzz.json")
    _ = try? MISPWarninglistParser.parse(data, file: "fuzz.json")
    _ = try? AWSIPRanges(data: data, file: "ip-ranges.json")
    _ = try? ASNTable(pyasnData: data, file: "asn.dat")
    _ = try? ASNames(data: data, file: "asnames.json")
    _ = try? GeoCSVTable(csvData: data, file: "geo.csv")
    _ = try? KnownAWSAccounts(data: data, file: "accounts.yaml")
    _ = try? AccountCatalog(data: data, file: "accounts.csv")
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzIntel_main")
public func fuzzIntelMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzIntel)
}
