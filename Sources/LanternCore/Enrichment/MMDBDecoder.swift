/// Decodes MaxMind DB data-section values (spec 2.0, "Data Section").
struct MMDBDecoder {
    let bytes: [UInt8]
    /// Absolute offset pointers are relative to (data section start, or metadata start).
    let pointerBase: Int
    let file: String?
    private var depth = 0
    /// Values decoded for the current top-level value: pointers can share a subtree many
    /// times over (a 500-byte file can expand to 2^40 values), so expansion is capped.
    private var decoded = 0
    /// Far above any real record (a GeoIP2 City record is a few hundred values).
    static let maxValuesPerRecord = 1 << 18

    init(bytes: [UInt8], pointerBase: Int, file: String?) {
        self.bytes = bytes
        self.pointerBase = pointerBase
        self.file = file
    }

    private func fail(_ reason: String, at offset: Int) -> EnrichmentError {
        EnrichmentError(file: file, line: nil, reason: "mmdb data at byte \(offset): \(reason)")
    }

    private func byte(_ offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < bytes.count else { throw fail("read past the end of the file", at: offset) }
        return bytes[offset]
    }

    private func unsigned(_ offset: Int, _ count: Int) throws -> UInt64 {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else {
            throw fail("read past the end of the file", at: offset)
        }
        var value: UInt64 = 0
        for index in 0..<count { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    /// Decodes the value at `offset`, advancing it past the value (a pointer advances past
    /// the pointer only, as the spec requires).
    mutating func decode(at offset: inout Int) throws -> MMDBValue {
        depth += 1
        defer { depth -= 1 }
        guard depth < 512 else { throw fail("values nested too deeply", at: offset) }
        if depth == 1 { decoded = 0 }
        decoded += 1
        guard decoded <= MMDBDecoder.maxValuesPerRecord else {
            throw fail("value expands to more than \(MMDBDecoder.maxValuesPerRecord) items (pointer loop?)", at: offset)
        }
        let start = offset
        let control = try byte(offset)
        offset += 1
        var type = Int(control >> 5)
        if type == 1 {
            let target = try pointer(control, at: &offset)
            var position = target
            let value = try decode(at: &position)
            return value
        }
        if type == 0 {
            let extended = Int(try byte(offset))
            offset += 1
            type = 7 + extended
            guard type >= 8 && type <= 15 else { throw fail("invalid extended type \(type)", at: start) }
        }
        var size = Int(control & 0x1f)
        if size == 29 {
            size = 29 + Int(try byte(offset))
            offset += 1
        } else if size == 30 {
            size = 285 + Int(try unsigned(offset, 2))
            offset += 2
        } else if size == 31 {
            size = 65_821 + Int(try unsigned(offset, 3))
            offset += 3
        }
        switch type {
        case 2:
            guard offset + size <= bytes.count else { throw fail("string runs past the end", at: start) }
            let text = String(decoding: bytes[offset..<(offset + size)], as: UTF8.self)
            offset += size
            return .string(text)
        case 3:
            guard size == 8 else { throw fail("double of size \(size)", at: start) }
            let bits = try unsigned(offset, 8)
            offset += 8
            return .double(Double(bitPattern: bits))
        case 4:
            guard offset + size <= bytes.count else { throw fail("bytes run past the end", at: start) }
            let value = Array(bytes[offset..<(offset + size)])
            offset += size
            return .bytes(value)
        case 5:
            guard size <= 2 else { throw fail("uint16 of size \(size)", at: start) }
            let value = try unsigned(offset, size)
            offset += size
            return .uint16(UInt16(value))
        case 6:
            guard size <= 4 else { throw fail("uint32 of size \(size)", at: start) }
            let value = try unsigned(offset, size)
            offset += size
            return .uint32(UInt32(value))
        case 7:
            // Each entry takes at least two bytes: a declared size beyond that is corrupt, and
            // must not reserve memory (16M entries a level, nested, from a few bytes).
            guard size <= (bytes.count - offset) / 2 else { throw fail("map of \(size) entries runs past the end", at: start) }
            var map: [String: MMDBValue] = [:]
            map.reserveCapacity(size)
            for _ in 0..<size {
                let keyOffset = offset
                guard case .string(let key) = try decode(at: &offset) else {
                    throw fail("map key is not a string", at: keyOffset)
                }
                map[key] = try decode(at: &offset)
            }
            return .map(map)
        case 8:
            guard size <= 4 else { throw fail("int32 of size \(size)", at: start) }
            let value = try unsigned(offset, size)
            offset += size
            return .int32(Int32(bitPattern: UInt32(truncatingIfNeeded: value)))
        case 9:
            guard size <= 8 else { throw fail("uint64 of size \(size)", at: start) }
            let value = try unsigned(offset, size)
            offset += size
            return .uint64(value)
        case 10:
            guard size <= 16 else { throw fail("uint128 of size \(size)", at: start) }
            guard offset + size <= bytes.count else { throw fail("uint128 runs past the end", at: start) }
            var value: UInt128 = 0
            for index in 0..<size { value = value << 8 | UInt128(bytes[offset + index]) }
            offset += size
            return .uint128(value)
        case 11:
            guard size <= bytes.count - offset else { throw fail("array of \(size) items runs past the end", at: start) }
            var list: [MMDBValue] = []
            list.reserveCapacity(size)
            for _ in 0..<size { list.append(try decode(at: &offset)) }
            return .array(list)
        case 12:
            return .dataCacheContainer
        case 13:
            return .endMarker
        case 14:
            guard size <= 1 else { throw fail("boolean of size \(size)", at: start) }
            return .bool(size == 1)
        case 15:
            guard size == 4 else { throw fail("float of size \(size)", at: start) }
            let bits = try unsigned(offset, 4)
            offset += 4
            return .float(Float(bitPattern: UInt32(bits)))
        default:
            throw fail("unknown type \(type)", at: start)
        }
    }

    /// Reads a pointer's payload after its control byte and returns the absolute target.
    private func pointer(_ control: UInt8, at offset: inout Int) throws -> Int {
        let sizeBits = Int(control >> 3) & 0x3
        let high = Int(control & 0x7)
        let value: Int
        switch sizeBits {
        case 0:
            value = high << 8 | Int(try byte(offset))
            offset += 1
        case 1:
            value = (high << 16 | Int(try unsigned(offset, 2))) + 2048
            offset += 2
        case 2:
            value = (high << 24 | Int(try unsigned(offset, 3))) + 526_336
            offset += 3
        default:
            value = Int(try unsigned(offset, 4))
            offset += 4
        }
        let target = pointerBase + value
        guard target < bytes.count else { throw fail("pointer \(value) past the end", at: offset) }
        return target
    }
}
