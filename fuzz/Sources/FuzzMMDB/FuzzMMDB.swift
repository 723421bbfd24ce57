import Foundation
import FuzzSupport
import LanternCore

/// The MaxMind DB reader: metadata, tree walk and data decoder on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMMDB(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    guard let db = try? MaxMindDB(data: data, file: "fuzz.mmdb") else { return 0 }
    for text in probes {
        guard let address = IPAddress(text) else { continue }
        _ = try? db.lookup(address)
        _ = try? db.dataOffset(for: address)
    }
    // Decode at the first few offsets too: the decoder must reject, never trap.
    for offset in 0..<min(size, 64) { _ = try? db.record(at: offset) }
    return 0
}

private let probes = [
    "0.0.0.0", "1.2.3.4", "8.8.8.8", "81.2.69.160", "127.0.0.1", "255.255.255.255",
    "::", "::1", "2001:db8::1", "2a02:ff80::", "::ffff:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
]

/// The program's entry point (see `FuzzDriver`).
@_cdecl("FuzzMMDB_main")
public func fuzzMMDBMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzMMDB)
}
