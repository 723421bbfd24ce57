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
    private let cacheLimit = Marks.reach
    /// The marks of the last read (``EventList/Builder``), kept for the next.
    private var marks = Marks()

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

    /// Lends the marks to a read, which starts a new generation of them.
    func takeMarks() -> Marks {
        var lent = marks
        marks = Marks()
        lent.nextGeneration()
        return lent
    }

    /// Takes back marks lent by ``takeMarks()``.
    func giveBack(_ lent: Marks) {
        marks = lent
    }

    /// Which string ids one read (one generation) has met, and the index
    /// each got in the read's table: an array indexed by id, reused from
    /// read to read without clearing (an entry of an older generation
    /// counts as unmarked).
    struct Marks {
        /// Ids the array covers at most (beyond, a read keeps its own dictionary).
        static let reach = 1 << 20
        /// Generation in the high 32 bits, index in the low.
        private var entries: [UInt64] = []
        private var generation: UInt64 = 0

        /// Whether `id` can be marked here.
        func reaches(_ id: Int64) -> Bool { id >= 0 && id < Int64(Marks.reach) }

        /// The index `id` got in this generation; nil when unmarked.
        subscript(id: Int64) -> UInt32? {
            get {
                guard id >= 0, id < Int64(entries.count) else { return nil }
                let entry = entries[Int(id)]
                return entry >> 32 == generation ? UInt32(truncatingIfNeeded: entry) : nil
            }
            set {
                guard reaches(id) else { return }
                if id >= Int64(entries.count) {
                    entries += repeatElement(0, count: min(Marks.reach, max(Int(id) + 1, entries.count * 2)) - entries.count)
                }
                entries[Int(id)] = newValue.map { generation << 32 | UInt64($0) } ?? 0
            }
        }

        /// Starts a generation: every entry reads as unmarked.
        mutating func nextGeneration() {
            generation += 1
            if generation > UInt64(UInt32.max) {
                entries = Array(repeating: 0, count: entries.count)
                generation = 1
            }
        }
    }
}
