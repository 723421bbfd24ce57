import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

/// Paths, fixtures and snapshot helpers for the TUI tests.
enum TUITestSupport {
    /// The package root (found from this file's path).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        try TemporaryRoot.directory()
    }

    /// The built `lantern` binary beside the test bundle.
    static func lanternBinary() throws -> String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("lantern").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lantern").path,
            packageRoot.appendingPathComponent(".build/debug/lantern").path,
        ]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TUITestFailure("the lantern binary is not built (looked in \(candidates))")
        }
        return path
    }

    /// Compares `screen` (text and style layers) with `Snapshots/<name>.txt`;
    /// `RECORD_SNAPSHOTS=1` writes the file instead (and fails, so a record is never a pass).
    static func assertSnapshot(_ screen: Screen, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = snapshotText(screen)
        let url = packageRoot.appendingPathComponent("Tests/LanternTUITests/Snapshots/\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name) yet; record it with RECORD_SNAPSHOTS=1\n\(text)", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var diff: [String] = []
            for index in 0..<max(expectedLines.count, actualLines.count) {
                let old = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
                let new = index < actualLines.count ? String(actualLines[index]) : "<none>"
                if old != new { diff.append("line \(index + 1):\n  - \(old)\n  + \(new)") }
            }
            let report = diff.prefix(12).joined(separator: "\n")
            Issue.record("snapshot \(name) differs:\n\(report)", sourceLocation: sourceLocation)
        }
    }

    /// The text layer, a separator, then the style layer.
    static func snapshotText(_ screen: Screen) -> String {
        let ruler = String(repeating: "-", count: screen.width)
        return (screen.lines.map { "|" + $0 } + [ruler + " styles"] + screen.roleLines.map { "|" + $0 }).joined(separator: "\n") + "\n"
    }

    // MARK: - Fixtures

    static func finding(
        id: String, type: String, title: String, severity: String, principal: String? = nil,
        resource: String? = nil, firstSeen: String = "2023-07-10T11:57:51Z", lastSeen: String = "2023-07-10T11:57:54Z",
        observables: [Observable] = []
    ) -> Finding {
        Finding(
            id: id, format: .guardduty, product: "GuardDuty", type: type, title: title, description: nil,
            severityLabel: severity, severity: Severity.normalized(label: severity) ?? 0, account: "123837392027",
            region: "us-east-1", created: lastSeen, updated: lastSeen, firstSeen: firstSeen, lastSeen: lastSeen,
            resourceType: resource == nil ? nil : "AccessKey", resourceId: resource, principal: principal,
            status: "NEW", raw: "{}", observables: observables.map { FindingObservable(observable: $0, path: "test") })
    }

    static let key = Observable(kind: .accessKey, "AKIATFQR7NSC8Q4X20BJ")!
    static let ip = Observable(kind: .ipv4, "192.168.10.20")!
    static let user = Observable(kind: .arn, "arn:aws:iam::123837392027:user/bert-jan")!

    static let findings: [Finding] = [
        finding(id: "f-secret", type: "CredentialAccess:IAMUser/AnomalousBehavior",
                title: "The API GetSecretValue was invoked by IAM user bert-jan under unusual circumstances.",
                severity: "MEDIUM", principal: "bert-jan", resource: "AKIATFQR7NSC8Q4X20BJ", observables: [key, user, ip]),
        finding(id: "f-recon", type: "TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller.Custom",
                title: "Reconnaissance API GetAccountAuthorizationDetails was invoked from an IP address on a custom threat list.",
                severity: "HIGH", principal: "benjamin", firstSeen: "2023-07-10T11:49:06Z", lastSeen: "2023-07-10T11:49:06Z",
                observables: [ip]),
        finding(id: "f-trail", type: "Stealth:IAMUser/CloudTrailLoggingDisabled",
                title: "AWS CloudTrail trail stratus-red-team-ctes-trail was disabled.", severity: "LOW",
                principal: "bert-jan", firstSeen: "2023-07-10T12:13:30Z", lastSeen: "2023-07-10T12:13:30Z"),
        finding(id: "f-crit", type: "Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices",
                title: "S3.8 S3 general purpose buckets should block public access", severity: "CRITICAL",
                resource: "arn:aws:s3:::config-bucket-123837392027", firstSeen: "2023-07-10T12:29:57Z",
                lastSeen: "2023-07-10T12:29:57Z"),
    ]

    static func event(_ row: Int64, _ time: String, _ source: String, _ name: String, ip: String = "192.168.10.20",
                      agent: String = "aws-cli/2.11.0 Python/3.11.2", error: String? = nil) -> StoredEvent {
        StoredEvent(rowID: row, fields: EventFields(
            eventID: "ev-\(row)", time: Timestamp.milliseconds(time) ?? 0, eventSource: source,
            eventName: name, sourceIPAddress: ip, userAgent: agent, errorCode: error, awsRegion: "us-east-1",
            recipientAccountId: "123837392027", identityType: "IAMUser", arn: user.value, accessKeyId: key.value,
            principalId: "AIDATFQR7NSC5AU2ZV3IE", accountId: "123837392027", sessionIssuerArn: nil,
            readOnly: true))
    }

    static let events: EventList = [
        event(1, "2023-07-10T11:54:33Z", "ec2.amazonaws.com", "DescribeAccountAttributes"),
        event(2, "2023-07-10T11:54:38Z", "iam.amazonaws.com", "GetUser"),
        event(3, "2023-07-10T11:57:50Z", "secretsmanager.amazonaws.com", "ListSecrets"),
        event(4, "2023-07-10T11:57:51Z", "secretsmanager.amazonaws.com", "GetSecretValue"),
        event(5, "2023-07-10T11:57:52Z", "secretsmanager.amazonaws.com", "GetSecretValue"),
        event(6, "2023-07-10T11:57:53Z", "secretsmanager.amazonaws.com", "GetSecretValue", error: "AccessDenied"),
        event(7, "2023-07-10T12:01:00Z", "sts.amazonaws.com", "GetCallerIdentity", ip: "203.0.113.7",
              agent: "Boto3/1.26 \u{1B}]52;c;ZXZpbA==\u{07}\u{202E}evil"),
    ]

    static func activity(_ request: ActivityRequest) -> Activity {
        Activity(observable: request.observable, matchedValues: [request.observable.value], window: request.window,
                 query: request.query, events: events, truncated: false, summary: ActivitySummary(events: events))
    }

    /// A state with the fixture findings loaded, at `width` × `height`.
    static func loadedState(width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(databasePath: "/data/lantern.db", themeName: "default")
        _ = state.apply(.resized(width: width, height: height))
        _ = state.apply(.findingsLoaded(.success(FindingsPayload(findings: findings, accountNames: [:]))))
        _ = state.apply(.eventsCounted(.success(2900)))
        return state
    }

    /// The fixture state with finding `f-secret` open and its activity loaded.
    static func findingState(width: Int = 120, height: Int = 40) -> AppState {
        var state = loadedState(width: width, height: height)
        let index = state.list.visible.firstIndex { state.list.findings[$0].id == "f-secret" } ?? 0
        state.list.position.cursor = index
        let effects = state.apply(.key(.enter))
        guard case .loadFinding(let view, _)? = effects.first else { return state }
        let loaded = state.apply(.findingLoaded(view: view, .success(findings[0])))
        for effect in loaded {
            switch effect {
            case .loadActivity(let view, let request):
                _ = state.apply(.activityLoaded(view: view, request, .success(activity(request))))
            case .enrich(let observables):
                _ = state.apply(.enriched(asked: observables, found: [:]))
            case .loadFindings, .countEvents, .loadFinding, .loadProfile, .loadProfileQuery, .loadRawRecord, .resolveFilterTerm, .loadCase,
                 .writeCase, .fetchLive,
                 .cancelLive:
                break
            }
        }
        return state
    }
}

/// A test failure with a message.
struct TUITestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
