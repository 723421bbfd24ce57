/// Answers "what did this observable do around the alert, and what is it
/// connected to?" from the store's correlation index.
public final class Correlator {
    let store: Store

    /// Makes a correlator over `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The activity of `observable` in `window`.
    ///
    /// Matching is identity-aware: an IAM user also matches the principal
    /// IDs it used; an assumed-role session with `wholeRole` matches every
    /// session of its role (by session issuer); a role ARN matches its
    /// sessions; an account matches `userIdentity.accountId` and
    /// `recipientAccountId` alike.
    public func activity(
        of observable: Observable, in window: TimeWindow, query: IRQuery = .all, wholeRole: Bool = false,
        limit: Int = 10_000
    ) throws -> Activity {
        let values = try matchValues(for: observable, wholeRole: wholeRole)
        let (ids, truncated) = try store.eventRowIDs(matching: values, in: window, limit: limit)
        let events = try store.events(rowIDs: ids).filter(query.matches)
        return Activity(
            observable: observable, matchedValues: values, window: window, query: query, events: events,
            truncated: truncated, summary: ActivitySummary(events: events))
    }

    /// The index values that stand for `observable`.
    func matchValues(for observable: Observable, wholeRole: Bool) throws -> [String] {
        var values = [observable.value]
        guard observable.kind == .arn, let arn = ARNParts(observable.value) else { return values }
        if arn.service == "iam", arn.resource.hasPrefix("user/") {
            values += try store.linkedValues(of: observable.value, kind: .principalID)
        }
        if wholeRole, let constructed = arn.assumedRoleRoleARN {
            // The session issuer as CloudTrail recorded it (it carries the role's path).
            let issuers = try store.linkedValues(of: observable.value, kind: .sessionIssuer)
            values += issuers.isEmpty ? [constructed] : issuers
        }
        return values
    }
}

/// The parts of an ARN that correlation needs.
struct ARNParts {
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    /// For `arn:aws:sts::A:assumed-role/Name/session`, the role `arn:aws:iam::A:role/Name`.
    var assumedRoleRoleARN: String? {
        guard service == "sts", resource.hasPrefix("assumed-role/") else { return nil }
        let pieces = resource.split(separator: "/")
        guard pieces.count >= 3 else { return nil }
        return "arn:\(partition):iam::\(account):role/\(pieces[1])"
    }

    /// Whether this is an IAM role ARN.
    var isRole: Bool { service == "iam" && resource.hasPrefix("role/") }
}
