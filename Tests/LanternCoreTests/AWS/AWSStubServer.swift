import Foundation
import Testing

@testable import LanternCore

/// `scripts/aws-stub-server.py` on a free loopback port: CloudTrail
/// LookupEvents and GuardDuty in their real wire format, with throttling
/// and access-denied modes, logging every request it receives.
final class AWSStubServer: @unchecked Sendable {
    let child: ChildProcess
    let endpoint: String
    /// The JSON Lines request log.
    let logPath: String
    let directory: URL

    private init(child: ChildProcess, port: Int, logPath: String, directory: URL) {
        self.child = child
        endpoint = "http://127.0.0.1:\(port)"
        self.logPath = logPath
        self.directory = directory
    }

    /// Starts the stub with `arguments` (blocking; call through ``LiveTestSupport/blocking(_:)``).
    static func launch(_ arguments: [String], deadline: TimeInterval = 30) throws -> AWSStubServer {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/aws-stub-server.py").path
        let directory = try TestSupport.temporaryDirectory()
        let log = directory.appendingPathComponent("requests.jsonl").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--log", log] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let child = ChildProcess(process)
        // The first line is "PORT <n>"; read it on a thread so the deadline holds.
        let line = LockedData()
        let ready = DispatchSemaphore(value: 0)
        Thread {
            var bytes = Data()
            while let chunk = try? out.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty, chunk != Data("\n".utf8) {
                bytes.append(chunk)
            }
            line.set(bytes)
            ready.signal()
        }.start()
        guard ready.wait(timeout: .now() + deadline) == .success else {
            child.stop()
            throw TestFailure("aws-stub-server.py did not report its port within \(Int(deadline)) s")
        }
        let text = String(decoding: line.get(), as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            child.stop()
            throw TestFailure("aws-stub-server.py did not start (said \(text.debugDescription))")
        }
        return AWSStubServer(child: child, port: port, logPath: log, directory: directory)
    }

    static func start(_ arguments: [String]) async throws -> AWSStubServer {
        try await LiveTestSupport.blocking { try launch(arguments) }
    }

    func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The requests received so far, in order.
    func requests() throws -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestFailure("bad request log line")
            }
            return object
        }
    }

    /// A client for `service` on this stub.
    func client(_ service: AWSService, options: AWSClient.Options = LiveTestSupport.clientOptions) throws -> AWSClient {
        try AWSClient(
            configuration: AWSConfiguration(
                credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "stub-secret"),
                region: "us-east-1", endpointURL: endpoint),
            service: service, options: options)
    }
}
