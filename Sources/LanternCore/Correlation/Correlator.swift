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
        let (matched, truncated) = try store.events(matching: values, in: window, limit: limit)
        let events = matched.filter(query)
        return Activity(
            observable: observable, matchedValues: values, window: window, query: query, events: events,
            truncated: truncated, summary: ActivitySummary(events: events))
    }

    /// The index values that stand for `observable`.
    func matchValues(for observable: Observable, wholeRole: Bool) throws -> [String] {
        var values = [observable.value]
        guard observable.kind == .arn, let arn = ARN(observable.value) else { return values }
        if arn.service == "iam", arn.resourceType == "user" {
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

extension ARN {
    /// For `arn:aws:sts::A:assumed-role/Name/session`, the role `arn:aws:iam::A:role/Name`
    /// (without the role's path, which the session ARN does not carry).
    public var assumedRoleRoleARN: String? {
        guard service == "sts", resourceType == "assumed-role", let roleName else { return nil }
        return "arn:\(partition):iam::\(account):role/\(roleName)"
    }
}
