import Foundation

/// Raw records stored without the values their event row already holds.
///
/// The eventID, time, source, name, region, source IP, user agent, error
/// code, recipient account and the identity's type, ARN, key, principal ID
/// and account are in every event row; most of them are also the
/// least compressible part of a record (random IDs, IPs, keys). A stored
/// record keeps its JSON exactly but with each such string's contents
/// replaced by one marker byte, and gets them back from the row when read
/// (``restore(_:fields:)``): on the 1M-event benchmark corpus raw blocks
/// shrank by about a third.
///
/// A stored record starts with a flag byte: 1 when values were taken out,
/// 0 when it is the record as is. A value is taken out only when its bytes
/// in the record are exactly the row's value (no escapes; the time written
/// exactly as ``Timestamp/string(milliseconds:)`` writes it), and only
/// from records with no byte in 0x10...0x1F, so every such byte of a stored
/// record is a marker (JSON allows none of them inside strings, and only
/// tab, newline and carriage return outside).
enum RawRecordElision {
    /// The fields taken out, in marker order (marker = 0x10 + position).
    enum Field: UInt8, CaseIterable {
        case eventID, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode,
             recipientAccountId, identityType, arn, accessKeyId, principalId, accountId

        /// The field's text as the row gives it back.
        func value(in fields: EventFields) -> String? {
            switch self {
            case .eventID: return fields.eventID
            case .eventTime: return Timestamp.string(milliseconds: fields.time)
            case .eventSource: return fields.eventSource
            case .eventName: return fields.eventName
            case .awsRegion: return fields.awsRegion
            case .sourceIPAddress: return fields.sourceIPAddress
            case .userAgent: return fields.userAgent
            case .errorCode: return fields.errorCode
            case .recipientAccountId: return fields.recipientAccountId
            case .identityType: return fields.identityType
            case .arn: return fields.arn
            case .accessKeyId: return fields.accessKeyId
            case .principalId: return fields.principalId
            case .accountId: return fields.accountId
            }
        }
    }

    static let firstMarker: UInt8 = 0x10
    static let lastReserved: UInt8 = 0x1F

    /// Where the fields' string contents lie in a record, by byte offset
    /// (the last of repeated members, as ``CloudTrailScanner`` reads them).
    struct Spans: Sendable {
        /// Start in the high 32 bits, end in the low; 0 for none (a string's contents never start at 0).
        private var packed = InlineArray<14, UInt64>(repeating: 0)

        /// No spans yet.
        init() {}

        /// The span of `field`'s contents, nil when it is not a string in the record.
        subscript(field: Field) -> Range<Int>? {
            get {
                let code = packed[Int(field.rawValue)]
                return code == 0 ? nil : Int(code >> 32)..<Int(code & 0xFFFF_FFFF)
            }
            set {
                packed[Int(field.rawValue)] = newValue.map { UInt64($0.lowerBound) << 32 | UInt64($0.upperBound) } ?? 0
            }
        }
    }

    /// Appends the stored form of `record` (whose event row has `fields`)
    /// to `out`; `spans` are where the scanner found the fields in these
    /// bytes (the record is scanned again when nil: redacted or live records).
    static func append(_ record: UnsafeBufferPointer<UInt8>, fields: EventFields, spans: Spans? = nil, to out: inout [UInt8]) {
        let spans = spans ?? Self.spans(in: record)
        var taken: [(span: Range<Int>, field: Field)] = []
        for field in Field.allCases {
            guard let span = spans[field], span.upperBound <= record.count else { continue }
            func same(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
                guard utf8.count == span.count else { return false }
                guard let value = utf8.baseAddress, let bytes = record.baseAddress else { return span.isEmpty }
                return memcmp(value, bytes + span.lowerBound, span.count) == 0
            }
            if field == .eventTime {
                // The row's time spelled on the stack, not as a String per record.
                guard Timestamp.withUTF8(milliseconds: fields.time, same) else { continue }
            } else {
                guard var value = field.value(in: fields), value.withUTF8(same) else { continue }
            }
            taken.append((span, field))
        }
        guard !taken.isEmpty, !holdsReservedByte(record) else {
            out.append(0)
            out.append(contentsOf: record)
            return
        }
        taken.sort { $0.span.lowerBound < $1.span.lowerBound }
        out.append(1)
        var position = 0
        for (span, field) in taken {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: record[position..<span.lowerBound]))
            out.append(firstMarker + field.rawValue)
            position = span.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: record[position...]))
    }

    /// Whether `record` has a byte in 0x10...0x1F, eight bytes at a time
    /// (the byte-by-byte loop was a tenth of the parsing thread's time).
    static func holdsReservedByte(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(record.baseAddress) else { return false }
        var index = 0
        while index + 8 <= record.count {
            // Such a byte has the high nibble 1: after the XOR, 0; then a zero byte of `t` shows in the top bits.
            let t = (base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x1010_1010_1010_1010)
                & 0xF0F0_F0F0_F0F0_F0F0
            if (t &- 0x0101_0101_0101_0101) & ~t & 0x8080_8080_8080_8080 != 0 { return true }
            index += 8
        }
        while index < record.count {
            if record[index] & 0xF0 == firstMarker { return true }
            index += 1
        }
        return false
    }

    /// The stored forms of `records` back to back, and their lengths
    /// (`spans` as for ``append(_:fields:spans:to:)``, one per record).
    static func stored(
        _ records: [UnsafeBufferPointer<UInt8>], fields: [EventFields], spans: [Spans?]
    ) -> (bytes: [UInt8], lengths: [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(records.count) { $0 + $1.count })
        var lengths: [Int] = []
        lengths.reserveCapacity(records.count)
        for ((record, fields), spans) in zip(zip(records, fields), spans) {
            let start = bytes.count
            append(record, fields: fields, spans: spans, to: &bytes)
            lengths.append(bytes.count - start)
        }
        return (bytes, lengths)
    }

    /// The record `stored` (a stored form) came from, its values taken from
    /// `fields`; nil when it is not a valid stored form for them.
    static func restore(_ stored: [UInt8], fields: EventFields) -> [UInt8]? {
        guard let flag = stored.first, flag <= 1 else { return nil }
        guard flag == 1 else { return Array(stored.dropFirst()) }
        var out: [UInt8] = []
        out.reserveCapacity(stored.count + 256)
        for byte in stored.dropFirst() {
            guard byte >= firstMarker && byte <= lastReserved else {
                out.append(byte)
                continue
            }
            guard let field = Field(rawValue: byte - firstMarker), let value = field.value(in: fields) else { return nil }
            out.append(contentsOf: value.utf8)
        }
        return out
    }

    /// The spans ``CloudTrailScanner`` notes while reading `record`; none
    /// when it is not a CloudTrail event.
    static func spans(in record: UnsafeBufferPointer<UInt8>) -> Spans {
        var spans = Spans()
        guard (try? CloudTrailScanner.scan(record, spans: &spans)) != nil else { return Spans() }
        return spans
    }
}
