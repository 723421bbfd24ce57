/// A value decoded from a MaxMind DB data section.
public enum MMDBValue: Sendable, Hashable {
    case string(String)
    case double(Double)
    case bytes([UInt8])
    case uint16(UInt16)
    case uint32(UInt32)
    case uint64(UInt64)
    case uint128(UInt128)
    case int32(Int32)
    case map([String: MMDBValue])
    case array([MMDBValue])
    case bool(Bool)
    case float(Float)
    /// A data cache container (type 12); it holds nothing a lookup needs.
    case dataCacheContainer
    /// An end marker (type 13).
    case endMarker

    /// The value under `key` when this is a map.
    public subscript(key: String) -> MMDBValue? {
        if case .map(let map) = self { return map[key] }
        return nil
    }

    /// The value at a path of map keys, e.g. `["country", "iso_code"]`.
    public subscript(path path: [String]) -> MMDBValue? {
        var current: MMDBValue? = self
        for key in path { current = current?[key] }
        return current
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number as an unsigned 64-bit integer, when this is an unsigned or non-negative
    /// integer that fits.
    public var uint64Value: UInt64? {
        switch self {
        case .uint16(let v): UInt64(v)
        case .uint32(let v): UInt64(v)
        case .uint64(let v): v
        case .uint128(let v): UInt64(exactly: v)
        case .int32(let v): UInt64(exactly: v)
        default: nil
        }
    }
}

/// The metadata section of a MaxMind DB file.
public struct MMDBMetadata: Sendable, Hashable {
    /// Number of nodes in the search tree.
    public var nodeCount: Int
    /// Bits per record: 24, 28 or 32.
    public var recordSize: Int
    /// 4 or 6.
    public var ipVersion: Int
    /// E.g. `GeoLite2-Country`.
    public var databaseType: String
    /// Locale codes the database has names for.
    public var languages: [String]
    /// Descriptions by language.
    public var description: [String: String]
    /// Format major version (2).
    public var binaryFormatMajorVersion: Int
    /// Format minor version.
    public var binaryFormatMinorVersion: Int
    /// Build time, seconds since 1970.
    public var buildEpoch: UInt64
    /// The whole metadata map.
    public var raw: MMDBValue
}
