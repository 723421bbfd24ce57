/// libFuzzer's entry point for programs that keep their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// Starts libFuzzer on `harness`.
///
/// SwiftPM links an executable target with `main` pointing at `<Module>_main`, so each harness
/// defines that symbol (`@_cdecl("FuzzX_main")`) and calls this, instead of leaving `main` to
/// libFuzzer's runtime. The harness is also exported as `LLVMFuzzerTestOneInput`, so the same
/// file links with plain `swiftc -sanitize=fuzzer,address -parse-as-library` too.
public enum FuzzDriver {
    /// Runs libFuzzer with the program's arguments; returns its exit status.
    public static func run(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
        _ harness: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, harness)
    }
}
