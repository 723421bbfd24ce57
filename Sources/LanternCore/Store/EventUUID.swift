/// An eventID in CloudTrail's usual form, a lowercase UUID (8-4-4-4-12 hex
/// digits), held as its 16 bytes: how the store keeps such eventIDs.
struct EventUUID: Sendable, Equatable {
    /// The first 8 bytes, big-endian.
    var high: UInt64
    /// The last 8 bytes, big-endian.
    var low: UInt64

    /// The UUID `text` spells; nil for any other text, uppercase included
    /// (it would not read back the same).
    init?(_ text: String) {
        var text = text
        guard let halves = text.withUTF8({ utf8 -> (UInt64, UInt64)? in
            guard utf8.count == 36 else { return nil }
            var halves: (UInt64, UInt64) = (0, 0)
            var nibbles = 0
            for (i, c) in utf8.enumerated() {
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    guard c == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let nibble: UInt64
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(c - UInt8(ascii: "a") + 10)
                default: return nil
                }
                if nibbles < 16 { halves.0 = halves.0 << 4 | nibble } else { halves.1 = halves.1 << 4 | nibble }
                nibbles += 1
            }
            return halves
        }) else { return nil }
        (high, low) = halves
    }

    /// The UUID stored as `bytes`; nil unless they are 16.
    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 16 else { return nil }
        high = bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes.suffix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The 16 bytes as stored.
    var bytes: [UInt8] {
        (0..<16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? high : low) >> UInt64(56 - 8 * (i % 8))) }
    }

    /// The text form, lowercase with dashes.
    var text: String {
        String(unsafeUninitializedCapacity: 36) { out in
            var position = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                let digit = UInt8(truncatingIfNeeded: (nibble < 16 ? high : low) >> UInt64(60 - 4 * (nibble % 16)) & 0xF)
                out[position] = digit < 10 ? digit + 0x30 : digit + 0x57
                position += 1
            }
            return position
        }
    }
}
