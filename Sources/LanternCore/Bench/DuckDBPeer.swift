import Foundation

/// The DuckDB side of the benchmarks: the same CloudTrail tree loaded with
/// `read_json` + `unnest(Records)` into a table with the same extracted
/// columns plus the raw record, and the same activity queries, run by
/// Python's `duckdb` module in a child process.
public enum DuckDBPeer {
    /// Whether `python3 -c "import duckdb"` works.
    public static var isAvailable: Bool {
        (try? run(["-c", "import duckdb"]).status) == 0
    }

    /// Loads `corpus` into a DuckDB file at `database`; returns the child's JSON report
    /// (`seconds`, `events`, `peakRSS`, `bytes`).
    public static func ingest(corpus: String, database: String) throws -> JSONValue {
        try report(["-c", ingestScript, corpus, database])
    }

    /// Runs activity queries (`[(column, value, from, to)]`) against `database`;
    /// returns `{"latencies":[seconds…], "rows":[n…]}`.
    public static func query(database: String, queries: [(column: String, value: String, from: Int64, to: Int64)]) throws -> JSONValue {
        let spec = JSONValue.array(queries.map {
            .object([("column", .string($0.column)), ("value", .string($0.value)),
                     ("from", .string(Timestamp.string(milliseconds: $0.from))),
                     ("to", .string(Timestamp.string(milliseconds: $0.to)))])
        })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-duckdb-queries-\(getpid()).json")
        try JSONWriter(pretty: false).string(spec).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try report(["-c", queryScript, database, file.path])
    }

    private static func report(_ arguments: [String]) throws -> JSONValue {
        let result = try run(arguments)
        guard result.status == 0 else { throw ByteSourceError("duckdb side failed: \(result.stderr)") }
        // The report is the last line (DuckDB may print progress before it).
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return try JSONValue.parse(last)
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static let ingestScript = #"""
import duckdb, json, os, resource, sys, time
corpus, database = sys.argv[1], sys.argv[2]
for suffix in ("", ".wal"):
    if os.path.exists(database + suffix):
        os.remove(database + suffix)
start = time.time()
con = duckdb.connect(database)
con.execute("SET enable_progress_bar = false")
con.execute("""
CREATE TABLE events AS
SELECT r->>'eventID' AS eventID, (r->>'eventTime')::TIMESTAMP AS eventTime,
       r->>'eventSource' AS eventSource, r->>'eventName' AS eventName,
       r->>'sourceIPAddress' AS sourceIPAddress, r->>'userAgent' AS userAgent,
       r->>'errorCode' AS errorCode, r->>'awsRegion' AS awsRegion,
       r->>'recipientAccountId' AS recipientAccountId,
       r->'userIdentity'->>'type' AS identityType, r->'userIdentity'->>'arn' AS arn,
       r->'userIdentity'->>'accessKeyId' AS accessKeyId, r->'userIdentity'->>'principalId' AS principalId,
       r->'userIdentity'->>'accountId' AS accountId,
       r->'userIdentity'->'sessionContext'->'sessionIssuer'->>'arn' AS issuer,
       r AS raw
FROM (SELECT unnest(Records) AS r
      FROM read_json(?, columns={'Records': 'JSON[]'}, format='auto', compression='gzip', maximum_object_size=1073741824))
""", [os.path.join(corpus, "**", "*.json.gz")])
count = con.execute("SELECT count(*) FROM events").fetchone()[0]
con.execute("CHECKPOINT")
con.close()
seconds = time.time() - start
size = sum(os.path.getsize(database + s) for s in ("", ".wal") if os.path.exists(database + s))
print(json.dumps({"seconds": seconds, "events": count, "bytes": size,
                  "peakRSS": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""#

    static let queryScript = #"""
import duckdb, json, sys, time
database, spec = sys.argv[1], sys.argv[2]
queries = json.load(open(spec))
con = duckdb.connect(database, read_only=True)
columns = {"accessKeyId", "arn", "sourceIPAddress"}
latencies, rows = [], []
for q in queries:
    assert q["column"] in columns
    sql = ("SELECT eventID, eventTime, eventSource, eventName, sourceIPAddress, userAgent, errorCode "
           "FROM events WHERE " + q["column"] + " = ? AND eventTime BETWEEN ?::TIMESTAMP AND ?::TIMESTAMP ORDER BY eventTime")
    t = time.perf_counter()
    result = con.execute(sql, [q["value"], q["from"].rstrip("Z"), q["to"].rstrip("Z")]).fetchall()
    latencies.append(time.perf_counter() - t)
    rows.append(len(result))
print(json.dumps({"latencies": latencies, "rows": rows}))
"""#
}
