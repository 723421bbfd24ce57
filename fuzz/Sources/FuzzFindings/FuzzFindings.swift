import FuzzSupport
import LanternCore

/// The findings normaliser on parsed JSON: the record shapes `ingest` accepts (ASFF,
/// EventBridge-wrapped ASFF, native GuardDuty) and each normaliser forced on any object.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFindings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    if let findings = try? FindingNormalizer.findings(in: value) {
        for finding in findings {
            Invariants.checkSanitized(finding.title)
            Invariants.checkSanitized(finding.description ?? "")
            for observable in finding.observables { Invariants.checkSanitized(observable.observable.value) }
        }
    }
    var objects: [JSONValue] = [value]
    if let elements = value.arrayValue { objects += elements.prefix(8) }
    for object in objects {
        _ = try? FindingNormalizer.asff(object)
        _ = try? FindingNormalizer.guardDuty(object)
    }
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzFindings_main")
public func fuzzFindingsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzFindings)
}
