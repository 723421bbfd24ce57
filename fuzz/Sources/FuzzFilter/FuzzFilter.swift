import FuzzFilterParser
import FuzzSupport
import LanternCore

/// The TUI's filter-expression parser (`sev>=high type:Recon ip:1.2.3.4 -"phrase"`), and
/// matching the parsed filter against a finding whose fields are the same hostile text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    switch FindingFilter.parse(text) {
    case .success(let filter):
        var finding = sample
        finding.title = text
        finding.type = text
        finding.severityLabel = text
        let haystack = FindingFilter.haystack(finding, accountName: text)
        _ = filter.matches(haystack: haystack, finding: { finding }, accountName: { text }, matches: [:])
        _ = filter.observables
    case .failure(let error):
        Invariants.checkSanitized(error.description)
    }
    return 0
}

private let sample: Finding = {
    let record = #"{"SchemaVersion":"2018-10-08","Id":"f-1","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/guardduty","GeneratorId":"g","AwsAccountId":"123456789012","Types":["TTPs/Recon"],"CreatedAt":"2024-01-01T00:00:00Z","UpdatedAt":"2024-01-01T00:00:00Z","Severity":{"Label":"HIGH"},"Title":"t","Description":"d","Resources":[{"Type":"AwsEc2Instance","Id":"i-1"}]}"#
    guard let value = try? JSONValue.parse(record), let finding = try? FindingNormalizer.asff(value) else {
        fatalError("the sample finding must normalise")
    }
    return finding
}()

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzFilter_main")
public func fuzzFilterMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzFilter)
}
