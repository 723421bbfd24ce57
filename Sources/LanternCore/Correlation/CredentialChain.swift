/// One step of a credential chain: the event that minted a credential,
/// and who called it, from where, with what.
public struct ChainLink: Sendable {
    /// The credential this link explains (an access key or session ARN).
    public var credential: String
    /// The `AssumeRole*` / `GetSessionToken` / `GetFederationToken` event that issued it.
    public var issuingEvent: StoredEvent
    /// The session the event minted, when it names one.
    public var issuedSession: String?

    /// The link as JSON.
    public var json: JSONValue {
        .object([
            ("credential", .string(credential)),
            ("issuedSession", .optional(issuedSession)),
            ("issuedBy", .object([
                ("arn", .optional(issuingEvent.arn)), ("accessKeyId", .optional(issuingEvent.accessKeyId)),
                ("type", .optional(issuingEvent.identityType)),
            ])),
            ("event", issuingEvent.json),
        ])
    }
}

/// A session of a role seen in a window.
public struct RoleSession: Sendable, Equatable {
    public var sessionArn: String
    public var accessKeys: [String]
    public var sourceIPs: [String]
    public var count: Int
    public var firstSeen: Int64
    public var lastSeen: Int64

    /// The session as JSON.
    public var json: JSONValue {
        .object([
            ("session", .string(sessionArn)), ("accessKeys", .array(accessKeys.map(JSONValue.string))),
            ("sourceIPs", .array(sourceIPs.map(JSONValue.string))), ("count", .int(count)),
            ("firstSeen", .string(Timestamp.string(milliseconds: firstSeen))),
            ("lastSeen", .string(Timestamp.string(milliseconds: lastSeen))),
        ])
    }
}

extension Correlator {
    /// Follows a temporary credential back to where it came from: the
    /// event that issued an `ASIA…` key or assumed-role session, then the
    /// credential that event was called with, and so on up to a long-term
    /// key, a console login, or a credential minted outside the store.
    public func credentialChain(of observable: Observable, maxDepth: Int = 10) throws -> [ChainLink] {
        var links: [ChainLink] = []
        var credential = observable.value
        var visited: Set<String> = []
        while links.count < maxDepth, visited.insert(credential).inserted {
            guard let issuing = try store.events(matching: [credential], in: .all, lookup: .issued, limit: 10).events.first
            else { break }
            let raw = try? JSONValue.parse(store.rawRecord(of: issuing))
            let session = raw?[path: "responseElements", "assumedRoleUser", "arn"]?.stringValue
            links.append(ChainLink(credential: credential, issuingEvent: issuing, issuedSession: session))
            // Climb to the credential the issuing call was made with.
            if let key = issuing.accessKeyId, key.hasPrefix("ASIA") {
                credential = key
            } else if let arn = issuing.arn, arn.contains(":assumed-role/") {
                credential = arn
            } else {
                break
            }
        }
        return links
    }

    /// The sessions of the role `roleArn` active in `window`.
    public func sessions(ofRole roleArn: String, in window: TimeWindow) throws -> [RoleSession] {
        var sessions: [String: RoleSession] = [:]
        for event in try store.events(matching: [roleArn], in: window).events where event.sessionIssuerArn == roleArn {
            let name = event.arn ?? "?"
            var session = sessions[name] ?? RoleSession(
                sessionArn: name, accessKeys: [], sourceIPs: [], count: 0, firstSeen: event.time, lastSeen: event.time)
            session.count += 1
            session.firstSeen = min(session.firstSeen, event.time)
            session.lastSeen = max(session.lastSeen, event.time)
            if let key = event.accessKeyId, !session.accessKeys.contains(key) { session.accessKeys.append(key) }
            if let ip = event.sourceIPAddress, !session.sourceIPs.contains(ip) { session.sourceIPs.append(ip) }
            sessions[name] = session
        }
        return sessions.values.sorted { ($0.firstSeen, $0.sessionArn) < ($1.firstSeen, $1.sessionArn) }
    }
}
