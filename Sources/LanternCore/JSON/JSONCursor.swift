/// A forward-only reader over JSON bytes.
///
/// It reads values in place without building a tree unless asked
/// (``parseValue()``), so hot paths can pick the members they need and skip
/// the rest (``skipValue()``). The buffer must outlive the cursor.
public struct JSONCursor {
    /// The greatest nesting depth accepted by ``parseValue()`` and ``skipValue()``.
    public static let depthLimit = 512

    let bytes: UnsafeBufferPointer<UInt8>
    /// The byte offset of the next unread byte.
    public var offset: Int

    /// Makes a cursor at the start of `bytes`, or at `offset`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Skips spaces, tabs, carriage returns and newlines.
    public mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    /// The next byte after white space, without consuming it.
    public mutating func peek() throws(JSONError) -> UInt8 {
        skipWhitespace()
        guard offset < bytes.count else { throw JSONError(.truncated, at: offset) }
        return bytes[offset]
    }

    /// Consumes `byte` (after white space) or throws.
    public mutating func expect(_ byte: UInt8) throws(JSONError) {
        guard try peek() == byte else { throw JSONError(.unexpectedCharacter, at: offset) }
        offset += 1
    }

    /// Consumes `byte` (after white space) when it is next.
    public mutating func consume(_ byte: UInt8) throws(JSONError) -> Bool {
        if try peek() == byte {
            offset += 1
            return true
        }
        return false
    }

    /// Calls `body` with each member name of the object at the cursor.
    /// `body` must read or skip the member's value.
    public mutating func forEachMember(
        _ body: (JSONKey, inout JSONCursor) throws(JSONError) -> Void
    ) throws(JSONError) {
        try expect(UInt8(ascii: "{"))
        if try consume(UInt8(ascii: "}")) { return }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw JSONError(.unexpectedCharacter, at: offset) }
            let key = try readKey()
            try expect(UInt8(ascii: ":"))
            try body(key, &self)
            if try consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Calls `body` for each element of the array at the cursor; `body` must
    /// read or skip the element.
    public mutating func forEachElement(_ body: (inout JSONCursor) throws(JSONError) -> Void) throws(JSONError) {
        try expect(UInt8(ascii: "["))
        if try consume(UInt8(ascii: "]")) { return }
        while true {
            try body(&self)
            if try consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Reads a member name: its bytes in place when it has no escapes.
    private mutating func readKey() throws(JSONError) -> JSONKey {
        let start = offset + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                offset = end + 1
                return JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        return JSONKey(text: try readString())
    }

    /// Reads a string value, or nil for `null`; skips any other value.
    public mutating func readOptionalString() throws(JSONError) -> String? {
        switch try peek() {
        case UInt8(ascii: "\""): return try readString()
        default:
            try skipValue()
            return nil
        }
    }

    /// Reads a string and decodes its escapes. Invalid UTF-8 becomes U+FFFD.
    public mutating func readString() throws(JSONError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw JSONError(.controlCharacterInString, at: offset) }
            offset += 1
        }
        guard offset < bytes.count else { throw JSONError(.truncated, at: offset) }
        var scratch = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &scratch)
            case 0..<0x20:
                throw JSONError(.controlCharacterInString, at: offset)
            default:
                scratch.append(byte)
                offset += 1
            }
        }
        throw JSONError(.truncated, at: offset)
    }

    private mutating func readEscape(into scratch: inout [UInt8]) throws(JSONError) {
        guard offset + 1 < bytes.count else { throw JSONError(.truncated, at: offset) }
        let code = bytes[offset + 1]
        offset += 2
        switch code {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                    offset += 2
                    let low = try readHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        appendUTF8(0xFFFD, to: &scratch)
                        scalar = low
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD
            }
            appendUTF8(scalar, to: &scratch)
        default:
            throw JSONError(.invalidEscape, at: offset - 2)
        }
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw JSONError(.truncated, at: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONError(.invalidEscape, at: offset)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to scratch: inout [UInt8]) {
        let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        scratch.append(contentsOf: Array(String(Character(value)).utf8))
    }

    /// Skips the value at the cursor, checking its syntax, without building it.
    /// Works iteratively, so deep nesting cannot exhaust the stack.
    public mutating func skipValue() throws(JSONError) {
        var containers = ContainerStack()
        var expectingValue = true
        while true {
            let byte = try peek()
            if expectingValue {
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = byte == UInt8(ascii: "{")
                    offset += 1
                    guard containers.push(isObject: isObject) else {
                        throw JSONError(.tooDeep(limit: JSONCursor.depthLimit), at: offset)
                    }
                    if try consume(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        containers.pop()
                        expectingValue = false
                    } else if isObject {
                        try skipStringBody()
                        try expect(UInt8(ascii: ":"))
                    }
                case UInt8(ascii: "\""):
                    try skipStringBody()
                    expectingValue = false
                default:
                    try skipScalar()
                    expectingValue = false
                }
                if !expectingValue && containers.isEmpty { return }
            } else {
                // After a value inside a container: ',' or its closing bracket.
                switch byte {
                case UInt8(ascii: ","):
                    offset += 1
                    if containers.topIsObject {
                        try skipStringBody()
                        try expect(UInt8(ascii: ":"))
                    }
                    expectingValue = true
                case UInt8(ascii: "}") where containers.topIsObject,
                    UInt8(ascii: "]") where !containers.topIsObject:
                    offset += 1
                    containers.pop()
                    if containers.isEmpty { return }
                default:
                    throw JSONError(.unexpectedCharacter, at: offset)
                }
            }
        }
    }

    /// Skips a string (the cursor at its opening quote), checking escapes only loosely.
    public mutating func skipStringBody() throws(JSONError) {
        guard try peek() == UInt8(ascii: "\"") else { throw JSONError(.unexpectedCharacter, at: offset) }
        offset += 1
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                offset += 2
                continue
            }
            if byte < 0x20 { throw JSONError(.controlCharacterInString, at: offset) }
            offset += 1
        }
        throw JSONError(.truncated, at: min(offset, bytes.count))
    }

    private mutating func skipScalar() throws(JSONError) {
        let start = offset
        switch bytes[offset] {
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try readNumberText()
        default: throw JSONError(.unexpectedCharacter, at: start)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else {
            // A prefix of the literal at the end of the buffer means more data may come.
            throw JSONError(.truncated, at: offset)
        }
        for i in 0..<count where bytes[offset + i] != literal.utf8Start[i] {
            throw JSONError(.unexpectedCharacter, at: offset + i)
        }
        offset += count
    }

    private mutating func readNumberText() throws(JSONError) -> String {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        var digits = 0
        var sawPoint = false
        var sawExponent = false
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: ".") where !sawPoint && !sawExponent: sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard !sawExponent, digits > 0 else { throw JSONError(.invalidNumber, at: offset) }
                sawExponent = true
                if offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "+") || bytes[offset + 1] == UInt8(ascii: "-") {
                    offset += 1
                }
            default:
                guard digits > 0 else { throw JSONError(.invalidNumber, at: offset) }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            }
            offset += 1
        }
        // A number may continue in data not yet read.
        throw JSONError(.truncated, at: offset)
    }

    /// Parses the value at the cursor into a ``JSONValue`` tree.
    public mutating func parseValue() throws(JSONError) -> JSONValue {
        try parseValue(depth: 0)
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard depth < JSONCursor.depthLimit else { throw JSONError(.tooDeep(limit: JSONCursor.depthLimit), at: offset) }
        switch try peek() {
        case UInt8(ascii: "{"):
            var members: [(key: String, value: JSONValue)] = []
            try forEachMember { (key, cursor) throws(JSONError) in
                members.append((key.string, try cursor.parseValue(depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try forEachElement { (cursor) throws(JSONError) in
                elements.append(try cursor.parseValue(depth: depth + 1))
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try readNumberTextAtEnd())
        default:
            throw JSONError(.unexpectedCharacter, at: offset)
        }
    }

    /// Like `readNumberText`, but a number that ends the whole buffer is complete.
    private mutating func readNumberTextAtEnd() throws(JSONError) -> String {
        let start = offset
        do {
            return try readNumberText()
        } catch let error where error.reason == .truncated {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self)
            guard text.last?.isNumber == true else { throw error }
            return text
        }
    }
}

/// The kinds of the open containers while skipping, one bit each, without allocating.
private struct ContainerStack {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var depth = 0

    var isEmpty: Bool { depth == 0 }

    var topIsObject: Bool {
        let index = depth - 1
        return withUnsafeBytes(of: words) { raw in
            raw.load(fromByteOffset: (index / 64) * 8, as: UInt64.self) >> UInt64(index % 64) & 1 == 1
        }
    }

    /// Pushes a container; false when the depth limit is reached.
    mutating func push(isObject: Bool) -> Bool {
        guard depth < JSONCursor.depthLimit else { return false }
        let index = depth
        withUnsafeMutableBytes(of: &words) { raw in
            let byteOffset = (index / 64) * 8
            var word = raw.load(fromByteOffset: byteOffset, as: UInt64.self)
            let bit = UInt64(1) << UInt64(index % 64)
            word = isObject ? word | bit : word & ~bit
            raw.storeBytes(of: word, toByteOffset: byteOffset, as: UInt64.self)
        }
        depth += 1
        return true
    }

    mutating func pop() { depth -= 1 }
}
