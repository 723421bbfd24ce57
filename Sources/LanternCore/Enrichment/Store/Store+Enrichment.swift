import CZstd
import Foundation

/// An enrichment source as kept in the store.
public struct StoredEnrichmentSource: Sendable {
    public var name: String
    public var file: EnrichmentFile
    public var path: String
    public var loadedAt: String
    /// Indicators, ranges or records it holds.
    public var entries: Int
}

/// Enrichment sources (intel lists, ownership tables) live in the store as
/// their original bytes, compressed; the in-memory indexes are built from
/// them when first needed. Reloading a source replaces it and keeps a line
/// of history.
extension Store {
    /// Stores `data` (decompressed file contents) as source `name`, replacing
    /// an earlier copy of that name.
    public func saveEnrichmentSource(
        name: String, file: EnrichmentFile, path: String, entries: Int, data: Data
    ) throws {
        let now = Timestamp.string(milliseconds: Store.nowMilliseconds())
        let compressed = Store.compress(Array(data))
        try db.transaction {
            try db.prepare("DELETE FROM enrichment_sources WHERE name = ?").execute([.text(name)])
            try db.prepare("""
                INSERT INTO enrichment_sources (name, kind, path, loaded_at, entries, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute([.text(name), .text(file.name), .text(path), .text(now), .integer(Int64(entries)),
                              .integer(Int64(data.count)), .blob(compressed)])
            try db.prepare("INSERT INTO enrichment_history (name, kind, path, loaded_at, entries) VALUES (?, ?, ?, ?, ?)")
                .execute([.text(name), .text(file.name), .text(path), .text(now), .integer(Int64(entries))])
        }
    }

    /// The stored enrichment sources, without their data.
    public func enrichmentSources() throws -> [StoredEnrichmentSource] {
        try db.prepare("SELECT name, kind, path, loaded_at, entries FROM enrichment_sources ORDER BY name").query { row in
            StoredEnrichmentSource(
                name: row.text(0) ?? "", file: EnrichmentFile(name: row.text(1) ?? "") ?? .intel(.plainList),
                path: row.text(2) ?? "", loadedAt: row.text(3) ?? "", entries: Int(row.int(4)))
        }
    }

    /// The data of source `name`.
    func enrichmentData(name: String) throws -> Data? {
        let rows: [([UInt8], Int64)] = try db.prepare("SELECT data, size FROM enrichment_sources WHERE name = ?")
            .query([.text(name)]) { row in (row.blob(0), row.int(1)) }
        guard let (compressed, size) = rows.first else { return nil }
        return Store.decompress(compressed, size: Int(size)).map { Data($0) }
    }

    /// Removes source `name`; false when there was none.
    public func removeEnrichmentSource(name: String) throws -> Bool {
        try db.prepare("DELETE FROM enrichment_sources WHERE name = ?").execute([.text(name)])
        return db.changes > 0
    }

    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in ZSTD_compress(dst.baseAddress, bound, src.baseAddress, src.count, 3) }
        }
        guard ZSTD_isError(written) == 0 else { return [] }
        out.removeLast(bound - written)
        return out
    }

    static func decompress(_ bytes: [UInt8], size: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: size)
        let got = out.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in ZSTD_decompress(dst.baseAddress, dst.count, src.baseAddress, src.count) }
        }
        guard ZSTD_isError(got) == 0, got == size else { return nil }
        return out
    }
}
