#!/usr/bin/env python3
"""Independent longest-prefix lookups over IP->ASN data for Lantern's ownership tests.

Pure Python (standard library only), reading the same files Lantern reads:
  truth_asn.py dat FILE(.dat[.gz]) ADDRESSES.txt   pyasn/RouteViews `prefix<TAB>asn`, `;` comments
  truth_asn.py csv FILE(.csv[.gz]) COLUMN ADDRESSES.txt   CSV with a `network` column; prints COLUMN
Prints one line per address: address<TAB>value or '-'<TAB>matching prefix or '-'.
"""
import csv
import gzip
import io
import ipaddress
import sys


def open_text(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return io.StringIO(raw.decode("utf-8", "replace"))


def load_dat(path):
    table = {}
    for line in open_text(path):
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        prefix, _, asn = line.partition("\t")
        try:
            network = ipaddress.ip_network(prefix.strip(), strict=False)
        except ValueError:
            continue
        table[(network.version, network.prefixlen, int(network.network_address))] = (asn.strip(), str(network))
    return table


def load_csv(path, column):
    table = {}
    reader = csv.DictReader(open_text(path))
    for row in reader:
        try:
            network = ipaddress.ip_network(row["network"].strip(), strict=False)
        except (ValueError, KeyError):
            continue
        table[(network.version, network.prefixlen, int(network.network_address))] = (row.get(column, ""), str(network))
    return table


def lookup(table, text):
    address = ipaddress.ip_address(text)
    bits = 32 if address.version == 4 else 128
    value = int(address)
    for length in range(bits, -1, -1):
        mask = ((1 << length) - 1) << (bits - length) if length else 0
        hit = table.get((address.version, length, value & mask))
        if hit is not None:
            return hit
    return None


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "dat":
        table = load_dat(sys.argv[2])
        addresses = sys.argv[3]
    elif len(sys.argv) == 5 and sys.argv[1] == "csv":
        table = load_csv(sys.argv[2], sys.argv[3])
        addresses = sys.argv[4]
    else:
        print(__doc__, file=sys.stderr)
        return 64
    out = []
    for line in open(addresses):
        text = line.strip()
        if not text:
            continue
        hit = lookup(table, text)
        out.append(f"{text}\t{hit[0]}\t{hit[1]}" if hit else f"{text}\t-\t-")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
