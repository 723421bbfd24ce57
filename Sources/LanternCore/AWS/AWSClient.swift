import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A signed HTTP client for one AWS service: timeouts, retries with
/// exponential backoff and full jitter on throttling, 5xx and dropped
/// connections, and service errors parsed into ``AWSError``.
///
/// Calls block the calling thread (the CLI is synchronous); cancel from
/// another thread with ``Options/cancellation``. Nothing is logged.
public final class AWSClient: @unchecked Sendable {
    /// Tuning for timeouts and retries.
    public struct Options: Sendable {
        /// Seconds before one attempt is abandoned.
        public var timeout: TimeInterval = 30
        /// Attempts per request, including the first.
        public var maxAttempts = 5
        /// The first backoff ceiling in seconds (doubles each retry).
        public var baseDelay: TimeInterval = 0.25
        /// The largest backoff ceiling in seconds.
        public var maxDelay: TimeInterval = 10
        /// Stops requests and retries when cancelled.
        public var cancellation = AWSCancellation()
        /// Waits between retries (replaced in tests so they never sleep).
        public var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
        /// The signing clock.
        public var now: @Sendable () -> Date = { Date() }

        /// Default options.
        public init() {}
    }

    /// The service this client talks to.
    public let service: AWSService
    /// The endpoint requests go to.
    public let endpoint: URL
    /// The region requests are signed for.
    public let region: String
    /// The access key ID requests are signed with (not secret).
    public let accessKeyID: String
    private let signer: SigV4Signer
    private let options: Options
    private let configuration: AWSConfiguration
    private let session: URLSession

    /// Prepares a client; checks the endpoint and region before any request.
    /// - Throws: ``AWSError/configuration(_:)`` or ``AWSError/insecureEndpoint(_:)``.
    public init(configuration: AWSConfiguration, service: AWSService, options: Options = Options()) throws(AWSError) {
        self.service = service
        self.options = options
        self.configuration = configuration
        endpoint = try configuration.endpoint(for: service)
        let region: String
        if let global = service.globalRegion {
            region = global
        } else if let configured = configuration.region, !configured.isEmpty {
            region = configured
        } else if AWSConfiguration.isLoopback(endpoint.host ?? "") || configuration.endpointOverride != nil {
            region = "us-east-1"
        } else {
            region = try configuration.signingRegion(for: service)
        }
        self.region = region
        accessKeyID = configuration.credentials.accessKeyID
        signer = SigV4Signer(credentials: configuration.credentials, region: region, service: service.signingName)
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = options.timeout
        sessionConfiguration.timeoutIntervalForResource = options.timeout * 2
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.urlCache = nil
        session = URLSession(configuration: sessionConfiguration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Whether this client's cancellation token was cancelled.
    public var isCancelled: Bool { options.cancellation.isCancelled }

    /// A client for the same service and credentials whose requests ignore this
    /// client's cancellation: for clean-up after a cancel, such as stopping a
    /// running Athena query. One attempt, at most `timeout` seconds.
    public func detached(timeout: TimeInterval = 10) -> AWSClient {
        var cleanup = Options()
        cleanup.timeout = min(timeout, options.timeout)
        cleanup.maxAttempts = 1
        cleanup.now = options.now
        return (try? AWSClient(configuration: configuration, service: service, options: cleanup)) ?? self
    }

    /// Sends a JSON 1.0/1.1 request (`POST /`, `X-Amz-Target: <target>`) and returns the decoded answer.
    public func json(target: String, body: JSONValue, version: String = "1.1") throws(AWSError) -> JSONValue {
        let response = try send(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", target)],
            body: Data(JSONWriter(pretty: false).string(body).utf8))
        return try AWSClient.decode(response)
    }

    /// Sends a REST-JSON request and returns the decoded answer.
    public func restJSON(method: String, path: String, body: JSONValue?) throws(AWSError) -> JSONValue {
        let data = body.map { Data(JSONWriter(pretty: false).string($0).utf8) } ?? Data()
        let response = try send(
            method: method, path: path, headers: [("Content-Type", "application/json")], body: data)
        return try AWSClient.decode(response)
    }

    /// Sends one signed request, retrying throttling, 5xx and dropped connections.
    /// - Throws: ``AWSError/service(service:status:code:message:)`` for error answers
    ///   (after retries for retryable ones), transport, timeout or cancellation errors.
    public func send(
        method: String, path: String, query: String? = nil, headers: [(name: String, value: String)], body: Data
    ) throws(AWSError) -> AWSResponse {
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        let base = components?.percentEncodedPath ?? ""
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        components?.percentEncodedPath = trimmedBase + (path.hasPrefix("/") ? path : "/" + path)
        components?.percentEncodedQuery = query
        guard let url = components?.url else { throw .configuration("cannot build a URL for \(path)") }
        var attempt = 0
        while true {
            attempt += 1
            if options.cancellation.isCancelled { throw .cancelled }
            let result: Result<AWSResponse, AWSError> = attemptOnce(method: method, url: url, headers: headers, body: body)
            let failure: AWSError
            switch result {
            case .success(let response) where (200..<300).contains(response.status):
                return response
            case .success(let response):
                failure = response.error(service: service.signingName)
            case .failure(let error):
                failure = error
            }
            guard attempt < options.maxAttempts, AWSClient.isRetryable(failure) else { throw failure }
            let ceiling = min(options.maxDelay, options.baseDelay * pow(2, Double(attempt - 1)))
            // Sleep in short steps so a cancellation during backoff is noticed promptly.
            var remaining = Double.random(in: 0...ceiling)
            while remaining > 0 {
                if options.cancellation.isCancelled { throw .cancelled }
                let step = min(remaining, 0.1)
                options.sleep(step)
                remaining -= step
            }
        }
    }

    /// Whether a failure is worth another attempt.
    static func isRetryable(_ error: AWSError) -> Bool {
        switch error {
        case .service(_, let status, _, _):
            return error.category == .throttled || status >= 500
        case .transport, .timeout:
            return true
        case .configuration, .insecureEndpoint, .invalidResponse, .queryFailed, .cancelled:
            return false
        }
    }

    private func attemptOnce(
        method: String, url: URL, headers: [(name: String, value: String)], body: Data
    ) -> Result<AWSResponse, AWSError> {
        let signature = signer.sign(method: method, url: url, headers: headers, body: body, date: options.now())
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: options.timeout)
        request.httpMethod = method
        for header in signature.headers where header.name.lowercased() != "host" {
            request.setValue(header.value, forHTTPHeaderField: header.name)
        }
        request.setValue("lantern/\(LanternVersion.current)", forHTTPHeaderField: "User-Agent")
        if !body.isEmpty || method == "POST" || method == "PUT" { request.httpBody = body }

        let box = ResultBox()
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                let nsError = error as NSError
                if nsError.domain == NSURLErrorDomain && nsError.code == NSURLErrorTimedOut {
                    box.finish(.failure(.timeout("\(url.host ?? "") after \(Int(self.options.timeout)) s")))
                } else if nsError.domain == NSURLErrorDomain && nsError.code == NSURLErrorCancelled {
                    box.finish(.failure(.cancelled))
                } else {
                    box.finish(.failure(.transport("\(url.host ?? ""): \(nsError.localizedDescription)")))
                }
                return
            }
            guard let http = response as? HTTPURLResponse else {
                box.finish(.failure(.invalidResponse("not an HTTP response")))
                return
            }
            var fields: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let name = key as? String, let text = value as? String { fields[name.lowercased()] = text }
            }
            box.finish(.success(AWSResponse(status: http.statusCode, headers: fields, body: data ?? Data())))
        }
        options.cancellation.register { task.cancel() }
        task.resume()
        // The session's own timeouts fire first; this bound only guards against a stuck task.
        let result = box.wait(timeout: options.timeout * 2 + 5) ?? {
            task.cancel()
            return .failure(.timeout("\(url.host ?? "") did not answer"))
        }()
        options.cancellation.clearHandlers()
        return result
    }

    /// Decodes a JSON body (`{}` when empty).
    static func decode(_ response: AWSResponse) throws(AWSError) -> JSONValue {
        if response.body.isEmpty { return .object([]) }
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw .invalidResponse("body is not JSON (\(error))")
        }
    }
}

/// One request's outcome, handed from URLSession's queue to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<AWSResponse, AWSError>?

    func finish(_ value: Result<AWSResponse, AWSError>) {
        lock.lock()
        let first = result == nil
        if first { result = value }
        lock.unlock()
        if first { semaphore.signal() }
    }

    func wait(timeout: TimeInterval) -> Result<AWSResponse, AWSError>? {
        guard semaphore.wait(timeout: .now() + timeout) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
