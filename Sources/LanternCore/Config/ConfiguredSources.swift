import Foundation

/// Loads the intel, ownership and account-catalog files named in the settings
/// (`sources.intel`, `sources.ownership`, `sources.accounts`) into the store
/// when they are not there yet or the file changed since it was loaded.
public enum ConfiguredSources {
    /// What a sync did.
    public struct Report: Equatable, Sendable {
        /// `name: N entries` for each file (re)loaded.
        public var loaded: [String] = []
        /// Files that could not be loaded, and problems inside loaded ones.
        public var problems: [String] = []

        /// Makes a report.
        public init(loaded: [String] = [], problems: [String] = []) {
            self.loaded = loaded
            self.problems = problems
        }
    }

    /// The files the settings name, in order, without repeats.
    public static func paths(_ settings: Settings) -> [String] {
        var seen = Set<String>()
        return (settings.intelSources + settings.ownershipSources + (settings.accountCatalog.map { [$0] } ?? []))
            .filter { seen.insert($0).inserted }
    }

    /// Loads what is new or changed into `store`.
    public static func sync(_ settings: Settings, into store: Store) -> Report {
        var report = Report()
        let paths = paths(settings)
        guard !paths.isEmpty else { return report }
        let stored: [StoredEnrichmentSource]
        do {
            stored = try store.enrichmentSources()
        } catch {
            report.problems.append("cannot list the loaded sources: \(error)")
            return report
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                report.problems.append("\(path): no such file (named in the configuration)")
                continue
            }
            if let source = stored.first(where: { $0.path == path }), let loadedAt = Timestamp.milliseconds(source.loadedAt),
               let modified = modificationSeconds(path), modified <= loadedAt / 1000
            {
                continue
            }
            do {
                let outcome = try EnrichmentLoader.load(path: path, into: store)
                report.loaded.append("\(outcome.name): \(outcome.entries) entries")
                report.problems += outcome.issues.map { "\($0)" }
            } catch {
                report.problems.append("\(path): \(error)")
            }
        }
        return report
    }

    /// The file's modification time in whole seconds (the store keeps `loadedAt` in whole seconds).
    private static func modificationSeconds(_ path: String) -> Int64? {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
