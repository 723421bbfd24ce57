/// The store's migrations: named, ordered and append-only. A released
/// migration is never edited; changes come as new migrations at the end.
enum Schema {
    /// Every migration, in the order they are applied: SQL, then (for
    /// changes SQL cannot make) Swift code, in one transaction.
    static let migrations: [(name: String, sql: String, rewrite: (@Sendable (SQLiteConnection) throws -> Void)?)] = [
        ("v1-core", v1Core, nil),
        ("v2-enrichment", v2Enrichment, nil),
        ("v3-cases", v3Cases, nil),
        ("v4-postings", v4Postings, nil),
        ("v5-packed-event-rows", v5PackedEventRows, packEventRows),
    ]

    /// Event rows keep their thirteen string ids, read-only flag and raw
    /// record location packed in one blob, `fields` (``EventRow``): about
    /// 11 bytes a row less, and one column read instead of sixteen.
    /// The old rows' pages stay in the file as free pages, which later
    /// writes reuse (a 10M-event store took 34 s).
    static let v5PackedEventRows = """
        CREATE TABLE events_packed (
            id INTEGER PRIMARY KEY,
            uid INTEGER NOT NULL,
            time INTEGER NOT NULL,
            event_id BLOB,
            fields BLOB NOT NULL
        );
        """

    /// Copies every event row into `events_packed`, which then takes the name `events`.
    static func packEventRows(_ db: SQLiteConnection) throws {
        let select = try db.prepare("SELECT e.id, e.uid, e.time, e.event_id, \(EventRow.unpackedColumns) FROM events e ORDER BY e.id")
        let insert = try db.prepare("INSERT INTO events_packed (id, uid, time, event_id, fields) VALUES (?, ?, ?, ?, ?)")
        try select.bind([])
        while try select.step() {
            let row = select.row
            insert.reset()
            insert.bind(row.int(0), at: 1)
            insert.bind(row.int(1), at: 2)
            insert.bind(row.int(2), at: 3)
            try insert.bind(row.value(3), at: 4)
            try insert.bind(.blob(EventRow(unpacked: row, from: 4).encoded), at: 5)
            _ = try insert.step()
        }
        select.reset()
        try db.execute("""
            DROP INDEX IF EXISTS events_uid;
            DROP TABLE events;
            ALTER TABLE events_packed RENAME TO events;
            CREATE INDEX events_uid ON events(uid);
            """)
    }

    /// The correlation index packed: rows per value of a UTC day's (event,
    /// time) entries, or of a run of its hours, keyed by the last hour they
    /// cover (``PostingList``), about a fifth of `event_index`'s size. Bulk loads and the folding of
    /// recent entries write here; `event_index` keeps the entries added one
    /// by one since (live ingest, sync), and reads take both.
    ///
    /// `uid` becomes 31 bits of the eventID's hash (4 bytes instead of 8,
    /// in the row and in `events_uid`); events sharing one are told apart
    /// by `event_id`, so the index is no longer unique.
    static let v4Postings = """
        DROP INDEX IF EXISTS events_uid;
        UPDATE events SET uid = uid & 2147483647 WHERE event_id IS NOT NULL;
        CREATE INDEX events_uid ON events(uid);
        CREATE TABLE event_postings (
            value INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (value, hour)
        ) WITHOUT ROWID;
        """

    /// Enrichment sources: the original file bytes (zstd) per source name,
    /// and every load in the history.
    static let v2Enrichment = """
        CREATE TABLE enrichment_sources (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            path TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            entries INTEGER NOT NULL,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE TABLE enrichment_history (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            path TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            entries INTEGER NOT NULL
        );
        """

    /// Strings are dictionary-encoded: events hold integer ids of their
    /// sources, names, IPs, agents, ARNs and keys, which keeps rows small
    /// and makes one correlation index (`event_index`) serve every
    /// observable kind. Credentials an event minted go to
    /// `credential_issues` (the chain), identity facts (principal IDs of a
    /// user, the role of a session) to `identity_links`. Raw CloudTrail
    /// records are kept losslessly, zstd-compressed in blocks with a
    /// dictionary trained on the data.
    static let v1Core = """
        CREATE TABLE strings (
            id INTEGER PRIMARY KEY,
            value TEXT NOT NULL UNIQUE
        );
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            kind TEXT NOT NULL,
            records INTEGER NOT NULL,
            stored INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX sources_path ON sources(path);
        CREATE TABLE raw_dictionaries (
            id INTEGER PRIMARY KEY,
            data BLOB NOT NULL
        );
        CREATE TABLE raw_blocks (
            id INTEGER PRIMARY KEY,
            codec INTEGER NOT NULL,
            dictionary INTEGER REFERENCES raw_dictionaries(id),
            count INTEGER NOT NULL CHECK (count > 0),
            data BLOB NOT NULL
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            uid INTEGER NOT NULL,
            time INTEGER NOT NULL,
            event_id BLOB,
            source INTEGER,
            name INTEGER,
            ip INTEGER,
            user_agent INTEGER,
            error_code INTEGER,
            region INTEGER,
            recipient INTEGER,
            identity_type INTEGER,
            arn INTEGER,
            access_key INTEGER,
            principal_id INTEGER,
            account INTEGER,
            issuer INTEGER,
            read_only INTEGER,
            block INTEGER NOT NULL,
            slot INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX events_uid ON events(uid);
        CREATE TABLE event_index (
            value INTEGER NOT NULL,
            time INTEGER NOT NULL,
            event INTEGER NOT NULL,
            PRIMARY KEY (value, time, event)
        ) WITHOUT ROWID;
        CREATE TABLE credential_issues (
            value INTEGER NOT NULL,
            time INTEGER NOT NULL,
            event INTEGER NOT NULL,
            PRIMARY KEY (value, time, event)
        ) WITHOUT ROWID;
        CREATE TABLE identity_links (
            identity INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            other INTEGER NOT NULL,
            PRIMARY KEY (identity, kind, other)
        ) WITHOUT ROWID;
        CREATE TABLE lantern_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE findings (
            id TEXT PRIMARY KEY,
            format TEXT NOT NULL CHECK (format IN ('asff', 'guardduty')),
            product TEXT NOT NULL,
            type TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT,
            severity_label TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 100),
            account TEXT,
            region TEXT,
            created TEXT,
            updated TEXT,
            first_seen TEXT,
            last_seen TEXT,
            resource_type TEXT,
            resource_id TEXT,
            principal TEXT,
            status TEXT,
            raw TEXT NOT NULL,
            source INTEGER REFERENCES sources(id)
        );
        CREATE INDEX findings_updated ON findings(updated);
        CREATE TABLE observables (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            UNIQUE (kind, value)
        );
        CREATE TABLE finding_observables (
            finding TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
            observable INTEGER NOT NULL REFERENCES observables(id),
            path TEXT NOT NULL,
            UNIQUE (finding, observable, path)
        );
        CREATE INDEX finding_observables_observable ON finding_observables(observable);
        """

    /// Cases: a case groups findings; per case, analyst verdicts on its
    /// findings, timestamped notes, tags, and evidence (a starred event by
    /// eventID, or an observable by kind and value) with the pivot trail
    /// (JSON) that led to it. Findings are named by id without a foreign
    /// key, so a case imported before its findings keeps them.
    static let v3Cases = """
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            analyst TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            verdict TEXT NOT NULL DEFAULT 'undecided' CHECK (verdict IN
                ('true-positive', 'false-positive', 'benign', 'needs-escalation', 'undecided'))
        );
        CREATE TABLE case_findings (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            finding TEXT NOT NULL,
            added TEXT NOT NULL,
            PRIMARY KEY (case_id, finding)
        );
        CREATE INDEX case_findings_finding ON case_findings(finding);
        CREATE TABLE case_verdicts (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            finding TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN
                ('true-positive', 'false-positive', 'benign', 'needs-escalation', 'undecided')),
            analyst TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (case_id, finding)
        );
        CREATE TABLE case_notes (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            finding TEXT,
            analyst TEXT NOT NULL,
            time TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX case_notes_case ON case_notes(case_id, time);
        CREATE TABLE case_tags (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            finding TEXT NOT NULL DEFAULT '',
            tag TEXT NOT NULL,
            PRIMARY KEY (case_id, finding, tag)
        );
        CREATE TABLE case_evidence (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('event', 'observable')),
            event_id TEXT,
            observable_kind TEXT,
            observable_value TEXT,
            trail TEXT NOT NULL,
            analyst TEXT NOT NULL,
            time TEXT NOT NULL,
            CHECK ((kind = 'event' AND event_id IS NOT NULL)
                OR (kind = 'observable' AND observable_kind IS NOT NULL AND observable_value IS NOT NULL))
        );
        CREATE UNIQUE INDEX case_evidence_item
            ON case_evidence(case_id, kind, coalesce(event_id, ''), coalesce(observable_kind, ''), coalesce(observable_value, ''));
        """
}
