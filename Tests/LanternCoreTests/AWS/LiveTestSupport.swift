import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@testable import LanternCore

/// Helpers for the live-source tests: blocking work off the cooperative pool,
/// child processes with hard deadlines, plain HTTP with timeouts.
enum LiveTestSupport {
    /// Runs blocking work (AWS clients, SQLite, processes) on its own thread,
    /// so a slow or stuck call never starves Swift's cooperative pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await AWSBackground.run { _ in try work() }
    }

    /// A free TCP port on 127.0.0.1 (bound and released; callers retry if it is taken meanwhile).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestFailure("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestFailure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// One HTTP exchange with a hard timeout (blocking: call through ``blocking(_:)``).
    static func http(
        _ method: String, _ url: String, headers: [(name: String, value: String)] = [], body: Data? = nil,
        timeout: TimeInterval = 10
    ) throws -> (status: Int, body: Data) {
        guard let target = URL(string: url) else { throw TestFailure("bad URL \(url)") }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        for header in headers where header.name.lowercased() != "host" {
            request.setValue(header.value, forHTTPHeaderField: header.name)
        }
        request.httpBody = body
        let box = HTTPResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.finish(status: (response as? HTTPURLResponse)?.statusCode, data: data, error: error)
        }
        task.resume()
        guard let result = box.wait(timeout: timeout + 2) else {
            task.cancel()
            throw TestFailure("\(method) \(url) did not answer within \(Int(timeout)) s")
        }
        if let error = result.error { throw TestFailure("\(method) \(url): \(error.localizedDescription)") }
        guard let status = result.status else { throw TestFailure("\(method) \(url): no HTTP status") }
        return (status, result.data ?? Data())
    }

    /// Runs `executable` with a hard deadline: past it the child gets SIGKILL
    /// and the test fails instead of hanging (blocking: call through ``blocking(_:)``).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 45,
        whileRunning: ((Int32) throws -> Void)? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let outData = LockedData()
        let errData = LockedData()
        let readers = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            readers.enter()
            Thread {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                readers.leave()
            }.start()
        }
        do {
            try whileRunning?(process.processIdentifier)
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw error
        }
        if exited.wait(timeout: .now() + timeout) != .success {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
            _ = readers.wait(timeout: .now() + 5)
            throw TestFailure("\((executable as NSString).lastPathComponent) \(arguments.prefix(3).joined(separator: " ")) "
                + "did not finish within \(Int(timeout)) s (killed); stderr: \(String(decoding: errData.get(), as: UTF8.self))")
        }
        _ = readers.wait(timeout: .now() + 5)
        return (process.terminationStatus, String(decoding: outData.get(), as: UTF8.self),
                String(decoding: errData.get(), as: UTF8.self))
    }

    /// Runs the `lantern` binary with a clean AWS environment plus `environment`.
    static func lantern(
        _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 45,
        whileRunning: (@Sendable (Int32) throws -> Void)? = nil
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try lanternBinary()
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        // Never read the developer's real ~/.aws: each test gives its own HOME.
        env["HOME"] = "/nonexistent-lantern-test-home"
        for (key, value) in environment { env[key] = value }
        let childEnvironment = env
        return try await blocking {
            try run(binary, arguments, environment: childEnvironment, timeout: timeout, whileRunning: whileRunning)
        }
    }

    /// The `lantern` built beside this test binary (so `--scratch-path` builds test their own
    /// binary), else ``TestSupport/lanternBinary()``.
    static func lanternBinary() throws -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // macOS runs tests from inside an .xctest bundle.
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        let beside = directory.appendingPathComponent("lantern").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return try TestSupport.lanternBinary()
    }

    /// A fresh temporary directory with a database path inside it.
    static func temporaryDatabase() throws -> (directory: URL, path: String) {
        let directory = try TestSupport.temporaryDirectory()
        return (directory, directory.appendingPathComponent("lantern.db").path)
    }

    /// Fails loudly unless `python3 -c "import <modules>"` works.
    static func requirePython(_ modules: [String], install: String) throws {
        let result = try run("/usr/bin/env", ["python3", "-c", "import " + modules.joined(separator: ", ")], timeout: 60)
        guard result.status == 0 else {
            throw TestFailure("python3 cannot import \(modules.joined(separator: ", ")): \(install) "
                + "(these tests fail, never skip, without them)\n\(result.stderr)")
        }
    }

    /// Options for clients in tests: a short timeout, few retries, no real sleeping.
    static var clientOptions: AWSClient.Options {
        var options = AWSClient.Options()
        options.timeout = 15
        options.maxAttempts = 3
        options.sleep = { _ in }
        return options
    }
}

/// A child process killed with SIGKILL when stopped, and at the latest when the test process exits.
final class ChildProcess: @unchecked Sendable {
    let process: Process

    init(_ process: Process) {
        self.process = process
        ChildProcess.register(process.processIdentifier)
    }

    /// SIGKILL and reap. Safe to call twice.
    func stop() {
        let pid = process.processIdentifier
        if process.isRunning { kill(pid, SIGKILL) }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        ChildProcess.unregister(pid)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pids: Set<Int32> = []
    nonisolated(unsafe) private static var installed = false

    private static func register(_ pid: Int32) {
        lock.lock()
        defer { lock.unlock() }
        pids.insert(pid)
        if !installed {
            installed = true
            atexit { ChildProcess.killAll() }
        }
    }

    private static func unregister(_ pid: Int32) {
        lock.lock()
        pids.remove(pid)
        lock.unlock()
    }

    static func killAll() {
        lock.lock()
        let all = pids
        pids = []
        lock.unlock()
        for pid in all { kill(pid, SIGKILL) }
    }
}

private final class HTTPResultBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: (status: Int?, data: Data?, error: Error?)?

    func finish(status: Int?, data: Data?, error: Error?) {
        lock.lock()
        result = (status, data, error)
        lock.unlock()
        semaphore.signal()
    }

    func wait(timeout: TimeInterval) -> (status: Int?, data: Data?, error: Error?)? {
        guard semaphore.wait(timeout: .now() + timeout) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
