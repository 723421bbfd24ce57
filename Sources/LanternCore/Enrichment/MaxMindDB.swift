import Foundation

/// A reader for MaxMind DB (`.mmdb`) files, written from the MaxMind DB format spec 2.0:
/// metadata search, binary search tree walk (24/28/32-bit records, IPv4 in IPv4 trees and
/// in the IPv4 subtree of IPv6 trees) and the data-section decoder for every type.
/// Decoded records are cached by data offset, so repeated lookups do not re-decode.
public final class MaxMindDB: @unchecked Sendable {
    /// The file's metadata.
    public let metadata: MMDBMetadata
    /// The file name, for errors.
    public let file: String?

    // Immutable after init; `cache` is guarded by `lock`.
    private let bytes: [UInt8]
    private let nodeByteSize: Int
    private let treeSize: Int
    private let dataStart: Int
    private let ipv4Start: Int
    private let ipv4StartDepth: Int
    /// The IPv4 part of the tree flattened into ranges (leaf ids index `v4LeafOffsets`),
    /// so IPv4 lookups are one binary search instead of a 32-step walk.
    private let v4Map: IPRangeMap
    private let v4LeafOffsets: [Int32]
    private let v4LeafPrefixLengths: [UInt8]
    private let lock = NSLock()
    private var cache: [Int: MMDBValue] = [:]

    /// The result of a lookup.
    public struct Lookup: Sendable, Hashable {
        /// The record found.
        public var value: MMDBValue
        /// The network the record applies to (prefix length in the address's family).
        public var network: IPNetwork
        /// The record's offset in the data section (equal offsets mean equal records).
        public var dataOffset: Int
    }

    static let metadataMarker: [UInt8] = [0xAB, 0xCD, 0xEF] + Array("MaxMind.com".utf8)

    /// Reads the file at `url`.
    public convenience init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw EnrichmentError(file: url.path, line: nil, reason: "cannot read: \(error.localizedDescription)")
        }
        try self.init(data: data, file: url.path)
    }

    /// Opens a database held in memory.
    /// - Throws: ``EnrichmentError`` when the metadata is missing or inconsistent.
    public init(data: Data, file: String? = nil) throws {
        self.file = file
        let bytes = [UInt8](data)
        self.bytes = bytes
        func fail(_ reason: String) -> EnrichmentError { EnrichmentError(file: file, line: nil, reason: reason) }
        guard let markerEnd = MaxMindDB.findMetadata(bytes) else {
            throw fail("not a MaxMind DB file: metadata marker not found")
        }
        var decoder = MMDBDecoder(bytes: bytes, pointerBase: markerEnd, file: file)
        var offset = markerEnd
        let raw = try decoder.decode(at: &offset)
        func integer(_ key: String) throws -> Int {
            guard let value = raw[key]?.uint64Value, value <= UInt64(Int.max) else {
                throw fail("metadata lacks a valid '\(key)'")
            }
            return Int(value)
        }
        let nodeCount = try integer("node_count")
        let recordSize = try integer("record_size")
        let ipVersion = try integer("ip_version")
        guard [24, 28, 32].contains(recordSize) else { throw fail("unsupported record_size \(recordSize)") }
        guard ipVersion == 4 || ipVersion == 6 else { throw fail("unsupported ip_version \(ipVersion)") }
        var descriptions: [String: String] = [:]
        if case .map(let map)? = raw["description"] {
            for (key, value) in map { descriptions[key] = value.stringValue }
        }
        var languages: [String] = []
        if case .array(let list)? = raw["languages"] { languages = list.compactMap(\.stringValue) }
        metadata = MMDBMetadata(
            nodeCount: nodeCount, recordSize: recordSize, ipVersion: ipVersion,
            databaseType: raw["database_type"]?.stringValue ?? "",
            languages: languages, description: descriptions,
            binaryFormatMajorVersion: (try? integer("binary_format_major_version")) ?? 0,
            binaryFormatMinorVersion: (try? integer("binary_format_minor_version")) ?? 0,
            buildEpoch: raw["build_epoch"]?.uint64Value ?? 0, raw: raw)
        nodeByteSize = recordSize / 4
        let (size, overflow) = nodeCount.multipliedReportingOverflow(by: nodeByteSize)
        guard !overflow, size + 16 <= markerEnd - MaxMindDB.metadataMarker.count else {
            throw fail("search tree (\(nodeCount) nodes) does not fit in the file")
        }
        treeSize = size
        dataStart = size + 16
        // The IPv4 subtree of an IPv6 tree: follow 96 zero bits from the root.
        var node = 0
        var depth = 0
        if ipVersion == 6 {
            while depth < 96 && node < nodeCount {
                node = MaxMindDB.readRecord(bytes, node: node, bit: 0, nodeByteSize: nodeByteSize)
                depth += 1
            }
        }
        ipv4Start = node
        ipv4StartDepth = depth
        let flat = MaxMindDB.flattenIPv4(
            bytes, start: node, nodeCount: nodeCount, nodeByteSize: nodeByteSize, dataLimit: bytes.count - dataStart)
        v4Map = IPRangeMap(flat.ranges)
        v4LeafOffsets = flat.offsets
        v4LeafPrefixLengths = flat.prefixLengths
    }

    /// Walks the IPv4 subtree depth-first (0 before 1, so ranges come out ascending) and
    /// lists every data leaf as a range. Corrupt records (cycles, bad pointers) end the walk
    /// of their branch; lookups there fall back to the tree walk, which reports the error.
    static func flattenIPv4(_ bytes: [UInt8], start: Int, nodeCount: Int, nodeByteSize: Int, dataLimit: Int)
        -> (ranges: [IPRangeMap.Range], offsets: [Int32], prefixLengths: [UInt8])
    {
        var ranges: [IPRangeMap.Range] = []
        var offsets: [Int32] = []
        var lengths: [UInt8] = []
        func leaf(_ record: Int, prefix: UInt32, length: Int) {
            // Empty records become offset -1 so misses need no tree walk either.
            let offset = record == nodeCount ? -1 : record - nodeCount - 16
            guard offset >= -1, offset < dataLimit, offset <= Int(Int32.max) else { return }
            let span: UInt32 = length == 0 ? UInt32.max : (length >= 32 ? 0 : (UInt32(1) << (32 - length)) - 1)
            let lower = IPRangeMap.mappedLower | UInt128(prefix)
            ranges.append(IPRangeMap.Range(lower: lower, upper: lower + UInt128(span), id: UInt32(offsets.count)))
            offsets.append(Int32(offset))
            lengths.append(UInt8(length))
        }
        if start >= nodeCount {
            leaf(start, prefix: 0, length: 0)
            return (ranges, offsets, lengths)
        }
        var stack: [(node: Int, depth: Int, prefix: UInt32)] = [(start, 0, 0)]
        var visited = 0
        bytes.withUnsafeBufferPointer { buffer in
            while let (node, depth, prefix) = stack.popLast() {
                visited += 1
                guard visited <= nodeCount, depth < 32, (node + 1) * nodeByteSize <= buffer.count else { continue }
                for bit in [1, 0] {
                    let record = readRecord(buffer, node: node, bit: bit, nodeByteSize: nodeByteSize)
                    let childPrefix = prefix | (UInt32(bit) << (31 - depth))
                    if record < nodeCount {
                        stack.append((record, depth + 1, childPrefix))
                    } else {
                        leaf(record, prefix: childPrefix, length: depth + 1)
                    }
                }
            }
        }
        return (ranges, offsets, lengths)
    }

    static func findMetadata(_ bytes: [UInt8]) -> Int? {
        let marker = metadataMarker
        let lowest = max(0, bytes.count - 128 * 1024)
        var start = bytes.count - marker.count
        while start >= lowest {
            if bytes[start] == marker[0] {
                var matched = true
                for index in 1..<marker.count where bytes[start + index] != marker[index] {
                    matched = false
                    break
                }
                if matched { return start + marker.count }
            }
            start -= 1
        }
        return nil
    }

    @inline(__always)
    static func readRecord(_ bytes: UnsafeBufferPointer<UInt8>, node: Int, bit: Int, nodeByteSize: Int) -> Int {
        let base = node * nodeByteSize
        switch nodeByteSize {
        case 6:
            let b = base + bit * 3
            return Int(bytes[b]) << 16 | Int(bytes[b + 1]) << 8 | Int(bytes[b + 2])
        case 7:
            if bit == 0 {
                return (Int(bytes[base + 3]) & 0xF0) << 20 | Int(bytes[base]) << 16 | Int(bytes[base + 1]) << 8
                    | Int(bytes[base + 2])
            }
            return (Int(bytes[base + 3]) & 0x0F) << 24 | Int(bytes[base + 4]) << 16 | Int(bytes[base + 5]) << 8
                | Int(bytes[base + 6])
        default:
            let b = base + bit * 4
            return Int(bytes[b]) << 24 | Int(bytes[b + 1]) << 16 | Int(bytes[b + 2]) << 8 | Int(bytes[b + 3])
        }
    }

    static func readRecord(_ bytes: [UInt8], node: Int, bit: Int, nodeByteSize: Int) -> Int {
        bytes.withUnsafeBufferPointer { readRecord($0, node: node, bit: bit, nodeByteSize: nodeByteSize) }
    }

    /// Walks the search tree for `address`: the record's data-section offset and the prefix
    /// length of the matching network, or `nil` offset when the address has no record.
    /// IPv6 addresses cannot be looked up in an IPv4-only database (`nil`, prefix 0).
    @inline(__always)
    public func dataOffset(for address: IPAddress) throws -> (offset: Int?, prefixLength: Int) {
        if address.isIPv4, let leaf = v4Map.mostSpecific(address.value) {
            let offset = Int(v4LeafOffsets[Int(leaf)])
            return (offset < 0 ? nil : offset, Int(v4LeafPrefixLengths[Int(leaf)]))
        }
        return try walkTree(for: address)
    }

    /// The search-tree walk itself (used for IPv6, and for IPv4 outside the flattened ranges).
    func walkTree(for address: IPAddress) throws -> (offset: Int?, prefixLength: Int) {
        let nodeCount = metadata.nodeCount
        var node: Int
        var bitCount: Int
        var depth = 0
        let value = address.value
        if address.isIPv4 {
            bitCount = 32
            node = metadata.ipVersion == 6 ? ipv4Start : 0
        } else {
            guard metadata.ipVersion == 6 else { return (nil, 0) }
            bitCount = 128
            node = 0
        }
        let size = nodeByteSize
        bytes.withUnsafeBufferPointer { buffer in
            while depth < bitCount && node < nodeCount {
                let bit = Int(truncatingIfNeeded: value >> (bitCount - 1 - depth)) & 1
                node = MaxMindDB.readRecord(buffer, node: node, bit: bit, nodeByteSize: size)
                depth += 1
            }
        }
        if node == nodeCount { return (nil, depth) }
        if node < nodeCount {
            throw EnrichmentError(file: file, line: nil, reason: "search tree ends inside the tree at node \(node)")
        }
        let offset = node - nodeCount - 16
        guard offset >= 0, dataStart + offset < bytes.count else {
            throw EnrichmentError(
                file: file, line: nil, reason: "search tree points outside the data section (\(offset))")
        }
        return (offset, depth)
    }

    /// Looks `address` up: its record and network, or `nil` when the database has none.
    /// - Throws: ``EnrichmentError`` when the file is corrupt.
    public func lookup(_ address: IPAddress) throws -> Lookup? {
        let (found, prefixLength) = try dataOffset(for: address)
        guard let offset = found else { return nil }
        return Lookup(
            value: try record(at: offset),
            network: IPNetwork(address: address, prefixLength: prefixLength), dataOffset: offset)
    }

    /// Decodes (or takes from the cache) the record at a data-section offset.
    public func record(at offset: Int) throws -> MMDBValue {
        lock.lock()
        let cached = cache[offset]
        lock.unlock()
        if let cached { return cached }
        var decoder = MMDBDecoder(bytes: bytes, pointerBase: dataStart, file: file)
        var position = dataStart + offset
        let value = try decoder.decode(at: &position)
        lock.lock()
        cache[offset] = value
        lock.unlock()
        return value
    }
}
