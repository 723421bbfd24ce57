#!/usr/bin/env python3
"""Independent MaxMind DB lookups (PyPI `maxminddb`) for Lantern's mmdb reader tests.

Usage: truth_mmdb.py DATABASE.mmdb ADDRESSES.txt
Prints one line per address: address<TAB>country iso_code or '-'<TAB>prefix length
(the network the record applies to, as maxminddb's get_with_prefix_len reports it).
"""
import sys

import maxminddb


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    reader = maxminddb.open_database(sys.argv[1], maxminddb.MODE_MMAP)
    out = []
    with open(sys.argv[2]) as addresses:
        for line in addresses:
            address = line.strip()
            if not address:
                continue
            record, prefix_len = reader.get_with_prefix_len(address)
            code = "-"
            if isinstance(record, dict):
                country = record.get("country") or record.get("registered_country") or {}
                code = country.get("iso_code", "-")
            out.append(f"{address}\t{code}\t{prefix_len}")
    meta = reader.metadata()
    print(f"#meta\t{meta.node_count}\t{meta.record_size}\t{meta.ip_version}\t{meta.database_type}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
