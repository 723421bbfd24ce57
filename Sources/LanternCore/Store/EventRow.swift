/// The `fields` column of an event row: its string ids, read-only flag and
/// raw-record location packed into one blob.
///
/// As thirteen integer columns plus three, each cost a header byte and a
/// column read; packed, a row is about 11 bytes smaller (61.5 MB instead
/// of 73 MB for the 1M-event benchmark corpus) and one column is read.
/// Layout: LEB128 varints, in ``Column`` order, each string id plus one (0
/// when absent), then the read-only flag (0 absent, 1 false, 2 true), the
/// raw block and the slot in it.
struct EventRow: Equatable {
    /// The string columns, in their order in the blob.
    enum Column: Int, CaseIterable {
        case source, name, ip, userAgent, errorCode, region, recipient, identityType, arn, accessKey, principalID,
             account, issuer

        /// The value of `fields` this column holds.
        func value(in fields: EventFields) -> String? {
            switch self {
            case .source: return fields.eventSource
            case .name: return fields.eventName
            case .ip: return fields.sourceIPAddress
            case .userAgent: return fields.userAgent
            case .errorCode: return fields.errorCode
            case .region: return fields.awsRegion
            case .recipient: return fields.recipientAccountId
            case .identityType: return fields.identityType
            case .arn: return fields.arn
            case .accessKey: return fields.accessKeyId
            case .principalID: return fields.principalId
            case .account: return fields.accountId
            case .issuer: return fields.sessionIssuerArn
            }
        }
    }

    /// String ids by ``Column``, each plus one (0 when the event has no
    /// such value), kept inline so decoding a row allocates nothing.
    private var codes: InlineArray<13, UInt64>
    var readOnly: Bool?
    var block: Int64
    var slot: Int64

    /// A row with no string values yet.
    init(readOnly: Bool?, block: Int64, slot: Int64) {
        codes = InlineArray(repeating: 0)
        self.readOnly = readOnly
        self.block = block
        self.slot = slot
    }

    /// The string id in `column`, nil when absent.
    subscript(column: Column) -> Int64? {
        get {
            let code = codes[column.rawValue]
            return code == 0 ? nil : Int64(bitPattern: code &- 1)
        }
        set { codes[column.rawValue] = newValue.map { UInt64(bitPattern: $0) &+ 1 } ?? 0 }
    }

    static func == (a: EventRow, b: EventRow) -> Bool {
        a.readOnly == b.readOnly && a.block == b.block && a.slot == b.slot
            && Column.allCases.allSatisfy { a[$0] == b[$0] }
    }

    /// The packed blob.
    var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for index in codes.indices { Varint.append(codes[index], to: &out) }
        Varint.append(readOnly.map { $0 ? 2 : 1 } ?? 0, to: &out)
        Varint.append(UInt64(bitPattern: block), to: &out)
        Varint.append(UInt64(bitPattern: slot), to: &out)
        return out
    }

    /// The row of a store from before the packed column (schema v1–v4,
    /// migrated by v5, or opened read-only): ``unpackedColumns`` from
    /// `first` on.
    init(unpacked row: SQLiteRow, from first: Int32) {
        codes = InlineArray(repeating: 0)
        for index in codes.indices {
            codes[index] = row.optionalInt(first + Int32(index)).map { UInt64(bitPattern: $0) &+ 1 } ?? 0
        }
        let count = Int32(Column.allCases.count)
        readOnly = row.optionalInt(first + count).map { $0 != 0 }
        block = row.int(first + count + 1)
        slot = row.int(first + count + 2)
    }

    /// The columns that held a row's values before they were packed, in ``Column`` order.
    static let unpackedColumns = """
        e.source, e.name, e.ip, e.user_agent, e.error_code, e.region, e.recipient, e.identity_type, e.arn,
        e.access_key, e.principal_id, e.account, e.issuer, e.read_only, e.block, e.slot
        """

    /// The row packed in `blob`; nil when it is not a packed row.
    init?(decoding blob: UnsafeRawBufferPointer) {
        var position = 0
        codes = InlineArray(repeating: 0)
        for index in codes.indices {
            guard let code = Varint.read(blob, &position) else { return nil }
            codes[index] = code
        }
        guard let flag = Varint.read(blob, &position), flag <= 2,
              let block = Varint.read(blob, &position), let slot = Varint.read(blob, &position),
              position == blob.count
        else { return nil }
        readOnly = flag == 0 ? nil : flag == 2
        self.block = Int64(bitPattern: block)
        self.slot = Int64(bitPattern: slot)
    }
}
