/// An immutable map from IP ranges to payload ids, answering "which ranges contain this
/// address?" with one binary search and no allocation.
///
/// Ranges may nest or overlap arbitrarily. Construction cuts the address space into
/// elementary segments (sorted starts) and stores, for each segment, the ids of every range
/// covering it, widest first, so the last id is the most specific (longest-prefix) match.
/// IPv4 lives in its IPv4-mapped IPv6 block, as in ``IPAddress``; IPv6 ranges never cover
/// that block (it is cut out), so an IPv6 `::/0` does not match IPv4 addresses.
public struct IPRangeMap: Sendable {
    /// One input range: inclusive bounds in ``IPAddress/value`` space and a payload id.
    public struct Range: Sendable, Hashable {
        /// First address value.
        public var lower: UInt128
        /// Last address value (inclusive).
        public var upper: UInt128
        /// The caller's payload id.
        public var id: UInt32

        /// Makes a range.
        public init(lower: UInt128, upper: UInt128, id: UInt32) {
            self.lower = lower
            self.upper = upper
            self.id = id
        }
    }

    /// Segment start values, ascending.
    private(set) var starts: [UInt128] = []
    /// `offsets[i]..<offsets[i + 1]` indexes `ids` for segment `i`.
    private(set) var offsets: [UInt32] = [0]
    /// The covering ids of every segment, widest range first.
    private(set) var ids: [UInt32] = []
    /// The narrowest covering id of every segment (`UInt32.max` for gaps), so that
    /// longest-prefix lookups touch one array fewer.
    private(set) var narrowest: [UInt32] = []

    /// For IPv4 lookups: `v4Index[k]` is the first segment starting at or after the IPv4
    /// address `k << 16`, so a lookup searches only the segments of its /16 (empty when the
    /// map is small).
    private(set) var v4Index: [UInt32] = []
    /// For segments inside the IPv4 block: the low 32 bits of the start in the high half and
    /// the narrowest id in the low half, so a search and its answer share cache lines;
    /// `v4Segments[i]` is segment `v4First + i`.
    private(set) var v4Segments: [UInt64] = []
    private(set) var v4First = 0

    /// The number of elementary segments (for diagnostics).
    public var segmentCount: Int { starts.count }

    static let mappedLower: UInt128 = 0xffff_0000_0000
    static let mappedUpper: UInt128 = 0xffff_ffff_ffff

    /// The ranges of a CIDR block, cutting the IPv4-mapped block out of IPv6 networks.
    public static func ranges(of network: IPNetwork, id: UInt32) -> [Range] {
        let lower = network.first.value
        let upper = network.last.value
        if network.first.isIPv4 || upper < mappedLower || lower > mappedUpper {
            return [Range(lower: lower, upper: upper, id: id)]
        }
        var result: [Range] = []
        if lower < mappedLower { result.append(Range(lower: lower, upper: mappedLower - 1, id: id)) }
        if upper > mappedUpper { result.append(Range(lower: mappedUpper + 1, upper: upper, id: id)) }
        return result
    }

    /// An empty map.
    public init() {}

    /// Builds the map from `ranges` (any order, duplicates and overlaps allowed).
    public init(_ input: [Range]) {
        guard !input.isEmpty else { return }
        let ranges = input.sorted { a, b in
            a.lower != b.lower ? a.lower < b.lower : (a.upper != b.upper ? a.upper > b.upper : a.id < b.id)
        }
        var points: [UInt128] = []
        points.reserveCapacity(ranges.count * 2)
        for range in ranges {
            points.append(range.lower)
            if range.upper != UInt128.max { points.append(range.upper + 1) }
        }
        points.sort()
        starts.reserveCapacity(points.count)
        offsets.reserveCapacity(points.count + 1)
        ids.reserveCapacity(ranges.count * 2)
        // Active ranges ordered widest first: (upper, span, id).
        var active: [(upper: UInt128, span: UInt128, id: UInt32)] = []
        var next = 0
        var previous: UInt128?
        // Where the previous segment's ids start in `ids` (nil before the first segment).
        // Kept as an offset: holding a slice of `ids` would copy it on every append.
        var lastStart: Int? = nil
        for point in points {
            if point == previous { continue }
            previous = point
            if !active.isEmpty { active.removeAll { $0.upper < point } }
            while next < ranges.count && ranges[next].lower <= point {
                let range = ranges[next]
                next += 1
                if range.upper < point { continue }
                let span = range.upper - range.lower
                var position = active.count
                while position > 0 && active[position - 1].span < span { position -= 1 }
                active.insert((range.upper, span, range.id), at: position)
            }
            // Skip a segment whose covering set equals the previous one (coalesce).
            if let lastStart, ids.count - lastStart == active.count {
                var same = true
                for (position, entry) in active.enumerated() where ids[lastStart + position] != entry.id {
                    same = false
                    break
                }
                if same { continue }
            }
            lastStart = ids.count
            starts.append(point)
            for entry in active { ids.append(entry.id) }
            offsets.append(UInt32(ids.count))
            narrowest.append(active.last?.id ?? UInt32.max)
        }
        buildV4Index()
    }

    private mutating func buildV4Index() {
        guard starts.count >= 256 else { return }
        var index = [UInt32](repeating: 0, count: 65_537)
        var position = 0
        for block in 0...65_536 {
            let blockStart = IPRangeMap.mappedLower + (UInt128(block) << 16)
            while position < starts.count && starts[position] < blockStart { position += 1 }
            index[block] = UInt32(position)
        }
        let first = Int(index[0])
        let end = Int(index[65_536])
        v4First = first
        v4Segments = (first..<end).map { UInt64(UInt32(truncatingIfNeeded: starts[$0])) << 32 | UInt64(narrowest[$0]) }
        v4Index = index
    }

    /// The index of the segment containing `value`, or `nil` before the first segment.
    @inline(__always)
    func segment(_ value: UInt128) -> Int? {
        if !v4Index.isEmpty, value >= IPRangeMap.mappedLower, value <= IPRangeMap.mappedUpper {
            return v4Segment(UInt32(truncatingIfNeeded: value))
        }
        return starts.withUnsafeBufferPointer { buffer -> Int? in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low + high) >> 1
                if buffer[middle] <= value { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? nil : low - 1
        }
    }

    /// The segment of an IPv4 address: search only its /16's segments, over packed 32-bit keys.
    @inline(__always)
    func v4Segment(_ key: UInt32) -> Int? {
        let block = Int(key >> 16)
        return v4Index.withUnsafeBufferPointer { index -> Int? in
            var low = Int(index[block])
            var high = Int(index[block + 1])
            let first = low
            v4Segments.withUnsafeBufferPointer { segments in
                let base = v4First
                while low < high {
                    let middle = (low + high) >> 1
                    if UInt32(truncatingIfNeeded: segments[middle - base] >> 32) <= key {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
            }
            // No segment of this /16 starts at or before `key`: the one before covers it.
            let found = low == first ? first - 1 : low - 1
            return found < 0 ? nil : found
        }
    }

    /// The ids of every range containing `value`, widest first (empty when none).
    public func matches(_ value: UInt128) -> ArraySlice<UInt32> {
        guard let index = segment(value) else { return ids[0..<0] }
        return ids[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    /// The id of the narrowest range containing `value` (longest-prefix match).
    @inline(__always)
    public func mostSpecific(_ value: UInt128) -> UInt32? {
        var id = UInt32.max
        if !v4Index.isEmpty, value >= IPRangeMap.mappedLower, value <= IPRangeMap.mappedUpper {
            guard let index = v4Segment(UInt32(truncatingIfNeeded: value)) else { return nil }
            let position = index - v4First
            id = position >= 0 ? UInt32(truncatingIfNeeded: v4Segments[position]) : narrowest[index]
        } else {
            guard let index = segment(value) else { return nil }
            id = narrowest[index]
        }
        return id == UInt32.max ? nil : id
    }

    /// Whether any range contains `value`.
    public func contains(_ value: UInt128) -> Bool {
        guard let index = segment(value) else { return false }
        return offsets[index + 1] > offsets[index]
    }

    /// Calls `body` with each id containing `value`, widest first, without allocating.
    @inline(__always)
    public func forEachMatch(_ value: UInt128, _ body: (UInt32) -> Void) {
        guard let index = segment(value) else { return }
        ids.withUnsafeBufferPointer { buffer in
            for position in Int(offsets[index])..<Int(offsets[index + 1]) { body(buffer[position]) }
        }
    }
}
