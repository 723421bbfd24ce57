import FuzzFilterParser
import FuzzSupport
import LanternCore

/// The TUI's `:` command line (`:ip 1.2.3.4`, `:window -6h +2h`, `:export md PATH`, `:sort time`,
/// a bare value): parsing never traps, a window is never negative, an error's text is safe to
/// show, and completion returns text for any prefix.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    switch CommandLineCommand.parse(text) {
    case .success(.window(let before, let after)):
        guard before >= 0, after >= 0 else { fatalError("negative window \(before) \(after) from \(text.debugDescription)") }
    case .success(.pivot(let observable)):
        Invariants.checkSanitized(observable.value)
    case .success:
        break
    case .failure(let error):
        Invariants.checkSanitized(error.description)
    }
    let recent = Observable(detecting: text).map { [$0] } ?? []
    _ = CommandLineCommand.complete(text, recent: recent)
    return 0
}

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzCommandLine_main")
public func fuzzCommandLineMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzCommandLine)
}
