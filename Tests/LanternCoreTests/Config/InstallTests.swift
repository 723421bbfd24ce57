import Foundation
import Testing

@testable import LanternCore

/// Shell completions, the man page, and `scripts/install.sh` end to end.
@Suite(.serialized) struct InstallTests {
    /// The path of `tool` on PATH; a missing tool fails the test loudly.
    static func tool(_ name: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TestFailure("\(name) is not installed: run scripts/install-deps.sh")
    }

    /// How each shell checks a script without running it.
    static let shells: [(shell: String, check: [String])] = [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["--no-execute"])]

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptIsGeneratedAndParses(_ shell: String) throws {
        let binary = try TestSupport.lanternBinary()
        let result = try TestSupport.run(binary, ["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        // Every subcommand is completed, the ones added for configuration included.
        for command in ["ingest", "findings", "activity", "case", "config", "keys"] {
            #expect(result.stdout.contains(command), "\(shell) completion lacks \(command)")
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("lantern.\(shell)")
        try Data(result.stdout.utf8).write(to: script)
        try Self.expectParses(script.path, shell: shell)
    }

    static func expectParses(_ path: String, shell: String) throws {
        let check = try #require(shells.first(where: { $0.shell == shell })?.check)
        let parsed = try TestSupport.run(try tool(shell), check + [path])
        #expect(parsed.status == 0, "\(shell) rejects \(path): \(parsed.stderr)")
        #expect(parsed.stderr.isEmpty, "\(shell): \(parsed.stderr)")
    }

    @Test func installIntoATemporaryPrefixRunsAndUninstallsCleanly() throws {
        let binary = try TestSupport.lanternBinary()
        let prefix = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/install.sh").path
        let environment = ProcessInfo.processInfo.environment
        // Something of the user's in the prefix that uninstall must leave alone.
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: prefix.appendingPathComponent("bin/other-tool"))

        let install = try TestSupport.run(script, ["--prefix", prefix.path, "--binary", binary], environment: environment)
        #expect(install.status == 0, "\(install.stdout)\n\(install.stderr)")
        let expected = [
            "bin/lantern", "bin/other-tool", "share/bash-completion/completions/lantern",
            "share/fish/vendor_completions.d/lantern.fish", "share/man/man1/lantern.1", "share/zsh/site-functions/_lantern",
        ]
        #expect(try Self.files(under: prefix) == expected)

        // The installed binary runs.
        let installed = prefix.appendingPathComponent("bin/lantern").path
        let version = try TestSupport.run(installed, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == (try TestSupport.run(binary, ["--version"])).stdout)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == LanternVersion.current)
        let db = prefix.appendingPathComponent("data/demo.db").path
        let demo = try TestSupport.run(installed, ["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout == db + "\n")
        #expect(try Store(path: db, readOnly: true).counts().findings > 0)

        // Completions parse; the man page renders without warnings and documents the commands.
        try Self.expectParses(prefix.appendingPathComponent("share/bash-completion/completions/lantern").path, shell: "bash")
        try Self.expectParses(prefix.appendingPathComponent("share/zsh/site-functions/_lantern").path, shell: "zsh")
        try Self.expectParses(prefix.appendingPathComponent("share/fish/vendor_completions.d/lantern.fish").path, shell: "fish")
        let page = prefix.appendingPathComponent("share/man/man1/lantern.1").path
        let groff = try TestSupport.run(try Self.tool("groff"), ["-mandoc", "-Tutf8", "-ww", "-z", page])
        #expect(groff.status == 0 && groff.stderr.isEmpty, "groff: \(groff.stderr)")
        let man = try TestSupport.run(try Self.tool("man"), ["--warnings", "-P", "cat", "-l", page],
                                      environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                                    "MANWIDTH": "100", "LANG": "C.UTF-8"])
        #expect(man.status == 0 && man.stderr.isEmpty, "man: \(man.stderr)")
        for text in ["lantern", "ingest", "config", "keys", "--db", "tui.clipboard", "LANTERN_CONFIG"] {
            #expect(man.stdout.contains(text), "the man page lacks \(text)")
        }
        // MANPATH-style lookup through the prefix finds it too.
        let byName = try TestSupport.run(try Self.tool("man"), ["-M", prefix.appendingPathComponent("share/man").path, "-P", "cat", "lantern"],
                                         environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(byName.status == 0 && byName.stdout.contains("ingest"), "\(byName.stderr)")

        // Uninstall removes exactly what install wrote.
        let uninstall = try TestSupport.run(script, ["--prefix", prefix.path, "--uninstall"], environment: environment)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(try Self.files(under: prefix) == ["bin/other-tool"])
    }

    @Test func installRejectsUnknownArgumentsAndMissingBinaries() throws {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/install.sh").path
        let unknown = try TestSupport.run(script, ["--prefx", "/tmp/x"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown argument: --prefx"))
        let missing = try TestSupport.run(script, ["--prefix", "/tmp/lantern-never", "--binary", "/nonexistent/lantern"])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/lantern-never"))
    }

    /// Regular files under `directory` (except the demo data the test made), relative and sorted.
    static func files(under directory: URL) throws -> [String] {
        let base = directory.resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
               !relative.hasPrefix("data/") {
                files.append(relative)
            }
        }
        return files.sorted()
    }
}
