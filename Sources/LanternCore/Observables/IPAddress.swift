/// An IPv4 or IPv6 address held as a 128-bit number.
///
/// IPv4 addresses are kept in their IPv4-mapped IPv6 form (`::ffff:a.b.c.d`)
/// so that one ordering and one range arithmetic serve both families.
/// ``description`` gives the canonical text: dotted quad for IPv4, RFC 5952
/// compressed lower-case hex for IPv6.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address as a 128-bit big-endian number.
    public let value: UInt128
    /// Whether this is an IPv4 address.
    public let isIPv4: Bool

    static let v4MappedPrefix: UInt128 = 0xffff_0000_0000

    /// Makes an IPv4 address from its 32-bit number.
    public init(v4 raw: UInt32) {
        self.value = IPAddress.v4MappedPrefix | UInt128(raw)
        self.isIPv4 = true
    }

    /// Makes an address from its 128-bit number; an IPv4-mapped address
    /// (`::ffff:a.b.c.d`) is the IPv4 address it maps, so equality and
    /// order agree.
    public init(v6 raw: UInt128) {
        self.value = raw
        self.isIPv4 = raw >> 32 == 0xffff
    }

    /// Parses an IPv4 dotted quad or IPv6 text; `nil` when the text is neither.
    ///
    /// IPv4 octets with leading zeros (`035.1.2.3`) are rejected, as
    /// `inet_pton` does, since their meaning (octal or decimal) is ambiguous.
    public init?(_ text: some StringProtocol) {
        if let v4 = IPAddress.parseV4(text.utf8) {
            self.init(v4: v4)
        } else if let v6 = IPAddress.parseV6(Substring(text)) {
            self.init(v6: v6)
        } else {
            return nil
        }
    }

    /// The 32-bit number of an IPv4 address.
    public var v4: UInt32? {
        isIPv4 ? UInt32(truncatingIfNeeded: value) : nil
    }

    /// The number of bits in an address of this family.
    public var bitWidth: Int { isIPv4 ? 32 : 128 }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.value < rhs.value
    }

    public var description: String {
        if let v4 {
            return "\(v4 >> 24).\((v4 >> 16) & 0xff).\((v4 >> 8) & 0xff).\(v4 & 0xff)"
        }
        return IPAddress.formatV6(value)
    }

    static func parseV4<C: Collection>(_ bytes: C) -> UInt32? where C.Element == UInt8 {
        var result: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        var leadingZero = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && leadingZero { return nil }
                if digits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || octet > 255 { return nil }
            case UInt8(ascii: "."):
                if digits == 0 || dots == 3 { return nil }
                result = result << 8 | octet
                octet = 0
                digits = 0
                leadingZero = false
                dots += 1
            default:
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return result << 8 | octet
    }

    static func parseV6(_ text: Substring) -> UInt128? {
        guard text.count >= 2, text.count <= 45, text.contains(":") else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        var index = 0
        // Leading "::" produces two empty pieces.
        if text.hasPrefix("::") {
            sawGap = true
            index = 2
            if text == "::" { return 0 }
        } else if text.hasPrefix(":") {
            return nil
        }
        while index < pieces.count {
            let piece = pieces[index]
            let isLast = index == pieces.count - 1
            if piece.isEmpty {
                if isLast && sawGap && text.hasSuffix("::") { break }
                if sawGap { return nil }
                sawGap = true
                index += 1
                continue
            }
            if isLast, piece.contains(".") {
                guard let v4 = parseV4(piece.utf8) else { return nil }
                let words = [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
                if sawGap { tail += words } else { head += words }
                break
            }
            guard piece.count <= 4, piece.utf8.allSatisfy(\.isASCIIHexDigit), let word = UInt16(piece, radix: 16) else {
                return nil
            }
            if sawGap { tail.append(word) } else { head.append(word) }
            index += 1
        }
        let total = head.count + tail.count
        if sawGap ? total > 7 : total != 8 { return nil }
        let words = head + Array(repeating: 0, count: 8 - total) + tail
        return words.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    static func formatV6(_ value: UInt128) -> String {
        let words = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }
        // RFC 5952: compress the longest run (>= 2) of zero words, first on ties.
        var bestStart = -1
        var bestLength = 0
        var runStart = -1
        for i in 0...8 {
            if i < 8 && words[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength {
                    bestStart = runStart
                    bestLength = i - runStart
                }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var parts: [String] = []
        var i = 0
        while i < 8 {
            if i == bestStart {
                parts.append(i == 0 ? ":" : "")
                i += bestLength
                if i == 8 { parts.append("") }
                continue
            }
            parts.append(String(words[i], radix: 16))
            i += 1
        }
        return parts.joined(separator: ":")
    }
}

/// A CIDR block: an address and a prefix length.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The first address of the block.
    public let first: IPAddress
    /// The prefix length in bits, within the address family.
    public let prefixLength: Int

    /// Parses `a.b.c.d/n` or `x::y/n`; a bare address is a host block.
    /// Host bits set below the prefix are cleared, as most tools do.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        var length = address.bitWidth
        if parts.count == 2 {
            guard parts[1].utf8.allSatisfy({ (48...57).contains($0) }), let parsed = Int(parts[1]),
                  parsed >= 0, parsed <= address.bitWidth
            else {
                return nil
            }
            length = parsed
        }
        self.init(address: address, prefixLength: length)
    }

    /// Makes the block of `prefixLength` bits that contains `address`.
    public init(address: IPAddress, prefixLength: Int) {
        let hostBits = address.bitWidth - prefixLength
        let mask: UInt128 = hostBits >= 128 ? 0 : ~((UInt128(1) << hostBits) - 1)
        let masked = address.value & mask
        self.first = address.isIPv4
            ? IPAddress(v4: UInt32(truncatingIfNeeded: masked))
            : IPAddress(v6: masked)
        self.prefixLength = prefixLength
    }

    /// The last address of the block.
    public var last: IPAddress {
        let hostBits = first.bitWidth - prefixLength
        let span: UInt128 = hostBits >= 128 ? ~0 : (UInt128(1) << hostBits) - 1
        return first.isIPv4
            ? IPAddress(v4: UInt32(truncatingIfNeeded: first.value | span))
            : IPAddress(v6: first.value | span)
    }

    /// Whether the block contains `address` (same family only).
    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv4 == first.isIPv4 && address >= first && address <= last
    }

    public var description: String { "\(first)/\(prefixLength)" }
}

extension UInt8 {
    /// Whether this byte is an ASCII hexadecimal digit.
    var isASCIIHexDigit: Bool {
        (48...57).contains(self) || (65...70).contains(self) || (97...102).contains(self)
    }
}
