import FuzzSupport
import LanternCore

/// The ingest front end: gzip (by magic bytes) → RecordStream → CloudTrailScanner, with
/// JSONValue / FindingNormalizer for records that are not events — what `RecordClassifier` does —
/// and `CredentialRedaction` of every valid record.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCloudTrail(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var source: any ByteSource = MemoryByteSource(bytes)
    if bytes.starts(with: [0x1F, 0x8B]) {
        source = GzipByteSource(file: MemoryByteSource(bytes))
    }
    // A small record limit and chunk size exercise the "record too large" and refill paths.
    let stream = RecordStream(source: source, maxRecordBytes: 64 << 10, chunkSize: 997)
    var lastIndex = -1
    stream.forEachRecord({ record, index, container in
        precondition(index > lastIndex, "record indexes must increase")
        lastIndex = index
        if let event = try? CloudTrailScanner.scan(record) {
            Invariants.checkSanitized(event.eventName ?? "")
            Invariants.checkSanitized(event.userAgent ?? "")
        }
        if let value = try? JSONValue.parse(record) {
            Invariants.checkRoundTrip(value)
            Invariants.checkCredentialRedaction(record, value)
            if let text = value["CloudTrailEvent"]?.stringValue {
                let embedded = Array(text.utf8)
                embedded.withUnsafeBufferPointer { _ = try? CloudTrailScanner.scan($0) }
            }
            _ = try? FindingNormalizer.findings(in: value)
        }
        _ = container
    }, problem: { problem in
        Invariants.checkSanitized(problem.reason)
    })
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzCloudTrail_main")
public func fuzzCloudTrailMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzCloudTrail)
}
