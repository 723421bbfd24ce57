import Foundation
import Testing

@testable import LanternCore

/// Paths, temporary databases and helper processes for the tests.
enum TestSupport {
    /// The package root (found from this file's path).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` beside the checkout; the tests that need it fail loudly without it.
    static func sharedData(_ relative: String) throws -> String {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/\(relative)").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw TestFailure("shared sample data missing at \(path): these tests need ../shared/data beside the checkout")
        }
        return path
    }

    /// A fresh temporary directory, removed by the caller when it likes.
    static func temporaryDirectory() throws -> URL {
        try TemporaryRoot.directory()
    }

    /// A new store in a temporary directory.
    static func temporaryStore() throws -> (Store, URL) {
        let directory = try temporaryDirectory()
        let store = try Store(path: directory.appendingPathComponent("test.db").path)
        return (store, directory)
    }

    /// Runs a program and returns its exit status, standard output and
    /// standard error (one runner for every test: ``LiveTestSupport/run``,
    /// with a ten-minute deadline past which the child is killed).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil)
        throws -> (status: Int32, stdout: String, stderr: String)
    {
        try LiveTestSupport.run(executable, arguments, environment: environment, timeout: 600)
    }

    /// The independent ground truth of `scripts/ground_truth.py` (Python, no project code).
    static func groundTruth(_ command: String, _ paths: [String]) throws -> [String: Any] {
        let script = packageRoot.appendingPathComponent("scripts/ground_truth.py").path
        let result = try run("/usr/bin/env", ["python3", script, command] + paths)
        guard result.status == 0 else { throw TestFailure("ground_truth.py failed: \(result.stderr)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw TestFailure("ground_truth.py printed no JSON object")
        }
        return object
    }

    /// The built `lantern` binary (built by `swift build` before `swift test`).
    static func lanternBinary() throws -> String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("lantern").path,
            packageRoot.appendingPathComponent(".build/debug/lantern").path,
        ]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestFailure("the lantern binary is not built (looked in \(candidates))")
        }
        return path
    }
}

/// A test failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
