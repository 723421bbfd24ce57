import FuzzSupport
@_exported import LanternCore

/// Raw records' stored forms (`RawRecordElision`) and packed event rows (`EventRow`), compiled
/// here from the store's own files (and the scanner's, for the spans it notes). Any bytes taken as
/// a record that scans as an event must come back exactly from their stored form, the same form
/// whether made from the scanner's spans or from spans found again; any bytes taken as a stored form or a packed row must be
/// restored, decoded or refused without trapping (a damaged database gives an error).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStoredForms(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var spans = RawRecordElision.Spans()
    let scanned = try? CloudTrailScanner.scan(bytes, spans: &spans)
    let fields = scanned?.fields ?? EventFields(eventID: "e", time: 0, eventName: "n")
    var stored: [UInt8] = []
    RawRecordElision.append(bytes, fields: fields, to: &stored)
    precondition(RawRecordElision.restore(stored, fields: fields) == Array(bytes), "a record did not come back exactly")
    if scanned != nil {
        // The spans the scanner noted make the same stored form as the ones found again.
        var fromScan: [UInt8] = []
        RawRecordElision.append(bytes, fields: fields, spans: spans, to: &fromScan)
        precondition(fromScan == stored, "the scanner's spans made another stored form")
    }
    _ = RawRecordElision.restore(Array(bytes), fields: fields)
    if let row = EventRow(decoding: UnsafeRawBufferPointer(bytes)) {
        let again = row.encoded.withUnsafeBytes { EventRow(decoding: $0) }
        precondition(again == row, "a packed row did not read back the same")
    }
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzStoredForms_main")
public func fuzzStoredFormsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzStoredForms)
}
