import ArgumentParser
import LanternCore

struct Findings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List findings, most severe first.")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print a JSON array of findings.")
    var json = false

    func run() throws {
        let store = try database.openExisting()
        let findings = try store.findings()
        if json {
            Output.json(.array(findings.map(\.summaryJSON)))
            return
        }
        Output.line("\(Output.cell("SEVERITY", 13)) \(Output.cell("UPDATED", 20)) \(Output.cell("ACCOUNT", 12)) "
            + "\(Output.cell("TYPE", 40)) TITLE")
        for finding in findings {
            Output.line("\(Output.cell(finding.severityLabel, 13)) \(Output.cell(finding.updated ?? "-", 20)) "
                + "\(Output.cell(finding.account ?? "-", 12)) \(Output.cell(finding.type, 40)) \(finding.title)")
        }
        Output.line("\(findings.count) findings")
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one finding: its fields, observables and original record.")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Argument(help: ArgumentHelp("The finding's Id.", valueName: "finding-id"))
    var id: String

    func run() throws {
        let store = try database.openExisting()
        guard let finding = try store.finding(id: id) else {
            Output.error("no finding with Id \(id)")
            throw ExitCode.failure
        }
        if json {
            Output.json(finding.detailJSON)
            return
        }
        Output.line("\(finding.severityLabel) (\(finding.severity))  \(finding.title)")
        Output.line("id:        \(finding.id)")
        Output.line("product:   \(finding.product)   type: \(finding.type)")
        Output.line("account:   \(finding.account ?? "-")   region: \(finding.region ?? "-")   status: \(finding.status ?? "-")")
        Output.line("seen:      \(finding.firstSeen ?? "-") … \(finding.lastSeen ?? "-")   updated: \(finding.updated ?? "-")")
        Output.line("resource:  \(finding.resourceType ?? "-") \(finding.resourceId ?? "")")
        if let principal = finding.principal { Output.line("principal: \(principal)") }
        if let description = finding.description {
            Output.line("")
            Output.text(description)
        }
        Output.line("")
        Output.line("observables:")
        for item in finding.observables {
            Output.line("  \(Output.cell(item.observable.kind.label, 13)) \(item.observable.value)   (\(item.path))")
        }
        Output.line("")
        Output.line("original record:")
        Output.text(JSONWriter(pretty: true).string((try? JSONValue.parse(finding.raw)) ?? .string(finding.raw)))
    }
}
