import Foundation
import Testing

@testable import LanternCore

/// `python3 -m moto.server` on a free 127.0.0.1 port. Readiness is polled
/// (`GET /moto-api/data.json`) against a deadline; ``stop()`` sends SIGKILL,
/// and every server still running when the test process exits is killed too.
/// The server also exits by itself when its parent (the test process) dies.
///
/// Missing moto is a test failure, never a skip.
final class MotoServer: @unchecked Sendable {
    let child: ChildProcess
    let port: Int
    let endpoint: String
    /// Seconds from launch to the first good readiness answer.
    let startupSeconds: Double

    /// Runs moto.server's own `__main__` after starting a thread that exits
    /// the server when its parent goes away.
    static let launcher = """
        import os, sys, threading, time, runpy
        parent = os.getppid()
        def watch():
            while True:
                time.sleep(0.5)
                if os.getppid() != parent:
                    os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
        sys.argv = ["moto.server", "-H", "127.0.0.1", "-p", sys.argv[1]]
        runpy.run_module("moto.server", run_name="__main__", alter_sys=True)
        """

    private init(child: ChildProcess, port: Int, startupSeconds: Double) {
        self.child = child
        self.port = port
        endpoint = "http://127.0.0.1:\(port)"
        self.startupSeconds = startupSeconds
    }

    /// Starts a server (blocking; call through ``LiveTestSupport/blocking(_:)``).
    /// - Parameter environment: extra variables, e.g. `INITIAL_NO_AUTH_ACTION_COUNT`.
    static func launch(environment extra: [String: String] = [:], deadline: TimeInterval = 40) throws -> MotoServer {
        try LiveTestSupport.requirePython(
            ["moto.server", "flask", "flask_cors"],
            install: "run scripts/install-deps.sh (pip install moto flask flask-cors)")
        var lastError = "never started"
        for _ in 0..<4 {
            let port = try LiveTestSupport.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", launcher, String(port)]
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in extra { environment[key] = value }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            let started = Date()
            try process.run()
            let child = ChildProcess(process)
            let endpoint = "http://127.0.0.1:\(port)"
            while Date().timeIntervalSince(started) < deadline {
                guard process.isRunning else { break }
                if let answer = try? LiveTestSupport.http("GET", endpoint + "/moto-api/data.json", timeout: 2),
                    answer.status == 200
                {
                    return MotoServer(child: child, port: port, startupSeconds: Date().timeIntervalSince(started))
                }
                usleep(50_000)
            }
            lastError = process.isRunning
                ? "did not answer on port \(port) within \(Int(deadline)) s" : "exited with status \(process.terminationStatus)"
            child.stop()
        }
        throw TestFailure("moto server failed to start: \(lastError)")
    }

    /// Starts a server without blocking the cooperative pool.
    static func start(environment: [String: String] = [:]) async throws -> MotoServer {
        try await LiveTestSupport.blocking { try launch(environment: environment) }
    }

    /// SIGKILL.
    func stop() {
        child.stop()
    }

    /// `POST /moto-api/reset` then `/moto-api/seed?a=42` (repeatable account IDs).
    func reset() throws {
        _ = try LiveTestSupport.http("POST", endpoint + "/moto-api/reset")
        _ = try LiveTestSupport.http("POST", endpoint + "/moto-api/seed?a=42")
    }

    /// A configuration with the given credentials pointed at this server.
    func configuration(accessKey: String = "AKIAIOSFODNN7EXAMPLE", secret: String = "moto-secret") -> AWSConfiguration {
        AWSConfiguration(
            credentials: AWSCredentials(accessKeyID: accessKey, secretAccessKey: secret), region: "us-east-1",
            endpointURL: endpoint)
    }

    /// A client for `service` on this server.
    func client(_ service: AWSService, accessKey: String = "AKIAIOSFODNN7EXAMPLE", secret: String = "moto-secret") throws -> AWSClient {
        try AWSClient(
            configuration: configuration(accessKey: accessKey, secret: secret), service: service,
            options: LiveTestSupport.clientOptions)
    }
}

/// One moto server shared by the tests that do not need signature checking
/// (started on first use, killed when the test process exits).
actor SharedMoto {
    static let instance = SharedMoto()
    private var server: Task<MotoServer, Error>?

    func get() async throws -> MotoServer {
        if let server { return try await server.value }
        let task = Task { try await MotoServer.start() }
        server = task
        return try await task.value
    }
}
