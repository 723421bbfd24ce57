import Foundation
import Testing

@testable import LanternCore

/// Raw records are stored without the values their event rows hold, and
/// must come back byte for byte: from real files, with escapes, repeated
/// members, odd times and spacing, and from stores written before.
struct RawRecordElisionTests {
    /// The records of the real CloudTrail samples as the independent Python
    /// reading finds them in their files: base64 of their exact bytes by eventID.
    static func realRecords() throws -> [String: [String]] {
        let data = try TestSupport.sharedData("cloudtrail")
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/truth_activity.py").path
        let result = try TestSupport.run("/usr/bin/env", ["python3", script, "records", data])
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String]], "\(result.stderr)")
    }

    /// Every event of the real CloudTrail samples (S3 `Records` files and
    /// pretty-printed arrays) reads back exactly the bytes the independent
    /// Python reading finds in its file.
    @Test func realRecordsComeBackByteForByte() throws {
        let data = try TestSupport.sharedData("cloudtrail")
        let expected = try Self.realRecords()
        #expect(expected.count > 3000)
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [data])
        let count = try store.counts().events
        let events = try store.events(rowIDs: Array(1...Int64(count)))
        #expect(events.count == expected.count)
        var exact = 0
        for event in events {
            let raw = try store.rawRecord(of: event)
            let id = try #require(event.eventID)
            let originals = (expected[id] ?? []).compactMap { Data(base64Encoded: $0).map(Array.init) }
            if String(decoding: raw, as: UTF8.self).contains("<redacted:") {
                // Secrets were replaced before storing (CredentialRedactionTests): the original named one.
                let original = String(decoding: originals.first ?? [], as: UTF8.self).lowercased()
                #expect(original.contains("sessiontoken") || original.contains("secretaccesskey"), "\(id)")
                #expect(try JSONValue.parse(raw)["eventID"]?.stringValue == id)
                continue
            }
            #expect(originals.contains(raw), "\(id)")
            exact += 1
        }
        #expect(exact > 3000)
        // Values were taken out of almost every record: the stored forms are smaller.
        let storedForms = try store.db.scalar("SELECT count(*) FROM raw_blocks WHERE codec = \(RawBlockCodec.zstdStoredForms)")
        #expect(storedForms == (try store.db.scalar("SELECT count(*) FROM raw_blocks")))
    }

    static let fields = EventFields(
        eventID: "0c5a3e1b-6f44-4c3e-9d55-4b0d1b8a2f10", time: 1_689_000_000_000, eventSource: "s3.amazonaws.com",
        eventName: "GetObject", sourceIPAddress: "198.51.100.7", userAgent: "agent \"quoted\"", awsRegion: "us-east-1",
        recipientAccountId: "111122223333", identityType: "IAMUser", arn: "arn:aws:iam::111122223333:user/é",
        accessKeyId: "AKIAEXAMPLE", principalId: "AIDAEXAMPLE", accountId: "111122223333")

    static func stored(_ text: String, _ fields: EventFields = fields) -> [UInt8] {
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { RawRecordElision.append($0, fields: fields, to: &out) }
        return out
    }

    /// The spans the scanner notes hold exactly each member's string, as
    /// Foundation's JSON parser reads it, in every real record.
    @Test func scannerSpansHoldTheMembersStrings() throws {
        var compared = 0
        for record in try Self.realRecords().values.joined().compactMap({ Data(base64Encoded: $0).map(Array.init) }) {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any])
            let identity = json["userIdentity"] as? [String: Any] ?? [:]
            let members: [(RawRecordElision.Field, Any?)] = [
                (.eventID, json["eventID"]), (.eventTime, json["eventTime"]), (.eventSource, json["eventSource"]),
                (.eventName, json["eventName"]), (.awsRegion, json["awsRegion"]),
                (.sourceIPAddress, json["sourceIPAddress"]), (.userAgent, json["userAgent"]),
                (.errorCode, json["errorCode"]), (.recipientAccountId, json["recipientAccountId"]),
                (.identityType, identity["type"]), (.arn, identity["arn"]), (.accessKeyId, identity["accessKeyId"]),
                (.principalId, identity["principalId"]), (.accountId, identity["accountId"]),
            ]
            let spans = record.withUnsafeBufferPointer { RawRecordElision.spans(in: $0) }
            for (field, member) in members {
                guard let span = spans[field] else {
                    #expect(!(member is String), "\(field) not found in \(String(decoding: record, as: UTF8.self).prefix(200))")
                    continue
                }
                let quoted = Data([UInt8(ascii: "\"")] + record[span] + [UInt8(ascii: "\"")])
                let text = try JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed) as? String
                #expect(text == member as? String, "\(field)")
            }
            #expect(RawRecordElision.Field.allCases.filter { spans[$0] != nil }.count >= 6)
            compared += 1
        }
        #expect(compared > 3000)
    }

    /// Values equal to the row's are taken out; escaped ones, times not in
    /// the row's spelling, and members the row does not hold stay; the
    /// record comes back exactly either way.
    @Test func onlyExactValuesAreTakenOutAndEverythingComesBack() throws {
        let record = """
            { "eventTime" : "2023-07-10T14:40:00Z", "eventID":"0c5a3e1b-6f44-4c3e-9d55-4b0d1b8a2f10",
              "eventName":"GetObject","eventSource":"s3.amazonaws.com", "userAgent":"agent \\"quoted\\"",
              "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/\\u00e9","accountId":"111122223333",
                "accessKeyId":"AKIAEXAMPLE","principalId":"AIDAEXAMPLE","sessionContext":{"arn":"x"}},
              "sourceIPAddress":"198.51.100.7","awsRegion":"us-east-1","requestParameters":{"eventName":"GetObject"},
              "recipientAccountId":"111122223333"}
            """
        let stored = Self.stored(record)
        #expect(stored.first == 1)
        let text = String(decoding: stored, as: UTF8.self)
        for kept in ["agent \\\"quoted\\\"", "user/\\u00e9", "\"eventName\":\"GetObject\"}"] {
            #expect(text.contains(kept), "\(kept) should stay in \(text)")
        }
        for gone in ["0c5a3e1b", "198.51.100.7", "AKIAEXAMPLE", "AIDAEXAMPLE", "2023-07-10T14:40:00Z"] {
            #expect(!text.contains(gone), "\(gone) should be taken out of \(text)")
        }
        #expect(RawRecordElision.restore(stored, fields: Self.fields) == Array(record.utf8))

        // A time with milliseconds or an offset is not the row's spelling: kept.
        for time in ["2023-07-10T14:40:00.000Z", "2023-07-10T16:40:00+02:00"] {
            let other = "{\"eventTime\":\"\(time)\",\"eventID\":\"0c5a3e1b-6f44-4c3e-9d55-4b0d1b8a2f10\"}"
            let stored = Self.stored(other)
            #expect(String(decoding: stored, as: UTF8.self).contains(time))
            #expect(RawRecordElision.restore(stored, fields: Self.fields) == Array(other.utf8))
        }
    }

    /// A repeated member: the last is the one the row holds (as the
    /// scanner reads it); the others stay as they are.
    @Test func repeatedMembersComeBackExactly() throws {
        let record = #"{"eventName":"PutObject","eventName":"GetObject","eventTime":"2023-07-10T14:40:00Z"}"#
        var fields = Self.fields
        fields.time = try #require(Timestamp.milliseconds("2023-07-10T14:40:00Z"))
        let event = try Array(record.utf8).withUnsafeBufferPointer { try CloudTrailScanner.scan($0) }
        #expect(event.fields.eventName == "GetObject")
        let stored = Self.stored(record, event.fields)
        #expect(String(decoding: stored, as: UTF8.self).contains("PutObject"))
        #expect(RawRecordElision.restore(stored, fields: event.fields) == Array(record.utf8))
    }

    /// A record holding a byte that could be read as a marker is stored as
    /// it is; so is one that is not a JSON object.
    @Test func recordsThatCannotBeMarkedAreStoredAsTheyAre() throws {
        for record in ["{\"eventName\":\"GetObject\"}\u{1F}", "[\"GetObject\"]", "not json", ""] {
            let stored = Self.stored(record)
            #expect(stored == [0] + Array(record.utf8), "\(record)")
            #expect(RawRecordElision.restore(stored, fields: Self.fields) == Array(record.utf8))
        }
    }

    /// A stored form that does not fit its row is refused, never guessed.
    @Test func corruptStoredFormsAreRefused() throws {
        #expect(RawRecordElision.restore([], fields: Self.fields) == nil)
        #expect(RawRecordElision.restore([2, 0x7B], fields: Self.fields) == nil)
        // Marker for errorCode, which the row does not hold; marker byte past the last field.
        #expect(RawRecordElision.restore([1, 0x22, 0x17, 0x22], fields: Self.fields) == nil)
        #expect(RawRecordElision.restore([1, 0x22, 0x1F, 0x22], fields: Self.fields) == nil)
        var random = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = RawRecordElision.restore(bytes, fields: Self.fields)  // Never traps.
        }
    }

    /// Blocks written before stored forms existed (codec 1, records as they
    /// came) read as they did; the same records read the same from both.
    @Test func blocksOfTheEarlierCodecStillRead() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.json")
        try RawBlockPackingTests.write(Array(0..<40), to: file)
        let store = try Store(path: directory.appendingPathComponent("l.db").path)
        _ = try Ingestor(store: store).ingest(paths: [file.path])
        let events = try store.events(rowIDs: Array(1...40))
        let block = try #require(events.first?.block)
        #expect(try store.rawBlock(block).storedForms)
        let originals = try events.map { try store.rawRecord(of: $0) }
        let plain = originals.flatMap { $0 }
        let rewritten = RawBlockCodec.encode(bytes: plain, lengths: originals.map(\.count))
        try store.db.prepare("UPDATE raw_blocks SET codec = ?, dictionary = NULL, data = ? WHERE id = ?")
            .execute([.integer(RawBlockCodec.zstd), .blob(rewritten), .integer(block)])
        #expect(try !store.rawBlock(block).storedForms)
        #expect(try events.map { try store.rawRecord(of: $0) } == originals)
        for i in 0..<40 {
            let event = try #require(try store.event(eventID: RawBlockPackingTests.eventID(i)))
            #expect(try store.rawRecord(of: event) == Array(RawBlockPackingTests.record(i).utf8))
        }
    }
}
