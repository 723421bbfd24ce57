import Foundation

/// The sample data bundled with Lantern, and building a database from it.
public enum DemoData {
    /// The folder of bundled demo files (`cloudtrail/`, `findings/`, `intel/`, `ownership/`).
    public static var directory: String? {
        Bundle.module.url(forResource: "demo", withExtension: nil)?.path
    }

    /// Where `lantern demo` writes its database by default.
    public static var defaultDatabasePath: String {
        ((Store.defaultPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("demo.db")
    }

    /// Builds a fresh demo database at `path` (replacing one there).
    public static func build(at path: String) throws -> IngestReport {
        guard let directory else { throw StoreError.missing(path: "bundled demo data") }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        let store = try Store(path: path)
        let ingestor = try Ingestor(store: store)
        let paths = ["cloudtrail", "findings", "intel", "ownership"].map { (directory as NSString).appendingPathComponent($0) }
        return try ingestor.ingest(paths: paths)
    }
}
