/// A 64-bit hash that is the same in every run (Swift's `Hasher` is seeded
/// per process), used to key events by their eventID compactly.
///
/// FNV-1a over the bytes, then a murmur-style finaliser to spread the bits.
/// At ten million events the chance of any collision is about 3 in a million.
public enum StableHash {
    /// The hash of `bytes`, as a signed value for SQLite's INTEGER.
    public static func hash(_ bytes: some Sequence<UInt8>) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int64(bitPattern: h)
    }

    /// The hash of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> Int64 { hash(text.utf8) }
}
