/// Unsigned LEB128 varints (7 bits a byte, low bits first), as the raw
/// block headers and the posting lists store their numbers.
enum Varint {
    /// Appends `value` to `out`.
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Reads the varint at `position` of `data` and moves past it; nil when
    /// `data` ends inside it or it runs past 64 bits.
    static func read(_ data: UnsafeRawBufferPointer, _ position: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < data.count, shift < 64 {
            let byte = data[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
