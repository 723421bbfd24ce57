import FuzzSupport
@_exported import LanternCore

/// Raw records' stored forms (`RawRecordElision`) and packed event rows (`EventRow`), compiled
/// here from the store's own files (and the scanner's, which finds where the values lie). Any
/// bytes taken as a record that scans as an event must come back exactly from their stored form;
/// any bytes taken as a stored form or a packed row must be restored, decoded or refused without
/// trapping (a damaged database gives an error).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStoredForms(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let fields = (try? CloudTrailScanner.scan(bytes))?.fields ?? EventFields(eventID: "e", time: 0, eventName: "n")
    var stored: [UInt8] = []
    RawRecordElision.append(bytes, fields: fields, to: &stored)
    precondition(RawRecordElision.restore(stored, fields: fields) == Array(bytes), "a record did not come back exactly")
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
