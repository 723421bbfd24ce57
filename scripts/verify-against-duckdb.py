#!/usr/bin/env python3
"""Checks Lantern's activity answers against DuckDB's table of the same events.

After `lantern bench ingest --corpus C --work W` (which builds W/lantern.db and
W/duckdb.db from the same corpus), samples events from DuckDB and, for each one's
access key and source IP, compares the number of events in the ±1 h window that
DuckDB counts with what `lantern activity --json` returns. Exits 1 on any mismatch.

    scripts/verify-against-duckdb.py W [LANTERN_DB] [BINARY] [SAMPLES]
"""
import datetime
import json
import subprocess
import sys

import duckdb

work = sys.argv[1]
database = sys.argv[2] if len(sys.argv) > 2 else f"{work}/lantern.db"
binary = sys.argv[3] if len(sys.argv) > 3 else ".build/release/lantern"
samples = int(sys.argv[4]) if len(sys.argv) > 4 else 40

con = duckdb.connect(f"{work}/duckdb.db", read_only=True)
rows = con.execute(f"SELECT accessKeyId, sourceIPAddress, eventTime FROM events USING SAMPLE {samples} ROWS").fetchall()


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


checked = mismatches = 0
for key, ip, time in rows:
    for column, value in (("accessKeyId", key), ("sourceIPAddress", ip)):
        if not value:
            continue
        start, end = time - datetime.timedelta(hours=1), time + datetime.timedelta(hours=1)
        want = con.execute(
            f"SELECT count(DISTINCT eventID) FROM events WHERE {column} = ? AND eventTime BETWEEN ? AND ?",
            [value, start, end]).fetchone()[0]
        result = subprocess.run([binary, "activity", "--db", database, "--from", stamp(start), "--to", stamp(end),
                                 "--json", value], capture_output=True, text=True)
        got = len(json.loads(result.stdout)["events"]) if result.returncode == 0 else f"exit {result.returncode}: {result.stderr[:200]}"
        checked += 1
        if got != want:
            mismatches += 1
            print(f"MISMATCH {column}={value} {stamp(start)}..{stamp(end)}: duckdb {want}, lantern {got}")
print(f"checked {checked} windows, {mismatches} mismatches")
sys.exit(1 if mismatches else 0)
