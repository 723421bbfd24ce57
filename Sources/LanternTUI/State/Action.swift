import LanternCore

/// A failed effect, as a message for the status line.
public struct EffectError: Error, Equatable, Sendable {
    public var message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }
}

/// Everything the list screen loads at start.
public struct FindingsPayload: Sendable {
    public var findings: [Finding]
    /// Account Id → name, for accounts the enrichment knows.
    public var accountNames: [String: String]
    /// Each decided finding's latest verdict.
    public var verdicts: [String: CaseVerdict]

    /// Makes a payload.
    public init(findings: [Finding], accountNames: [String: String], verdicts: [String: CaseVerdict] = [:]) {
        self.findings = findings
        self.accountNames = accountNames
        self.verdicts = verdicts
    }
}

/// What the profile of an observable shows.
public struct ProfileData: Sendable {
    public var profile: ObservableProfile
    /// For keys and sessions: how the credential was minted, up the chain.
    public var chain: [ChainLink]
    /// For roles: their sessions.
    public var sessions: [RoleSession]

    /// Makes profile data.
    public init(profile: ObservableProfile, chain: [ChainLink], sessions: [RoleSession]) {
        self.profile = profile
        self.chain = chain
        self.sessions = sessions
    }
}

/// Everything that can change the state: keys, commands, terminal events
/// and the results of effects.
public enum Action: Sendable {
    /// A key press, dispatched through the active key table (or the input line).
    case key(Key)
    /// A named command, as if its key had been pressed.
    case command(Command)
    /// The terminal is now `width` × `height`.
    case resized(width: Int, height: Int)
    /// Time passed while effects run (advances the spinner).
    case tick
    case findingsLoaded(Result<FindingsPayload, EffectError>)
    /// How many events the store holds (for the status line).
    case eventsCounted(Result<Int, EffectError>)
    case findingLoaded(view: Int, Result<Finding, EffectError>)
    case activityLoaded(view: Int, ActivityRequest, Result<Activity, EffectError>)
    case profileLoaded(view: Int, Result<ProfileData, EffectError>)
    case rawRecordLoaded(view: Int, Result<String, EffectError>)
    /// A profile's IR query answered.
    case profileQueryLoaded(view: Int, IRQuery, Result<Activity, EffectError>)
    /// Enrichment for the observables asked about (absent from the dictionary: nothing known).
    case enriched(asked: [Observable], found: [Observable: EnrichmentSummary])
    case filterTermResolved(Observable, Set<String>)
    /// The case holding a finding (nil: it is in none).
    case caseLoaded(findingID: String, Result<CaseRecord?, EffectError>)
    /// A case write finished.
    case caseWritten(findingID: String, CaseWrite, Result<CaseOutcome, EffectError>)
    /// Progress of the live fetch (not an effect's end).
    case liveProgress(LiveActivityProgress)
    /// The live fetch for view `view` ended.
    case liveFinished(view: Int, Result<LiveActivitySummary, EffectError>)
    /// An effect was dropped because a newer one replaced it.
    case superseded

    /// Whether this action answers an effect (and so ends one pending effect).
    var isEffectResult: Bool {
        switch self {
        case .key, .command, .resized, .tick, .liveProgress: return false
        case .findingsLoaded, .eventsCounted, .findingLoaded, .activityLoaded, .profileLoaded, .rawRecordLoaded, .profileQueryLoaded, .enriched,
             .filterTermResolved, .caseLoaded, .caseWritten, .liveFinished, .superseded:
            return true
        }
    }
}
