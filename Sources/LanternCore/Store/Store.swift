import Foundation

/// The Lantern database: one SQLite file in WAL mode holding findings,
/// observables, CloudTrail events and what was ingested.
///
/// A `Store` owns one connection; use one per thread.
public final class Store {
    /// The underlying connection, for the store's own extensions.
    let db: SQLiteConnection
    /// The path of the database file.
    public let path: String
    /// Raw-record dictionaries loaded so far, by id.
    var rawDictionaries: [Int64: RawDictionary] = [:]
    /// The string dictionary, shared by reads and writes on this connection.
    lazy var strings: StringDictionary = {
        // Preparing these statements fails only on a broken schema, which migrate() has ruled out.
        do { return try StringDictionary(db: db) } catch { preconditionFailure("strings table unusable: \(error)") }
    }()

    /// Opens (creating when missing, with mode 0600 in a 0700 directory)
    /// the database at `path` and applies pending migrations.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let fileManager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !readOnly, !directory.isEmpty, !fileManager.fileExists(atPath: directory) {
            try Store.makeDirectory(directory, for: path)
        }
        if !readOnly, !fileManager.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            close(fd)
        }
        guard fileManager.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        db = try Store.connect(path, readOnly: readOnly)
        if !readOnly {
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("PRAGMA synchronous = NORMAL")
        }
        try db.execute("PRAGMA foreign_keys = ON")
        // Reads go through memory mapping up to 256 MB (no read syscall and
        // copy per page); beyond, mapped pages would count as the process's
        // memory and grow with the store.
        try db.execute("PRAGMA mmap_size = 268435456")
        if !readOnly {
            try migrate()
            try completeInterruptedBulkLoad()
        }
        // A database from before the packed index, opened read-only, has only `event_index`.
        hasPostings = try db.scalar("SELECT 1 FROM sqlite_master WHERE name = 'event_postings'") != nil
        // One from before the packed event rows (v5), opened read-only, has a column per value.
        packedEventRows = try db.scalar("SELECT 1 FROM pragma_table_info('events') WHERE name = 'fields'") != nil
    }

    /// Whether event rows keep their values packed in `fields` (``EventRow``).
    private(set) var packedEventRows = true

    /// Whether the database has the packed correlation index (`event_postings`).
    private(set) var hasPostings = false

    /// Opens the connection. Reading a WAL database needs its `-shm` file,
    /// which cannot be made on a read-only file system (evidence mounted
    /// read-only): there, when the database has no unmerged `-wal` file, it
    /// is opened as immutable instead — nothing can change it anyway.
    private static func connect(_ path: String, readOnly: Bool) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, readOnly: readOnly, create: false)
        guard readOnly else { return connection }
        do {
            _ = try connection.scalar("SELECT count(*) FROM sqlite_master")  // SQLite opens lazily
            return connection
        } catch {
            guard onReadOnlyFileSystem(path), (fileSize(path + "-wal") ?? 0) == 0 else { throw error }
            return try SQLiteConnection(path: immutableURI(path), readOnly: true, create: false)
        }
    }

    private static func onReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// `file:PATH?immutable=1`, the path percent-encoded but for `/`.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var encoded = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return "file:" + encoded + "?immutable=1"
    }

    /// Creates `directory` and its missing parents with mode 0700; a failure
    /// names the folder and the system's reason ("Not a directory",
    /// "Permission denied"…), not a Foundation error code.
    private static func makeDirectory(_ directory: String, for path: String) throws {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw StoreError.cannotCreate(path: path, reason: "cannot make the folder \(current): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The default database path: `$XDG_DATA_HOME/lantern/lantern.db`, or
    /// `~/.local/share/lantern/lantern.db`.
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("lantern/lantern.db")
    }

    private func migrate() throws {
        try db.execute("CREATE TABLE IF NOT EXISTS lantern_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        let applied = Set(try db.prepare("SELECT name FROM lantern_migrations").query { $0.text(0) ?? "" })
        for migration in Schema.migrations where !applied.contains(migration.name) {
            if migration.rewrite != nil, try db.scalar("SELECT 1 FROM events LIMIT 1") != nil {
                // Rewriting rows takes a while on a large store (10M events: about 34 s): say why nothing shows yet.
                let notice = "lantern: upgrading \(TerminalText.sanitize(path)) (\(migration.name)), once; about 3 s a million events…\n"
                FileHandle.standardError.write(Data(notice.utf8))
            }
            try db.transaction {
                try db.execute(migration.sql)
                try migration.rewrite?(db)
                try db.prepare("INSERT INTO lantern_migrations (name, applied_at) VALUES (?, ?)")
                    .execute([.text(migration.name), .text(Timestamp.string(milliseconds: Store.nowMilliseconds()))])
            }
        }
    }

    /// A bulk load that was cut short (killed, crashed) left events without
    /// their index: build it now, dropping any duplicates.
    private func completeInterruptedBulkLoad() throws {
        guard case .text? = try db.scalar("SELECT value FROM lantern_state WHERE key = 'bulk_load'") else { return }
        try db.transaction { try EventWriter.recoverBulkLoad(self) }
    }

    /// The names of the migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try db.prepare("SELECT name FROM lantern_migrations ORDER BY rowid").query { $0.text(0) ?? "" }
    }

    /// Whether the store holds any finding or event (without counting: a
    /// count of ten million events takes tens of milliseconds).
    public func holdsData() throws -> Bool {
        try db.scalar("SELECT EXISTS (SELECT 1 FROM findings) OR EXISTS (SELECT 1 FROM events)") == .integer(1)
    }

    /// Counts of what the store holds.
    public func counts() throws -> (events: Int, findings: Int, observables: Int) {
        func count(_ table: String) throws -> Int {
            if case .integer(let n)? = try db.scalar("SELECT count(*) FROM \(table)") { return Int(n) }
            return 0
        }
        return (try count("events"), try count("findings"), try count("observables"))
    }

    /// Runs SQLite's integrity check; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        if case .text(let result)? = try db.scalar("PRAGMA integrity_check") { return result }
        return "unknown"
    }

    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

/// Why the store could not be opened or written.
public enum StoreError: Error, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case missing(path: String)
    case corruptRawBlock(block: Int64)
    case corruptPostingList(value: Int64, day: Int64)
    case corruptEventRow(id: Int64)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "cannot create database \(path): \(reason)"
        case .missing(let path): return "no database at \(path)"
        case .corruptRawBlock(let block): return "raw record block \(block) is corrupt"
        case .corruptPostingList(let value, let day):
            return "correlation index row (value \(value), day \(day)) is corrupt; re-ingest into a new database"
        case .corruptEventRow(let id): return "event row \(id) is corrupt; re-ingest into a new database"
        }
    }
}
