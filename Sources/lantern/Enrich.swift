import ArgumentParser
import Foundation
import LanternCore

struct Enrich: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reputation (per intel source, and combined) and ownership of a value, offline.",
        discussion: """
            Uses the intel and ownership sources in the database (load them with `lantern ingest` or \
            `lantern intel add`). A value no source knows is "unknown", never "benign".
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: ObservableOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try database.openForEnrichment()
        let observable = try target.observable()
        let enricher = try Enricher(store: store, parts: Enricher.parts(for: observable.kind))
        for problem in enricher.problems { Output.error("enrichment source skipped: \(problem)") }
        let enrichment = enricher.enrich(observable)
        if json {
            Output.json(enrichment.json)
            return
        }
        Output.text(enrichment.text)
    }
}

struct Intel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage intel and ownership sources.",
        subcommands: [IntelAdd.self, IntelList.self, IntelRemove.self])
}

struct IntelAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Load an intel list, STIX bundle, MISP warninglist or ownership table (replacing a source of the same name).")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "The source name (default: from the file, or the name the file declares).")
    var name: String?

    @Option(name: .long, help: ArgumentHelp(
        "The format when it cannot be detected: plain, csv, stix, misp, aws-ip-ranges, pyasn, as-names, geo-csv, mmdb, account-catalog, known-aws-accounts.",
        valueName: "format"))
    var format: String?

    @Argument(help: ArgumentHelp("The file.", valueName: "path"))
    var path: String

    func run() throws {
        let store = try database.open()
        var kind: EnrichmentFile?
        if let format {
            let aliases = ["plain": "intel-plain", "csv": "intel-csv", "stix": "intel-stix", "misp": "intel-misp-warninglist"]
            guard let parsed = EnrichmentFile(name: aliases[format] ?? format) else {
                throw ValidationError("unknown format \(format)")
            }
            kind = parsed
        }
        let outcome: EnrichmentLoader.Outcome
        do {
            outcome = try EnrichmentLoader.load(path: path, into: store, name: name, kind: kind)
        } catch {
            Output.error("\(error)")
            throw ExitCode(65)
        }
        Output.line("\(outcome.name): \(outcome.entries) entries (\(outcome.file.name))")
        for issue in outcome.issues.prefix(20) { Output.error("\(issue)") }
        if !outcome.issues.isEmpty { throw ExitCode(65) }
    }
}

struct IntelList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the loaded sources.")

    @OptionGroup var database: DatabaseOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let sources = try database.openForEnrichment().enrichmentSources()
        if json {
            Output.json(.array(sources.map {
                .object([("name", .string($0.name)), ("kind", .string($0.file.name)), ("entries", .int($0.entries)),
                         ("path", .string($0.path)), ("loadedAt", .string($0.loadedAt))])
            }))
            return
        }
        for source in sources {
            Output.line("\(Output.cell(source.name, 28)) \(Output.cell(source.file.name, 22)) \(Output.cell(String(source.entries), 9)) \(source.loadedAt)  \(source.path)")
        }
    }
}

struct IntelRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a source by name.")

    @OptionGroup var database: DatabaseOptions
    @Argument var name: String

    func run() throws {
        guard try database.openExisting(writing: true).removeEnrichmentSource(name: name) else {
            Output.error("no source named \(name)")
            throw ExitCode.failure
        }
    }
}
