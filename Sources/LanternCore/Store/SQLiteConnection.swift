import CSQLite

/// An error reported by SQLite, with the statement that caused it.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's result code.
    public let code: Int32
    /// SQLite's message.
    public let message: String
    /// The SQL that failed, when known.
    public let sql: String?

    public var description: String {
        if let sql { return "\(message) (SQLite error \(code)) in: \(sql)" }
        return "\(message) (SQLite error \(code))"
    }

    /// Whether the error means the disk or database is full.
    public var isDiskFull: Bool { code & 0xFF == SQLITE_FULL }
    /// Whether the error means the database cannot be written.
    public var isReadOnly: Bool { code & 0xFF == SQLITE_READONLY }
}

/// A value bound to or read from a statement.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One connection to an SQLite database file; the only type that calls
/// the SQLite C API besides ``SQLiteStatement``.
public final class SQLiteConnection {
    let handle: OpaquePointer

    /// Opens (creating when `create`) the database at `path`. Every
    /// statement waits up to ten seconds for another connection's lock,
    /// from the first one on (a reader opening while an ingest checkpoints
    /// must wait, not fail with "database is locked").
    public init(path: String, readOnly: Bool = false, create: Bool = true) throws {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: code, message: "\(message): \(path)", sql: nil)
        }
        self.handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "error"
            sqlite3_free(errorMessage)
            throw SQLiteError(code: code, message: message, sql: sql)
        }
    }

    /// Compiles `sql` into a reusable statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql: sql) }
        return SQLiteStatement(handle: statement, sql: sql)
    }

    private var statementCache: [String: SQLiteStatement] = [:]

    /// The statement for `sql`, compiled once per connection: for queries
    /// that run per keystroke or per finding. A cached statement must not be
    /// used again while one of its own rows is being read.
    public func cached(_ sql: String) throws -> SQLiteStatement {
        if let statement = statementCache[sql] { return statement }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row of `sql`, or nil.
    public func scalar(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> SQLiteValue? {
        let statement = try prepare(sql)
        return try statement.query(arguments) { $0.value(0) }.first
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// A compiled statement, reusable with new arguments.
public final class SQLiteStatement {
    private let handle: OpaquePointer
    private let sql: String

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// The connection's message for a failed call. (A statement does not
    /// keep its connection alive: the connection caches statements, and a
    /// connection closed with statements left open closes when they finish.)
    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
    }

    /// Binds `arguments` to the parameters, in order.
    public func bind(_ arguments: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, argument) in arguments.enumerated() {
            try bind(argument, at: Int32(i + 1))
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
        case .real(let v): code = sqlite3_bind_double(handle, index, v)
        case .text(let v): code = sqlite3_bind_text(handle, index, v, -1, lantern_sqlite_transient())
        case .blob(let v):
            code = v.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), lantern_sqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Binds an integer without wrapping it in ``SQLiteValue`` (hot paths).
    public func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds an optional integer; nil binds NULL.
    public func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Steps once; true when a row is available.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw error(code)
        }
    }

    /// Resets the statement to run again (bindings are kept).
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Runs the statement with `arguments`, ignoring rows.
    public func execute(_ arguments: [SQLiteValue] = []) throws {
        try bind(arguments)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Runs the statement with `arguments` and maps each row.
    public func query<T>(_ arguments: [SQLiteValue] = [], _ map: (SQLiteRow) throws -> T) throws -> [T] {
        try bind(arguments)
        defer { sqlite3_reset(handle) }
        var rows: [T] = []
        let row = SQLiteRow(handle: handle)
        while try step() { rows.append(try map(row)) }
        return rows
    }

    /// The current row (valid until the next step).
    public var row: SQLiteRow { SQLiteRow(handle: handle) }
}

/// Column access on the current row of a statement.
public struct SQLiteRow {
    let handle: OpaquePointer

    /// Column `index` as an integer (0 when NULL).
    public func int(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` as an integer, nil when NULL.
    public func optionalInt(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }

    /// Whether column `index` holds a blob (not NULL, a number or text).
    public func isBlob(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_BLOB }

    /// Column `index` as a double, nil when NULL.
    public func double(_ index: Int32) -> Double? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_double(handle, index)
    }

    /// Column `index` as text, nil when NULL.
    public func text(_ index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` as bytes (empty when NULL).
    public func blob(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with column `index`'s bytes in place, without copying
    /// them (valid only inside `body`; empty when NULL).
    public func withBlob<T>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let pointer = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count > 0 ? count : 0))
    }

    /// Column `index` as a ``SQLiteValue``.
    public func value(_ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int(index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT: return .text(text(index) ?? "")
        case SQLITE_BLOB: return .blob(blob(index))
        default: return .null
        }
    }
}
