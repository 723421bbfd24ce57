import Foundation
import Testing

@testable import LanternCore

/// Events read back keep their values as indexes into one table of the
/// read's distinct strings (`EventList`). Every event must still read as
/// its record says, read after read (the marks that find a string's index
/// are reused from one read to the next), and lists made of events, or
/// filtered by an IR query, must hold exactly those events.
@Suite(.serialized) struct EventListTests {
    /// A store of the shared sample data, in a temporary directory.
    static func ingested() throws -> (Store, URL) {
        let (store, directory) = try TestSupport.temporaryStore()
        _ = try Ingestor(store: store).ingest(paths: [try TestSupport.sharedData("cloudtrail/invictus")])
        return (store, directory)
    }

    /// What Foundation's JSON parser finds in the event's raw record, in
    /// the fields the list keeps (the row's values are checked against it).
    static func fieldsInRecord(of event: StoredEvent, in store: Store) throws -> [String?] {
        let record = try store.rawRecord(of: event)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any])
        let identity = json["userIdentity"] as? [String: Any] ?? [:]
        let issuer = ((identity["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any])?["arn"]
        return [json["eventID"], json["eventSource"], json["eventName"], json["sourceIPAddress"], json["userAgent"],
                json["awsRegion"], json["recipientAccountId"], identity["type"], identity["arn"],
                identity["accessKeyId"], identity["principalId"], identity["accountId"], issuer]
            .map { $0 as? String }
    }

    static func fieldsOfEvent(_ f: EventFields) -> [String?] {
        [f.eventID, f.eventSource, f.eventName, f.sourceIPAddress, f.userAgent, f.awsRegion, f.recipientAccountId,
         f.identityType, f.arn, f.accessKeyId, f.principalId, f.accountId, f.sessionIssuerArn]
    }

    @Test func readsRepeatedlyGiveEveryEventItsRecordsValues() throws {
        let (store, directory) = try Self.ingested()
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = Int64(try store.counts().events)
        #expect(count > 1000)
        // Three reads: every other row, the rest, then all (each new read
        // starts a new generation of marks over the same string ids).
        let evens = try store.events(rowIDs: Array(stride(from: 2, through: count, by: 2)))
        let odds = try store.events(rowIDs: Array(stride(from: 1, through: count, by: 2)))
        let all = try store.events(rowIDs: Array(1...count))
        #expect(evens.count + odds.count == all.count && all.count == Int(count))
        #expect(Set(evens.map(\.rowID)).isDisjoint(with: odds.map(\.rowID)))
        for event in all {
            #expect(Self.fieldsOfEvent(event.fields) == (try Self.fieldsInRecord(of: event, in: store)), "row \(event.rowID)")
        }
        let byRow = Dictionary(uniqueKeysWithValues: all.map { ($0.rowID, $0) })
        for event in Array(evens) + Array(odds) { #expect(byRow[event.rowID] == event) }
        // In time order, then row order.
        #expect(all.map { [$0.time, $0.rowID] }.elementsEqual(all.map { [$0.time, $0.rowID] }.sorted { $0.lexicographicallyPrecedes($1) }))
    }

    @Test func listsOfEventsHoldExactlyThoseEvents() throws {
        let (store, directory) = try Self.ingested()
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try store.events(rowIDs: Array(1...Int64(try store.counts().events)))
        let events = Array(read)
        // Absent and empty values, and eventIDs that are not lowercase UUIDs, kept as they are.
        let odd = [
            StoredEvent(rowID: 1, fields: EventFields(eventID: "ABCDEF01-2345-6789-ABCD-EF0123456789", time: 5,
                                                      eventSource: "", sourceIPAddress: nil, errorCode: "")),
            StoredEvent(rowID: 2, fields: EventFields(eventID: "not-a-uuid", time: 4, eventName: "", readOnly: false),
                        block: 9, slot: 3),
            StoredEvent(rowID: 3, fields: EventFields(time: 4, userAgent: "\u{1B}[31m", readOnly: true)),
        ]
        for list in [events, odd] {
            let made = EventList(list)
            #expect(Array(made) == list)
            for query in IRQuery.allCases {
                #expect(Array(made.filter(query)) == list.filter(query.matches), "\(query)")
            }
        }
        #expect(EventList(events) == read)
        #expect(odd.map(\.block) == EventList(odd).map(\.block) && odd.map(\.slot) == EventList(odd).map(\.slot))
    }

    @Test func marksOfAnEarlierReadCountAsUnmarked() {
        var marks = StringDictionary.Marks()
        marks.nextGeneration()
        marks[5] = 7
        marks[0] = 0
        #expect(marks[5] == 7 && marks[0] == 0 && marks[4] == nil && marks[6] == nil)
        marks.nextGeneration()
        #expect(marks[5] == nil && marks[0] == nil)
        let beyond = Int64(StringDictionary.Marks.reach)
        marks[beyond] = 1
        #expect(!marks.reaches(beyond) && marks[beyond] == nil && marks[-1] == nil)
    }

    @Test func eventUUIDsAgreeWithFoundation() throws {
        for _ in 0..<200 {
            let uuid = UUID()
            let text = uuid.uuidString.lowercased()
            let parsed = try #require(EventUUID(text))
            let expected = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            #expect(parsed.bytes == expected)
            #expect(parsed.text == text)
            #expect(expected.withUnsafeBytes { EventUUID(bytes: $0) } == parsed)
            #expect(EventUUID(uuid.uuidString) == nil || uuid.uuidString == text)  // uppercase is kept as text
        }
        for text in ["", "0123", "01234567-89ab-cdef-0123-456789abcdeg", "01234567+89ab-cdef-0123-456789abcdef"] {
            #expect(EventUUID(text) == nil, "\(text)")
        }
        #expect([UInt8](repeating: 1, count: 15).withUnsafeBytes { EventUUID(bytes: $0) } == nil)
    }
}
