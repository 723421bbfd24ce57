/// Maps strings to their ids in the `strings` table, caching both ways.
final class StringDictionary {
    private let select: SQLiteStatement
    private let insert: SQLiteStatement
    private let selectValue: SQLiteStatement
    private var ids: [String: Int64] = [:]
    /// Cached strings by id: an array, since ids are dense and a read
    /// resolves a dozen per event (a dictionary lookup hashed each).
    private var values: [String?] = []
    /// Entries each cache holds at most (every cached value is in `ids` too).
    private let cacheLimit = 1 << 20

    init(db: SQLiteConnection) throws {
        select = try db.prepare("SELECT id FROM strings WHERE value = ?")
        insert = try db.prepare("INSERT INTO strings (value) VALUES (?)")
        selectValue = try db.prepare("SELECT value FROM strings WHERE id = ?")
        self.db = db
    }

    private let db: SQLiteConnection

    /// The id of `value`, adding it when new.
    func id(for value: String) throws -> Int64 {
        if let id = ids[value] { return id }
        if let id = try existingID(for: value) { return id }
        try insert.execute([.text(value)])
        let id = db.lastInsertRowID
        remember(value, id)
        return id
    }

    /// The id of `value` when present (nil gives nil; an empty string is kept).
    func id(forOptional value: String?) throws -> Int64? {
        guard let value else { return nil }
        return try id(for: value)
    }

    /// The id of `value` when the store knows it, without adding it.
    func existingID(for value: String) throws -> Int64? {
        if let id = ids[value] { return id }
        let found = try select.query([.text(value)]) { $0.int(0) }.first
        if let found { remember(value, found) }
        return found
    }

    /// The string with `id`.
    func value(for id: Int64?) throws -> String? {
        guard let id else { return nil }
        if id >= 0, id < values.count, let value = values[Int(id)] { return value }
        let found = try selectValue.query([.integer(id)]) { $0.text(0) }.first ?? nil
        if let found { remember(found, id) }
        return found
    }

    /// Forgets cached ids (after a rollback they may be stale).
    func clearCache() {
        ids.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    private func remember(_ value: String, _ id: Int64) {
        if ids.count >= cacheLimit { clearCache() }
        ids[value] = id
        // Ids beyond the array's reach are looked up each time.
        guard id >= 0, id < Int64(cacheLimit) else { return }
        if id >= values.count { values += repeatElement(nil, count: Int(id) + 1 - values.count) }
        values[Int(id)] = value
    }
}
