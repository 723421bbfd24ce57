import ArgumentParser
import Foundation
import LanternCore
import LanternTUI

struct BenchTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Keypress → frame in-process on a real store: p50/p99 per kind of key, and key → frame with its data.",
        discussion: """
            Use the database `bench ingest` built (e.g. --db WORK/lantern.db with 1M events); findings naming \
            its principals, keys and IPs are generated and ingested until it holds --findings. The same script \
            runs in the real binary in tmux with scripts/bench-tui-tmux.sh.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: "Findings the store should hold (generated from its events when short).") var findings = 10_000
    @Option(name: .long, help: "Terminal columns.") var width = 120
    @Option(name: .long, help: "Terminal rows.") var height = 40

    func run() throws {
        let store = try database.open()
        let counts = try store.counts()
        if counts.findings < findings {
            let path = NSTemporaryDirectory() + "lantern-bench-findings-\(ProcessInfo.processInfo.processIdentifier).json"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let written = try FindingGenerator(count: findings - counts.findings).write(to: path, store: store)
            let report = try Ingestor(store: store).ingest(paths: [path])
            Output.line("generated \(written) findings, stored \(report.findings.stored)")
        }
        let started = Date()
        let benchmark = FrameBenchmark(databasePath: store.path, width: width, height: height)
        Output.line(String(format: "store: %d events, %d findings; first frame with the list in %.0f ms (%d×%d)",
                           try store.counts().events, benchmark.findingCount, Date().timeIntervalSince(started) * 1000, width, height))
        let samples = benchmark.run(FrameBenchmark.triageScript(findings: benchmark.findingCount))
        func line(_ label: String, _ values: [Double]) -> String {
            String(format: "%@ n=%-4d p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms", Output.cell(label, 18), values.count,
                   Percentile.of(values, 0.5) * 1000, Percentile.of(values, 0.99) * 1000, (values.max() ?? 0) * 1000)
        }
        Output.line("key → frame (reducer + compose + diff; the budget is 16 ms):")
        Output.line("  " + line("all keys", samples.map(\.input)))
        var order: [String] = []
        for sample in samples where !order.contains(sample.label) { order.append(sample.label) }
        for label in order { Output.line("  " + line(label, samples.filter { $0.label == label }.map(\.input))) }
        Output.line("key → frame with its data (queries and enrichment on the store, run in the background by the TUI):")
        for label in order {
            let data = samples.filter { $0.label == label }.compactMap(\.data)
            if !data.isEmpty { Output.line("  " + line(label, data)) }
        }
    }
}
