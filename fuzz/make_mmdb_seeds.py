#!/usr/bin/env python3
"""Writes small MaxMind DB files (format spec 2.0) as fuzzing seeds for Lantern's mmdb reader.

Usage: make_mmdb_seeds.py OUTDIR
Each file is checked with PyPI `maxminddb` when it is installed.
"""
import ipaddress
import os
import struct
import sys


def control(kind, size):
    out = bytearray()
    first = (kind << 5) if kind <= 7 else 0
    if size < 29:
        out.append(first | size)
        extra = b""
    elif size < 29 + 256:
        out.append(first | 29)
        extra = bytes([size - 29])
    elif size < 29 + 256 + 65536:
        out.append(first | 30)
        extra = struct.pack(">H", size - 285)
    else:
        out.append(first | 31)
        extra = struct.pack(">I", size - 65821)[1:]
    if kind > 7:
        out.append(kind - 7)
    return bytes(out) + extra


def uint(kind, value):
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big") if value else b""
    return control(kind, len(raw)) + raw


def encode(value):
    if isinstance(value, bool):
        return control(14, 1 if value else 0)
    if isinstance(value, str):
        raw = value.encode()
        return control(2, len(raw)) + raw
    if isinstance(value, float):
        return control(3, 8) + struct.pack(">d", value)
    if isinstance(value, bytes):
        return control(4, len(value)) + value
    if isinstance(value, tuple):  # (type, int) for explicit integer types
        kind, number = value
        if kind == 8:
            raw = struct.pack(">i", number).lstrip(b"\x00") if number >= 0 else struct.pack(">i", number)
            return control(8, len(raw)) + raw
        return uint(kind, number)
    if isinstance(value, int):
        return uint(6, value)
    if isinstance(value, list):
        return control(11, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return control(7, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError(value)


def pointer(offset):
    assert offset < 2048
    return bytes([0x20 | (offset >> 8), offset & 0xFF])


def build(networks, ip_version, record_size, records):
    """networks: [(cidr, record index)]; records: list of already-encoded data blobs."""
    data = bytearray()
    offsets = []
    for blob in records:
        offsets.append(len(data))
        data += blob
    trie = [[None, None]]
    width = 32 if ip_version == 4 else 128
    for cidr, record in networks:
        net = ipaddress.ip_network(cidr)
        bits = int(net.network_address)
        if net.version == 4 and ip_version == 6:
            bits, plen = bits, net.prefixlen + 96  # IPv4 in the ::/96 subtree
        else:
            plen = net.prefixlen
        node = 0
        for depth in range(plen):
            bit = (bits >> (width - 1 - depth)) & 1
            if depth == plen - 1:
                trie[node][bit] = ("data", record)
            else:
                child = trie[node][bit]
                if not isinstance(child, int):
                    trie.append([None, None])
                    child = len(trie) - 1
                    trie[node][bit] = child
                node = child
    count = len(trie)

    def value(slot):
        if slot is None:
            return count
        if isinstance(slot, int):
            return slot
        return count + 16 + offsets[slot[1]]

    tree = bytearray()
    for left, right in trie:
        l, r = value(left), value(right)
        if record_size == 24:
            tree += l.to_bytes(3, "big") + r.to_bytes(3, "big")
        elif record_size == 28:
            tree += (l & 0xFFFFFF).to_bytes(3, "big") + bytes([((l >> 24) << 4) | (r >> 24)]) + (r & 0xFFFFFF).to_bytes(3, "big")
        else:
            tree += l.to_bytes(4, "big") + r.to_bytes(4, "big")
    metadata = {
        "node_count": (6, count), "record_size": (5, record_size), "ip_version": (5, ip_version),
        "database_type": "Lantern-Fuzz-Seed", "languages": ["en"],
        "binary_format_major_version": (5, 2), "binary_format_minor_version": (5, 0),
        "build_epoch": (9, 1700000000), "description": {"en": "fuzz seed"},
    }
    return bytes(tree) + b"\x00" * 16 + bytes(data) + b"\xab\xcd\xefMaxMind.com" + encode(metadata)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    country = encode({"country": {"iso_code": "DE", "geoname_id": 2921044, "names": {"en": "Germany"}}})
    asn = encode({"autonomous_system_number": 64500, "autonomous_system_organization": "Example AS",
                  "flags": [True, False], "score": 0.5, "blob": b"\x00\x01", "delta": (8, -3), "big": (10, 2**100)})
    shared = encode({"continent": {"code": "EU"}})
    with_pointer = b"".join([control(7, 2), encode("country"), pointer(0), encode("continent"), pointer(len(country) + len(asn))])
    records = [country, asn, shared, with_pointer]
    seeds = {
        "v4-24bit.mmdb": build([("1.0.0.0/8", 0), ("8.8.8.0/24", 1), ("128.0.0.0/1", 3)], 4, 24, records),
        "v4-28bit.mmdb": build([("81.2.69.0/24", 3), ("10.0.0.0/8", 1)], 4, 28, records),
        "v6-32bit.mmdb": build([("2001:db8::/32", 0), ("::1.2.3.0/120", 3), ("2a02:ff80::/29", 1)], 6, 32, records),
        "v6-24bit-v4sub.mmdb": build([("1.2.3.0/24", 1), ("8.0.0.0/8", 0), ("2001:db8::/48", 2)], 6, 24, records),
    }
    try:
        import maxminddb
    except ImportError:
        maxminddb = None
    for name, blob in seeds.items():
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(blob)
        if maxminddb:
            reader = maxminddb.open_database(path, maxminddb.MODE_MEMORY)
            probe = "8.8.8.8" if "v4" in name and "v6" not in name else "2001:db8::1"
            reader.get(probe)
            reader.get("81.2.69.160")
            reader.close()


if __name__ == "__main__":
    main()
