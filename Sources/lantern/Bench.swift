import ArgumentParser
import Foundation
import LanternCore

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures, side by side with DuckDB when Python's duckdb is installed.",
        discussion: "Run a release build (swift build -c release). Figures are noisy on a shared machine: read the ratios.",
        subcommands: [BenchCorpus.self, BenchIngest.self, BenchQuery.self, BenchEnrich.self, BenchTUI.self])
}

struct BenchCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Generate an S3-layout .json.gz CloudTrail tree from the bundled real records.")

    @Option(name: .long, help: "How many events.") var events = 100_000
    @Option(name: .long, help: ArgumentHelp("Where to write the tree.", valueName: "dir")) var out: String
    @Option(name: .long, help: "Random seed (the same seed gives the same corpus).") var seed: UInt64 = 42

    func run() throws {
        guard let demo = DemoData.directory else { throw CLIError.runtime("bundled demo data not found") }
        var templates: [JSONValue] = []
        let stream = { (path: String) throws in
            let records = RecordStream(source: try openByteSource(path: path))
            records.forEachRecord({ bytes, _, _ in
                if let value = try? JSONValue.parse(bytes) { templates.append(value) }
            }, problem: { _ in })
        }
        let enumerator = FileManager.default.enumerator(atPath: demo + "/cloudtrail")
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".json.gz") { try stream(demo + "/cloudtrail/" + name) }
        }
        let started = Date()
        let result = try CorpusGenerator(events: events, seed: seed).write(to: out, templates: templates)
        Output.line("wrote \(result.events) events in \(result.files) files: \(result.bytesCompressed) bytes gzip, "
            + "\(result.bytesJSON) bytes JSON, in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

struct BenchIngest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Ingest a corpus with Lantern (and DuckDB), print events/s, MB/s, peak RSS, size.")

    @Option(name: .long, help: ArgumentHelp("The corpus tree.", valueName: "dir")) var corpus: String
    @Option(name: .long, help: ArgumentHelp("Where to put the databases.", valueName: "dir")) var work: String
    @Flag(name: .long, help: "Skip the DuckDB side.") var noDuckdb = false

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let gzip = ResourceUsage.diskBytes(corpus)
        let db = work + "/lantern.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ResourceUsage.executablePath)
        process.arguments = ["ingest", "--db", db, "--json", corpus]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try JSONValue.parse(Array(data))
        let events = report[path: "events", "stored"]?.intValue ?? 0
        let seconds = report["seconds"]?.doubleValue ?? 0
        let size = ["", "-wal"].reduce(Int64(0)) { $0 + ResourceUsage.diskBytes(db + $1) }
        Output.line("corpus: \(events) events, \(gzip / 1_000_000) MB gzip")
        func line(_ name: String, _ events: Int, _ seconds: Double, _ rss: Int64, _ bytes: Int64) {
            let figures = String(
                format: "%8.2f s  %9.0f events/s  %7.1f MB/s gz  peak RSS %5lld MB  store %6lld MB = %.2f× gzip",
                seconds, Double(events) / max(seconds, 1e-9), Double(gzip) / 1e6 / max(seconds, 1e-9),
                rss / 1_000_000, bytes / 1_000_000, Double(bytes) / Double(max(gzip, 1)))
            Output.line(Output.cell(name, 8) + " " + figures)
        }
        line("lantern", events, seconds, Int64(report["peakRSS"]?.doubleValue ?? 0), size)
        guard !noDuckdb else { return }
        guard DuckDBPeer.isAvailable else {
            Output.line("duckdb: not installed (pip install duckdb) — no side-by-side figures")
            return
        }
        let duck = try DuckDBPeer.ingest(corpus: corpus, database: work + "/duckdb.db")
        let duckSeconds = duck["seconds"]?.doubleValue ?? 0
        line("duckdb", duck["events"]?.intValue ?? 0, duckSeconds, Int64(duck["peakRSS"]?.doubleValue ?? 0),
             Int64(duck["bytes"]?.doubleValue ?? 0))
        Output.line(String(format: "ratio: Lantern ingests %.2f× DuckDB's events/s", duckSeconds / max(seconds, 1e-9)))
    }
}

struct BenchQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Activity queries (key, ARN, IP, ±1 h) on databases built by `bench ingest`: p50/p99.")

    @Option(name: .long, help: ArgumentHelp("The folder `bench ingest` wrote.", valueName: "dir")) var work: String
    @Option(name: .long, help: "Queries per kind.") var count = 200
    @Flag(name: .long, help: "Skip the DuckDB side.") var noDuckdb = false
    @Option(name: .long, help: "Also list this many slowest Lantern queries (kind, rows, ms).") var slowest = 0
    @Flag(name: .long, help: "Skip reading the database files once before timing.") var noWarm = false

    func run() throws {
        let useDuck = !noDuckdb && DuckDBPeer.isAvailable && FileManager.default.fileExists(atPath: work + "/duckdb.db")
        if !noWarm {
            // This machine's page cache drops files between runs: start both sides with theirs read once.
            for path in [work + "/lantern.db"] + (useDuck ? [work + "/duckdb.db"] : []) { try BenchQuery.readThrough(path) }
        }
        let store = try Store(path: work + "/lantern.db", readOnly: true)
        let samples = try store.sampleEvents(count: count, seed: 7)
        let correlator = Correlator(store: store)
        var specs: [(kind: String, column: String, value: String, window: TimeWindow)] = []
        for event in samples {
            let window = TimeWindow.around(event.time, before: 3_600_000, after: 3_600_000)
            if let key = event.accessKeyId { specs.append(("key", "accessKeyId", key, window)) }
            if let arn = event.arn { specs.append(("arn", "arn", arn, window)) }
            if let ip = event.sourceIPAddress { specs.append(("ip", "sourceIPAddress", ip, window)) }
        }
        var timed: [(seconds: Double, kind: String, rows: Int, value: String)] = []
        for spec in specs {
            guard let observable = Observable(detecting: spec.value) else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            let activity = try correlator.activity(of: observable, in: spec.window)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            timed.append((seconds, spec.kind, activity.events.count, spec.value))
        }
        var duck: [String: [Double]] = [:]
        if useDuck {
            let result = try DuckDBPeer.query(database: work + "/duckdb.db", queries: specs.map {
                ($0.column, $0.value, $0.window.from, $0.window.to)
            })
            let latencies = result["latencies"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            for (spec, latency) in zip(specs, latencies) { duck[spec.kind, default: []].append(latency) }
        }
        let percentile = Percentile.of
        Output.line("activity ±1 h, \(try store.counts().events) events in store")
        for kind in ["key", "arn", "ip"] {
            let ofKind = timed.filter { $0.kind == kind }
            let l = ofKind.map(\.seconds)
            let meanRows = Double(ofKind.map(\.rows).reduce(0, +)) / Double(max(l.count, 1))
            var text = String(format: "%@ lantern p50 %.3f ms  p99 %.3f ms  (%d queries, %.0f rows avg)",
                              Output.cell(kind, 4), percentile(l, 0.5) * 1000, percentile(l, 0.99) * 1000, l.count, meanRows)
            if let d = duck[kind], !d.isEmpty {
                text += String(format: "  |  duckdb p50 %.3f ms  p99 %.3f ms  → %.1f× faster (p50)",
                               percentile(d, 0.5) * 1000, percentile(d, 0.99) * 1000,
                               percentile(d, 0.5) / max(percentile(l, 0.5), 1e-9))
            }
            Output.line(text)
        }
        for query in timed.sorted(by: { $0.seconds > $1.seconds }).prefix(slowest) {
            Output.line(String(format: "slow: %@ %8.3f ms %6d rows  %@", Output.cell(query.kind, 4), query.seconds * 1000,
                               query.rows, query.value))
        }
    }
}

extension BenchQuery {
    /// Reads the file at `path` once, in 4 MB pieces, to put it in the page cache.
    static func readThrough(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CLIError.runtime("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}

struct BenchEnrich: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich",
        abstract: "IP reputation + ownership lookups per second with the database's intel and ownership sources loaded.",
        discussion: """
            Load the sources first, e.g. `lantern ingest --db X ../shared/data/intel ../shared/data/ownership`. \
            Also times loading a generated list of --list-size indicators.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: "Lookups to time.") var lookups = 2_000_000
    @Option(name: .long, help: "Indicators in the generated list whose load is timed (0 to skip).") var listSize = 2_000_000

    func run() throws {
        let store = try database.open()
        var started = DispatchTime.now().uptimeNanoseconds
        let enricher = try Enricher(store: store)
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let sourceCount = enricher.sources.count
        Output.line(String(format: "loaded %d sources in %.2f s (parse + index)", sourceCount, loadSeconds))
        var rng = SplitMix64(seed: 11)
        let addresses = (0..<min(lookups, 1 << 20)).map { _ in IPAddress(v4: UInt32(truncatingIfNeeded: rng.next())) }
        // Fast path: combined verdict + ownership facts, as the TUI's list glyphs need.
        var sink = 0
        started = DispatchTime.now().uptimeNanoseconds
        for i in 0..<lookups {
            let address = addresses[i % addresses.count]
            let verdict = enricher.reputation.verdict(for: address)
            let facts = enricher.ownership.quickFacts(address)
            sink &+= verdict.rank &+ facts.aws &+ Int(truncatingIfNeeded: facts.asn)
        }
        let fastSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        Output.line(String(format: "verdict + ownership facts: %.0f lookups/s on one core (%.0f ns each)",
                           Double(lookups) / fastSeconds, fastSeconds / Double(lookups) * 1e9))
        // Full answers with every string, as `lantern enrich` and the panes show them.
        let full = min(lookups, 200_000)
        started = DispatchTime.now().uptimeNanoseconds
        for i in 0..<full {
            guard let observable = Observable(kind: .ipv4, addresses[i].description) else { continue }
            sink &+= enricher.enrich(observable).reputation?.sources.count ?? 0
        }
        let fullSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        Output.line(String(format: "full enrichment (reputation per source + ownership strings): %.0f lookups/s", Double(full) / fullSeconds))
        if listSize > 0 {
            var text = "# generated\n"
            text.reserveCapacity(listSize * 16)
            for _ in 0..<listSize {
                let v = UInt32(truncatingIfNeeded: rng.next())
                text += "\(v >> 24).\((v >> 16) & 0xff).\((v >> 8) & 0xff).\(v & 0xff)\t\(v % 9 + 1)\n"
            }
            let data = Data(text.utf8)
            started = DispatchTime.now().uptimeNanoseconds
            let parsed = try IntelParser.parse(data, fileName: "generated.txt", format: .plainList)
            var index = ReputationIndex()
            index.load(IntelSource(name: "generated", format: .plainList, count: parsed.indicators.count), indicators: parsed.indicators)
            let listSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            Output.line(String(format: "a %d-indicator list loads (parse + index) in %.2f s", parsed.indicators.count, listSeconds))
            sink &+= index.sources.count
        }
        if sink == 42 { Output.line("") }  // Keeps the loops from being optimised away.
    }
}
