import Foundation
import Testing

@testable import LanternCore

/// Session tokens and secret keys in CloudTrail records (`responseElements.credentials` of
/// AssumeRole, GetSessionToken, GetFederationToken…) never reach the store: the raw record keeps
/// every other byte, the secret's value becomes a marker with a short hash of it.
@Suite struct CredentialRedactionTests {
    /// The real GetFederationToken record of the Stratus Red Team sample carries a 752-character
    /// session token. Ingested by the real binary and in-process (to see the -wal while the
    /// connection is open): the token's bytes are in neither file, the stored raw record shows the
    /// marker, and is the original record with only the token replaced.
    @Test func sessionTokensNeverReachTheStore() throws {
        let sample = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.sts-federation-token.json")
        let original = try Data(contentsOf: URL(fileURLWithPath: sample))
        let records = try #require(try JSONValue.parse(original).arrayValue)
        let issuing = try #require(records.first { $0["eventName"]?.stringValue == "GetFederationToken" })
        let token = try #require(issuing[path: "responseElements", "credentials", "sessionToken"]?.stringValue)
        #expect(token.count > 100)
        let eventID = try #require(issuing["eventID"]?.stringValue)
        let marker = CredentialRedaction.marker(key: "sessionToken", value: Array(token.utf8))
        #expect(marker.hasPrefix("<redacted:sessionToken sha256:"))
        #expect(!marker.contains(token.prefix(12)))

        func check(_ store: Store, files: [String]) throws {
            for file in files where FileManager.default.fileExists(atPath: file) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is in \(file)")
                #expect(bytes.range(of: Data(token.utf8.prefix(40))) == nil, "the token's first 40 bytes are in \(file)")
            }
            let event = try #require(try store.event(eventID: eventID))
            let raw = try store.rawRecord(of: event)
            let text = String(decoding: raw, as: UTF8.self)
            #expect(!text.contains(token))
            #expect(text.contains("\"sessionToken\": \"\(marker)\""), "\(text)")
            // Lossless but for the token: putting it back gives the record's bytes in the file.
            let restored = Data(text.replacingOccurrences(of: marker, with: token).utf8)
            #expect(original.range(of: restored) != nil, "the stored record differs from the file beyond the token")
            let parsed = try JSONValue.parse(raw)
            #expect(parsed[path: "responseElements", "credentials", "sessionToken"]?.stringValue == marker)
            #expect(parsed[path: "responseElements", "credentials", "accessKeyId"] == issuing[path: "responseElements", "credentials", "accessKeyId"])
        }

        // In-process, connection open: the database file and its -wal.
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [sample])
        #expect(FileManager.default.fileExists(atPath: store.path + "-wal"))
        try check(store, files: [store.path, store.path + "-wal", store.path + "-shm"])

        // The real binary, and what it prints: the finding-less sample exports the event through a case.
        let binary = try TestSupport.lanternBinary()
        let db = directory.appendingPathComponent("cli.db").path
        let ingest = try TestSupport.run(binary, ["ingest", "--db", db, sample])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        try check(try Store(path: db, readOnly: true), files: [db, db + "-wal"])
        #expect(!ingest.stdout.contains(token) && !ingest.stderr.contains(token))
    }

    /// Records fetched live (LookupEvents, Athena, `sync cloudtrail`) are stored redacted too.
    @Test func liveRecordsAreStoredRedacted() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = #"{"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventName":"AssumeRole","eventID":"live-1","#
            + #""responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLEEXAMPLE01","sessionToken":"FwoGZXIvYXdzEXAMPLETOKEN","#
            + #""expiration":"Jan 1, 2024, 1:00:00 AM"}}}"#
        let outcome = try LiveEventIngest.store(records: [Array(record.utf8)], in: store)
        #expect(outcome.stored == 1)
        let event = try #require(try store.event(eventID: "live-1"))
        let raw = String(decoding: try store.rawRecord(of: event), as: UTF8.self)
        let marker = CredentialRedaction.marker(key: "sessionToken", value: Array("FwoGZXIvYXdzEXAMPLETOKEN".utf8))
        #expect(raw == record.replacingOccurrences(of: "FwoGZXIvYXdzEXAMPLETOKEN", with: marker))
    }

    /// The wrapped forms `ingest` reads: `aws cloudtrail lookup-events` output (the record is a JSON
    /// string) and EventBridge "AWS API Call via CloudTrail" (the record is `detail`).
    @Test func wrappedRecordsAreStoredRedacted() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        func record(_ id: String) -> String {
            #"{"eventTime":"2024-01-01T00:00:00Z","eventName":"GetSessionToken","eventID":"\#(id)","#
                + #""responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLEEXAMPLE02","sessionToken":"TOKEN-\#(id)","secretAccessKey":"SECRET-\#(id)"}}}"#
        }
        var lookup = ""
        JSONWriter.appendQuoted(record("lookup-1"), to: &lookup)
        try Data(#"{"Events":[{"EventId":"lookup-1","CloudTrailEvent":\#(lookup)}]}"#.utf8)
            .write(to: directory.appendingPathComponent("lookup.json"))
        try Data(#"{"detail-type":"AWS API Call via CloudTrail","source":"aws.sts","detail":\#(record("bridge-1"))}"#.utf8)
            .write(to: directory.appendingPathComponent("bridge.json"))
        let report = try Ingestor(store: store).ingest(paths: [directory.appendingPathComponent("lookup.json").path,
                                                               directory.appendingPathComponent("bridge.json").path])
        #expect(report.events.stored == 2, "\(report.problems)")
        for id in ["lookup-1", "bridge-1"] {
            let event = try #require(try store.event(eventID: id))
            let raw = try JSONValue.parse(try store.rawRecord(of: event))
            #expect(raw[path: "responseElements", "credentials", "sessionToken"]?.stringValue
                == CredentialRedaction.marker(key: "sessionToken", value: Array("TOKEN-\(id)".utf8)))
            #expect(raw[path: "responseElements", "credentials", "secretAccessKey"]?.stringValue
                == CredentialRedaction.marker(key: "secretAccessKey", value: Array("SECRET-\(id)".utf8)))
            #expect(raw[path: "responseElements", "credentials", "accessKeyId"]?.stringValue == "ASIAEXAMPLEEXAMPLE02")
        }
    }

    /// Every spelling AWS and the JSON grammar allow: any case, escaped key characters, escaped
    /// value characters, `secretAccessKey`, nested arrays; strings that merely contain the words,
    /// and non-string values, are left alone.
    @Test func redactionRewritesOnlySecretStringValues() throws {
        func redact(_ text: String) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { CredentialRedaction.redacted($0) }.map { String(decoding: $0, as: UTF8.self) }
        }
        let token = CredentialRedaction.marker(key: "sessionToken", value: Array("abc/def".utf8))
        #expect(redact(#"{"a":1,"credentials":{"sessionToken" : "abc/def","x":"sessionToken"}}"#)
            == #"{"a":1,"credentials":{"sessionToken" : "\#(token)","x":"sessionToken"}}"#)
        // The hash is of the value, not of how it is escaped.
        #expect(redact(#"{"SessionToken":"abc\/def"}"#) == #"{"SessionToken":"\#(token)"}"#)
        #expect(redact(#"{"session\u0054oken":"abc/def"}"#) == #"{"session\u0054oken":"\#(token)"}"#)
        #expect(redact(#"{"SESSIONTOKEN":"abc/def"}"#) == #"{"SESSIONTOKEN":"\#(token)"}"#)
        let secret = CredentialRedaction.marker(key: "secretAccessKey", value: Array("wJalr\"XUt".utf8))
        #expect(redact(#"[{"SecretAccessKey":"wJalr\"XUt"},{"secretaccesskey":"wJalr\"XUt"}]"#)
            == #"[{"SecretAccessKey":"\#(secret)"},{"secretaccesskey":"\#(secret)"}]"#)
        #expect(redact(#"{"note":"the sessionToken\": is here","sessionToken":null,"n":{"secretAccessKey":{"a":1}}}"#) == nil)
        #expect(redact(#"{"eventName":"ListBuckets"}"#) == nil)
        #expect(Array(#"{"eventName":"ListBuckets","userIdentity":{"accessKeyId":"AKIA"}}"#.utf8)
            .withUnsafeBufferPointer { CredentialRedaction.mayHoldSecret($0) } == false)
        // Real records without credentials are left alone, even those the fast filter lets through
        // (`"eventName":"CreateAccessKey"`, `"accessKey":{…}` in this one).
        let plain = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        for record in try #require(try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: plain))).arrayValue) {
            #expect(redact(JSONWriter(pretty: false).string(record)) == nil)
        }
    }
}
