import Foundation
import Testing

@testable import LanternCore

/// Athena as an activity source: safe, partition-aware SQL in both dialects,
/// rows mapped back to CloudTrail records, and start → poll → page against
/// moto's Athena with injected results and manual state progression.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct AthenaTests {
    static let day: Int64 = 86_400_000

    /// The SQL with every string literal removed (`'…'` with doubled quotes,
    /// and `U&'…'`), parsed here independently of the builder.
    static func withoutLiterals(_ sql: String) -> (rest: String, literals: [String]) {
        var rest = ""
        var literals: [String] = []
        var characters = Array(sql)
        var index = 0
        while index < characters.count {
            if characters[index] == "'" {
                var literal = ""
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count && characters[index + 1] == "'" {
                            literal.append("'")
                            index += 2
                            continue
                        }
                        break
                    }
                    literal.append(characters[index])
                    index += 1
                }
                index += 1
                literals.append(literal)
                rest += "?"
            } else {
                rest.append(characters[index])
                index += 1
            }
        }
        characters = []
        return (rest, literals)
    }

    @Test func hostileObservablesStayInsideOneStringLiteral() throws {
        let window = TimeWindow(from: 1_795_860_000_000, to: 1_795_860_000_000 + Self.day)
        for hostile in ["x' OR '1'='1", "x'; DROP TABLE cloudtrail_logs; --", "a''b", "\\' OR 1=1 --", "it's"] {
            let observable = try #require(Observable(kind: .userAgent, hostile))
            for dialect in AthenaActivityQuery.Dialect.allCases {
                let sql = try AthenaActivityQuery(
                    table: "security.cloudtrail_logs", dialect: dialect, observable: observable, window: window).sql()
                let (rest, literals) = Self.withoutLiterals(sql)
                #expect(literals.contains(hostile), "\(dialect): \(sql)")
                #expect(!rest.contains("OR ?=?") && !rest.contains("DROP") && !rest.contains("--"), "\(dialect): \(rest)")
                #expect(rest.filter { $0 == ";" }.isEmpty)
            }
        }
        // Control characters become Unicode escapes, never raw bytes in the query.
        let controls = try #require(Observable(kind: .userAgent, "a\u{1b}[31m\nb"))
        let sql = try AthenaActivityQuery(table: "t", observable: controls, window: window).sql()
        #expect(sql.contains(#"U&'a\001B[31m\000Ab'"#))
        #expect(!sql.unicodeScalars.contains { $0.value == 0x1B })
        // LIKE wildcards in a principal ID prefix are escaped.
        #expect(AthenaSQL.prefixPattern("AROA_X%:") == #"'AROA\_X\%:%'"#)
    }

    @Test func tableAndRegionNamesMustBePlainIdentifiers() throws {
        let observable = try #require(Observable(detecting: "198.51.100.7"))
        for bad in ["cloudtrail; DROP TABLE x", "a.b.c", "t\"x", "", "db.", "ta ble"] {
            #expect(throws: AWSError.self, "\(bad)") {
                try AthenaActivityQuery(table: bad, observable: observable, window: .all).sql()
            }
        }
        #expect(throws: AWSError.self) {
            try AthenaActivityQuery(table: "t", observable: observable, window: .all, regions: ["us-east-1' OR '1'='1"]).sql()
        }
        #expect(try AthenaSQL.tableReference("security.cloudtrail_logs") == #""security"."cloudtrail_logs""#)
        #expect(try AthenaSQL.tableReference("logs", database: "sec") == #""sec"."logs""#)
    }

    @Test func cloudTrailSQLPrunesPartitionsForTheWindow() throws {
        // 2026-11-27T23:00Z … 2026-11-29T01:00Z spans three days.
        let from = try #require(Timestamp.milliseconds("2026-11-27T23:00:00Z"))
        let to = try #require(Timestamp.milliseconds("2026-11-29T01:00:00Z"))
        let key = try #require(Observable(detecting: "AKIAW9X2Q2U25SK79UCX"))
        let query = AthenaActivityQuery(
            table: "cloudtrail_logs", observable: key, window: TimeWindow(from: from, to: to), regions: ["us-east-1", "eu-west-1"],
            limit: 500)
        let sql = try query.sql()
        for day in ["27", "28", "29"] {
            #expect(sql.contains("(year = '2026' AND month = '11' AND day = '\(day)')"), "\(sql)")
        }
        #expect(!sql.contains("day = '26'") && !sql.contains("day = '30'"))
        #expect(sql.contains("region IN ('us-east-1', 'eu-west-1')"))
        #expect(sql.contains("eventtime >= '2026-11-27T23:00:00Z'"))
        #expect(sql.contains("eventtime <= '2026-11-29T01:00:00Z'"))
        #expect(sql.contains("useridentity.accesskeyid = 'AKIAW9X2Q2U25SK79UCX'"))
        #expect(sql.hasSuffix("ORDER BY eventtime DESC\nLIMIT 500"))
        // Every output column is selected, in order.
        for column in AthenaActivityQuery.columns { #expect(sql.contains(column), "\(column)") }

        var projected = query
        projected.partitioning = .projectedTimestamp
        #expect(try projected.sql().contains(#""timestamp" BETWEEN '2026/11/27' AND '2026/11/29'"#))
        var unpartitioned = query
        unpartitioned.partitioning = .none
        #expect(try !unpartitioned.sql().contains("year ="))
        #expect(try !unpartitioned.sql().contains("region IN"))
        // A long window prunes by year rather than listing a hundred days.
        var long = query
        long.window = TimeWindow(from: from - 200 * Self.day, to: to)
        #expect(try long.sql().contains("year BETWEEN '2026' AND '2026'"))
        // No window: no time predicates at all.
        var all = query
        all.window = .all
        #expect(try !all.sql().contains("eventtime >="))
    }

    @Test func securityLakeSQLUsesOCSFColumnsAndEventDayPartitions() throws {
        let from = try #require(Timestamp.milliseconds("2026-11-28T10:00:00Z"))
        let arn = try #require(Observable(detecting: "arn:aws:iam::123456789012:role/Admin"))
        let sql = try AthenaActivityQuery(
            table: "amazon_security_lake_glue_db_us_east_1.amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0",
            dialect: .securityLake, observable: arn, window: TimeWindow(from: from, to: from + 3_600_000)).sql()
        #expect(sql.contains("eventday BETWEEN '20261128' AND '20261128'"))
        #expect(sql.contains("time BETWEEN \(from) AND \(from + 3_600_000)"))
        #expect(sql.contains("actor.user.uid = 'arn:aws:iam::123456789012:role/Admin' OR actor.session.issuer = "))
        #expect(sql.contains("api.operation AS eventname"))
    }

    @Test func rowsMapBackToCloudTrailRecordsTheScannerAccepts() throws {
        let columns = AthenaActivityQuery.columns
        var values = [String?](repeating: nil, count: columns.count)
        func set(_ column: String, _ value: String) { values[columns.firstIndex(of: column) ?? 0] = value }
        set("eventid", "e-1")
        set("eventtime", "2026-11-28T10:00:00Z")
        set("eventname", "GetObject")
        set("eventsource", "s3.amazonaws.com")
        set("sourceipaddress", "198.51.100.7")
        set("readonly", "true")
        set("useridentity_arn", "arn:aws:sts::123456789012:assumed-role/Admin/s")
        set("useridentity_accesskeyid", "ASIAEXAMPLE")
        set("sessionissuer_arn", "arn:aws:iam::123456789012:role/Admin")
        set("requestparameters", #"{"bucketName":"b"}"#)
        let record = try AthenaEventMapper.record(columns: columns, values: values).get()
        let event = try record.withUnsafeBufferPointer { try CloudTrailScanner.scan($0) }
        #expect(event.eventID == "e-1")
        #expect(event.time == Timestamp.milliseconds("2026-11-28T10:00:00Z"))
        #expect(event.eventName == "GetObject")
        #expect(event.sourceIPAddress == "198.51.100.7")
        #expect(event.readOnly == true)
        #expect(event.arn == "arn:aws:sts::123456789012:assumed-role/Admin/s")
        #expect(event.sessionIssuerArn == "arn:aws:iam::123456789012:role/Admin")
        let parsed = try JSONValue.parse(record)
        #expect(parsed[path: "requestParameters", "bucketName"]?.stringValue == "b")
        // No time: reported, not stored.
        set("eventtime", "")
        #expect(throws: AthenaEventMapper.MappingError.self) { try AthenaEventMapper.record(columns: columns, values: values).get() }
    }

    @Test func securityLakeRowsWithMillisecondTimesMapToo() throws {
        // Security Lake's select turns `time` (epoch ms) into to_iso8601(...), which has a fraction.
        let columns = AthenaActivityQuery.columns.map { $0.uppercased() }
        var values = [String?](repeating: nil, count: columns.count)
        values[1] = "2026-11-28T10:00:00.250Z"
        values[3] = "AssumeRole"
        values[14] = "arn:aws:iam::123456789012:user/alice"
        let record = try AthenaEventMapper.record(columns: columns, values: values).get()
        let event = try record.withUnsafeBufferPointer { try CloudTrailScanner.scan($0) }
        #expect(event.time == Timestamp.milliseconds("2026-11-28T10:00:00.250Z"))
        #expect(event.arn == "arn:aws:iam::123456789012:user/alice")
        #expect(event.eventID == nil)
    }

    /// Real records for one access key from the sample data, as Athena rows
    /// (built here with JSONSerialization, independently of the mapper).
    static func sampleRows(accessKey: String) throws -> (rows: [[String: Any]], ids: Set<String>) {
        let path = try TestSupport.sharedData(
            "cloudtrail/stratus-detonation/detonation-logs/aws.credential-access.ssm-retrieve-securestring-parameters.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let records = ((object as? [String: Any])?["Records"] as? [[String: Any]] ?? object as? [[String: Any]] ?? [])
            .filter { ($0["userIdentity"] as? [String: Any])?["accessKeyId"] as? String == accessKey }
        func text(_ value: Any?) -> Any {
            switch value {
            case let string as String: return ["VarCharValue": string]
            case let bool as Bool: return ["VarCharValue": bool ? "true" : "false"]
            case let number as NSNumber: return ["VarCharValue": number.stringValue]
            case .some(let other) where !(other is NSNull):
                let data = (try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys])) ?? Data()
                return ["VarCharValue": String(decoding: data, as: UTF8.self)]
            default: return [String: Any]()
            }
        }
        var rows: [[String: Any]] = [["Data": AthenaActivityQuery.columns.map { ["VarCharValue": $0] }]]
        for record in records {
            let identity = record["userIdentity"] as? [String: Any] ?? [:]
            let issuer = ((identity["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any])?["arn"]
            let cells: [Any?] = [
                record["eventID"], record["eventTime"], record["eventSource"], record["eventName"], record["awsRegion"],
                record["sourceIPAddress"], record["userAgent"], record["errorCode"], record["errorMessage"],
                record["readOnly"], record["recipientAccountId"], record["eventType"], identity["type"],
                identity["principalId"], identity["arn"], identity["accountId"], identity["accessKeyId"],
                identity["userName"], issuer, record["requestParameters"], record["responseElements"],
            ]
            rows.append(["Data": cells.map(text)])
        }
        return (rows, Set(records.compactMap { $0["eventID"] as? String }))
    }

    /// The body of moto's `/moto-api/static/athena/query-results` (header row included in `rows`).
    static func injectPayload(_ rows: [[String: Any]]) throws -> Data {
        let columnInfo = AthenaActivityQuery.columns.map { ["Name": $0, "Label": $0, "Type": "varchar"] }
        let payload: [String: Any] = [
            "account_id": "123456789012", "region": "us-east-1",
            "results": [["rows": rows, "column_info": columnInfo]],
        ]
        return try JSONSerialization.data(withJSONObject: payload)
    }

    static func inject(_ server: MotoServer, body: Data) throws {
        let answer = try LiveTestSupport.http(
            "POST", server.endpoint + "/moto-api/static/athena/query-results",
            headers: [("Content-Type", "application/json")], body: body)
        guard answer.status == 201 else { throw TestFailure("inject answered \(answer.status)") }
    }

    static func manualProgression(_ server: MotoServer) throws {
        let body = Data(#"{"model_name":"athena::execution","transition":{"progression":"manual","times":2}}"#.utf8)
        let answer = try LiveTestSupport.http(
            "POST", server.endpoint + "/moto-api/state-manager/set-transition",
            headers: [("Content-Type", "application/json")], body: body)
        guard (200..<300).contains(answer.status) else { throw TestFailure("set-transition answered \(answer.status)") }
    }

    @Test func queryPollsThroughQueuedAndRunningThenPagesResultsIntoTheStore() async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        let key = "AKIAY964QRZ7YSGWGVUH"
        let (rows, ids) = try Self.sampleRows(accessKey: key)
        #expect(ids.count == rows.count - 1 && !ids.isEmpty)
        let payload = try Self.injectPayload(rows)
        try await LiveTestSupport.blocking {
            try Self.inject(server, body: payload)
            try Self.manualProgression(server)
        }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let observable = try #require(Observable(detecting: key))
        let query = AthenaActivityQuery(table: "security.cloudtrail_logs", observable: observable, window: .all)
        let context = AthenaClient.Context(workgroup: "primary", outputLocation: "s3://athena-results/lantern/")
        let sleeps = SleepLog()
        let (report, states, recordedQuery) = try await LiveTestSupport.blocking {
            var client = AthenaClient(client: try server.client(.athena))
            client.sleep = { sleeps.add($0) }
            var states: [String] = []
            let report = try AthenaActivitySync.run(client: client, query: query, context: context, into: try Store(path: db)) {
                if states.last != $0.state { states.append($0.state) }
            }
            let execution = try client.client.json(
                target: "AmazonAthena.GetQueryExecution", body: .object([("QueryExecutionId", .string(report.queryID))]))
            return (report, states, execution[path: "QueryExecution", "Query"]?.stringValue)
        }
        #expect(states.contains("RUNNING"), "\(states)")
        #expect(states.last == "SUCCEEDED")
        #expect(report.polls >= 3)
        #expect(sleeps.count > 0, "polling must wait between polls")
        #expect(report.rows == ids.count)
        #expect(report.stored == ids.count)
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        #expect(recordedQuery == report.sql)

        let local = try await LiveTestSupport.blocking { () -> Set<String> in
            let activity = try Correlator(store: try Store(path: db)).activity(of: observable, in: .all)
            return Set(activity.events.compactMap(\.eventID))
        }
        #expect(local == ids)
    }

    @Test func activitySourceAthenaThroughTheCLI() async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        let key = "AKIAY964QRZ7YSGWGVUH"
        let (rows, ids) = try Self.sampleRows(accessKey: key)
        let payload = try Self.injectPayload(rows)
        try await LiveTestSupport.blocking {
            try Self.inject(server, body: payload)
            try Self.manualProgression(server)
        }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-secret", "AWS_REGION": "us-east-1"]
        let result = try await LiveTestSupport.lantern(
            ["activity", key, "--db", db, "--source", "athena", "--athena-table", "security.cloudtrail_logs",
             "--athena-workgroup", "primary", "--athena-output", "s3://athena-results/", "--from", "2024-07-25T00:00:00Z",
             "--to", "2024-08-05T00:00:00Z", "--endpoint-url", server.endpoint, "--json"],
            environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        #expect(json["live"]?["rows"]?.intValue == ids.count)
        #expect(json["live"]?["sql"]?.stringValue?.contains("year = '2024' AND month = '08'") == true)
        let shown = Set(json["events"]?.arrayValue?.compactMap { $0["eventID"]?.stringValue } ?? [])
        #expect(shown == ids)

        let badTable = try await LiveTestSupport.lantern(
            ["activity", key, "--db", db, "--source", "athena", "--athena-table", "x; DROP TABLE y",
             "--endpoint-url", server.endpoint], environment: env)
        #expect(badTable.status == 64)
        let noTable = try await LiveTestSupport.lantern(
            ["activity", key, "--db", db, "--source", "athena", "--endpoint-url", server.endpoint], environment: env)
        #expect(noTable.status == 64)
        #expect(noTable.stderr.contains("--athena-table"))
    }

    @Test func aFailedQueryIsAClearErrorAndExitsNonZero() async throws {
        let reason = "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.security.cloudtrail_logs' does not exist"
        let server = try await AWSStubServer.start(["--athena-fail", reason])
        defer { server.stop() }
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await LiveTestSupport.lantern(
            ["activity", "198.51.100.7", "--db", db, "--source", "athena", "--athena-table", "security.cloudtrail_logs",
             "--endpoint-url", server.endpoint],
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret", "AWS_REGION": "us-east-1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("athena query FAILED: TABLE_NOT_FOUND"), "\(result.stderr)")
        let targets = try server.requests().compactMap { $0["target"] as? String }
        #expect(targets == ["AmazonAthena.StartQueryExecution", "AmazonAthena.GetQueryExecution", "AmazonAthena.GetQueryExecution"])
    }

    @Test func resultsArePagedWithTheHeaderOnlyOnTheFirstPage() async throws {
        let key = "AKIAY964QRZ7YSGWGVUH"
        let (rows, ids) = try Self.sampleRows(accessKey: key)
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let resultsFile = directory.appendingPathComponent("results.json")
        let columnInfo = AthenaActivityQuery.columns.map { ["Name": $0, "Label": $0, "Type": "varchar"] }
        try JSONSerialization.data(withJSONObject: ["ColumnInfo": columnInfo, "Rows": rows]).write(to: resultsFile)
        let server = try await AWSStubServer.start(["--athena-results", resultsFile.path])
        defer { server.stop() }
        let db = directory.appendingPathComponent("lantern.db").path
        let observable = try #require(Observable(detecting: key))
        let pageSize = 4
        let report = try await LiveTestSupport.blocking {
            var client = AthenaClient(client: try server.client(.athena))
            client.sleep = { _ in }
            client.pageSize = pageSize
            return try AthenaActivitySync.run(
                client: client, query: AthenaActivityQuery(table: "cloudtrail_logs", observable: observable, window: .all),
                context: AthenaClient.Context(), into: try Store(path: db))
        }
        // Athena counts the header row against the first page's MaxResults.
        #expect(report.pages == (rows.count + pageSize - 1) / pageSize)
        #expect(report.rows == ids.count)
        #expect(report.stored == ids.count)
        #expect(report.polls == 3)
        #expect(report.dataScannedBytes == 1234)
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        let bodies = try server.requests().filter { $0["target"] as? String == "AmazonAthena.GetQueryResults" }
            .map { try JSONValue.parse($0["body"] as? String ?? "") }
        #expect(bodies.count == report.pages)
        #expect(bodies.first?["NextToken"] == nil)
        #expect(bodies.dropFirst().allSatisfy { $0["NextToken"]?.stringValue != nil && $0["MaxResults"]?.intValue == pageSize })
    }
}
