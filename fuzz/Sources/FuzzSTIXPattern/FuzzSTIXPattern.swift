import FuzzSupport
import LanternCore

/// The STIX 2.1 pattern parser (`[ipv4-addr:value = '1.2.3.4' OR …]`) on any text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTIXPattern(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    if let pattern = try? STIXPattern(text) {
        for value in pattern.values { Invariants.checkSanitized(value.value) }
    }
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzSTIXPattern_main")
public func fuzzSTIXPatternMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzSTIXPattern)
}
