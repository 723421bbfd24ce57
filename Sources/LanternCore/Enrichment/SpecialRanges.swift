/// The IANA special-purpose and well-known address blocks, named, with the most specific
/// block winning (e.g. the EC2 metadata address inside link-local).
public struct SpecialRanges: Sendable {
    /// What a special block is for.
    public enum Category: String, Sendable, Codable, Hashable {
        case thisNetwork = "this-network"
        case privateUse = "private"
        case sharedAddressSpace = "shared"
        case loopback
        case linkLocal = "link-local"
        case protocolAssignments = "protocol-assignments"
        case documentation
        case relay
        case benchmarking
        case reserved
        case broadcast
        case multicast
        case translation
        case tunnelling
        case uniqueLocal = "unique-local"
        case discard
        case cloudService = "cloud-service"
        case unspecified
    }

    /// One named block.
    public struct Block: Sendable, Hashable {
        /// The block.
        public var network: IPNetwork
        /// A human name, e.g. `RFC 1918 private network`.
        public var name: String
        /// The category.
        public var category: Category
        /// The defining document, e.g. `RFC 1918`.
        public var reference: String
        /// Whether addresses in the block can appear on the public internet.
        public var isGloballyReachable: Bool
    }

    /// Every block known, in table order.
    public let blocks: [Block]
    private let map: IPRangeMap

    /// The standard table.
    public static let standard = SpecialRanges()

    /// Builds the standard table.
    public init() {
        let table: [(String, String, Category, String, Bool)] = [
            ("0.0.0.0/8", "\"this network\"", .thisNetwork, "RFC 791", false),
            ("0.0.0.0/32", "unspecified address", .unspecified, "RFC 1122", false),
            ("10.0.0.0/8", "RFC 1918 private network", .privateUse, "RFC 1918", false),
            ("100.64.0.0/10", "carrier-grade NAT shared address space", .sharedAddressSpace, "RFC 6598", false),
            ("127.0.0.0/8", "loopback", .loopback, "RFC 1122", false),
            ("169.254.0.0/16", "link-local", .linkLocal, "RFC 3927", false),
            ("169.254.169.254/32", "AWS EC2 instance metadata service (IMDS)", .cloudService, "AWS", false),
            ("169.254.169.253/32", "AWS VPC DNS resolver (Route 53 Resolver)", .cloudService, "AWS", false),
            ("169.254.169.123/32", "AWS Time Sync Service", .cloudService, "AWS", false),
            ("169.254.170.2/32", "AWS ECS task metadata / credentials endpoint", .cloudService, "AWS", false),
            ("172.16.0.0/12", "RFC 1918 private network", .privateUse, "RFC 1918", false),
            ("192.0.0.0/24", "IETF protocol assignments", .protocolAssignments, "RFC 6890", false),
            ("192.0.0.0/29", "DS-Lite IPv4 service continuity", .translation, "RFC 7335", false),
            ("192.0.2.0/24", "documentation (TEST-NET-1)", .documentation, "RFC 5737", false),
            ("192.31.196.0/24", "AS112-v4", .relay, "RFC 7535", true),
            ("192.52.193.0/24", "AMT", .relay, "RFC 7450", true),
            ("192.88.99.0/24", "6to4 relay anycast (deprecated)", .relay, "RFC 7526", false),
            ("192.168.0.0/16", "RFC 1918 private network", .privateUse, "RFC 1918", false),
            ("192.175.48.0/24", "direct delegation AS112 service", .relay, "RFC 7534", true),
            ("198.18.0.0/15", "network benchmarking", .benchmarking, "RFC 2544", false),
            ("198.51.100.0/24", "documentation (TEST-NET-2)", .documentation, "RFC 5737", false),
            ("203.0.113.0/24", "documentation (TEST-NET-3)", .documentation, "RFC 5737", false),
            ("224.0.0.0/4", "multicast", .multicast, "RFC 5771", false),
            ("233.252.0.0/24", "multicast documentation (MCAST-TEST-NET)", .documentation, "RFC 6676", false),
            ("240.0.0.0/4", "reserved for future use", .reserved, "RFC 1112", false),
            ("255.255.255.255/32", "limited broadcast", .broadcast, "RFC 919", false),
            ("::/128", "unspecified address", .unspecified, "RFC 4291", false),
            ("::1/128", "loopback", .loopback, "RFC 4291", false),
            ("64:ff9b::/96", "IPv4/IPv6 translation (NAT64)", .translation, "RFC 6052", true),
            ("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", .translation, "RFC 8215", false),
            ("100::/64", "discard-only", .discard, "RFC 6666", false),
            ("2001::/23", "IETF protocol assignments", .protocolAssignments, "RFC 2928", false),
            ("2001::/32", "Teredo tunnelling", .tunnelling, "RFC 4380", true),
            ("2001:2::/48", "network benchmarking", .benchmarking, "RFC 5180", false),
            ("2001:10::/28", "ORCHID (deprecated)", .reserved, "RFC 4843", false),
            ("2001:20::/28", "ORCHIDv2", .reserved, "RFC 7343", true),
            ("2001:db8::/32", "documentation", .documentation, "RFC 3849", false),
            ("2002::/16", "6to4", .tunnelling, "RFC 3056", true),
            ("3fff::/20", "documentation", .documentation, "RFC 9637", false),
            ("5f00::/16", "SRv6 SIDs", .reserved, "RFC 9602", false),
            ("fc00::/7", "unique local address", .uniqueLocal, "RFC 4193", false),
            ("fd00:ec2::254/128", "AWS EC2 instance metadata service (IMDS, IPv6)", .cloudService, "AWS", false),
            ("fd00:ec2::253/128", "AWS VPC DNS resolver (IPv6)", .cloudService, "AWS", false),
            ("fd00:ec2::123/128", "AWS Time Sync Service (IPv6)", .cloudService, "AWS", false),
            ("fe80::/10", "link-local", .linkLocal, "RFC 4291", false),
            ("fec0::/10", "site-local (deprecated)", .reserved, "RFC 3879", false),
            ("ff00::/8", "multicast", .multicast, "RFC 4291", false),
        ]
        var blocks: [Block] = []
        var ranges: [IPRangeMap.Range] = []
        for (text, name, category, reference, global) in table {
            guard let network = IPNetwork(text) else { continue }
            ranges += IPRangeMap.ranges(of: network, id: UInt32(blocks.count))
            blocks.append(
                Block(
                    network: network, name: name, category: category, reference: reference, isGloballyReachable: global)
            )
        }
        self.blocks = blocks
        self.map = IPRangeMap(ranges)
    }

    /// The most specific special block containing `address`, or `nil` for ordinary
    /// public unicast addresses.
    public func block(for address: IPAddress) -> Block? {
        map.mostSpecific(address.value).map { blocks[Int($0)] }
    }

    /// The index into ``blocks`` of the most specific block containing `address` (no allocation).
    @inline(__always)
    public func blockIndex(for address: IPAddress) -> Int? {
        map.mostSpecific(address.value).map(Int.init)
    }

    /// Every special block containing `address`, widest first.
    public func blocks(containing address: IPAddress) -> [Block] {
        map.matches(address.value).map { blocks[Int($0)] }
    }
}
