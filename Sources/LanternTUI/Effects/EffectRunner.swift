import Foundation
import LanternCore

/// Runs effects on a background queue with its own read-only store
/// connection and posts their results as actions: a keypress never waits on I/O.
/// Case changes (verdicts, notes, stars) go through a second, writable
/// connection opened on the first change.
///
/// Activity and profile queries for a view are superseded by newer ones for
/// the same view: scrolling through observables queries only where you stop.
public final class EffectRunner: @unchecked Sendable {
    /// Builds the live fetch of a value's activity in a window (from the
    /// CLI's `--source lookup|athena` options).
    public typealias LiveRequestBuilder = @Sendable (Observable, TimeWindow) throws -> LiveActivityRequest

    private let queue = DispatchQueue(label: "lantern.effects", qos: .userInitiated)
    private let databasePath: String
    private let enrichment: any EnrichmentProvider
    private let inbox: ActionInbox
    private let lock = NSLock()
    private var generations: [String: Int] = [:]
    /// Confined to `queue`.
    private var store: Store?
    private var correlator: Correlator?
    private var writer: Store?
    private let liveRequest: LiveRequestBuilder?
    /// The live fetch under way (guarded by `lock`).
    private var liveCancellation: AWSCancellation?

    /// Makes a runner reading `databasePath` and posting to `inbox`; with
    /// `liveRequest`, `L` fetches activity from AWS.
    public init(databasePath: String, enrichment: any EnrichmentProvider, inbox: ActionInbox,
                liveRequest: LiveRequestBuilder? = nil) {
        self.databasePath = databasePath
        self.enrichment = enrichment
        self.inbox = inbox
        self.liveRequest = liveRequest
    }

    /// Queues `effect`; its result arrives in the inbox. A live fetch runs
    /// on its own thread (it waits on the network and on AWS's rate
    /// limits) and posts its progress as it goes.
    public func run(_ effect: Effect) {
        switch effect {
        case .fetchLive:
            Thread { [self] in inbox.post(perform(effect)) }.start()
            return
        case .cancelLive:
            inbox.post(perform(effect))
            return
        default:
            break
        }
        let slot = EffectRunner.slot(of: effect)
        let generation = slot.map(nextGeneration) ?? 0
        queue.async { [self] in
            if let slot, currentGeneration(slot) != generation {
                inbox.post(.superseded)
                return
            }
            inbox.post(perform(effect))
        }
    }

    /// Runs `effect` now, on the caller's thread (tests, benchmarks).
    public func runNow(_ effect: Effect) -> Action {
        queue.sync { perform(effect) }
    }

    static func slot(of effect: Effect) -> String? {
        switch effect {
        case .loadActivity(let view, _): return "activity:\(view)"
        case .loadProfile(let view, _): return "profile:\(view)"
        case .loadProfileQuery(let view, _, _): return "profile-query:\(view)"
        case .loadFindings, .countEvents, .loadFinding, .loadRawRecord, .enrich, .resolveFilterTerm, .loadCase, .writeCase, .fetchLive,
             .cancelLive:
            return nil
        }
    }

    private func nextGeneration(_ slot: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        generations[slot, default: 0] += 1
        return generations[slot, default: 0]
    }

    private func currentGeneration(_ slot: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return generations[slot, default: 0]
    }

    private func open() throws -> (Store, Correlator) {
        if let store, let correlator { return (store, correlator) }
        let opened = try Store(path: databasePath, readOnly: true)
        let made = Correlator(store: opened)
        store = opened
        correlator = made
        return (opened, made)
    }

    private func perform(_ effect: Effect) -> Action {
        switch effect {
        case .loadFindings:
            return .findingsLoaded(attempt {
                let (store, _) = try open()
                let findings = try store.findings(includingRaw: false)
                var names: [String: String] = [:]
                for account in Set(findings.compactMap(\.account)) {
                    if let observable = Observable(kind: .accountId, account),
                       let name = enrichment.enrich(observable)?.displayName {
                        names[account] = name
                    }
                }
                return FindingsPayload(findings: findings, accountNames: names, verdicts: try store.findingVerdicts())
            })
        case .countEvents:
            return .eventsCounted(attempt { try open().0.counts().events })
        case .loadFinding(let view, let id):
            return .findingLoaded(view: view, attempt {
                guard let finding = try open().0.finding(id: id) else { throw EffectError("finding \(id) is no longer in the store") }
                return finding
            })
        case .loadActivity(let view, let request):
            return .activityLoaded(view: view, request, attempt {
                try open().1.activity(of: request.observable, in: request.window, query: request.query)
            })
        case .loadProfile(let view, let observable):
            return .profileLoaded(view: view, attempt {
                let correlator = try open().1
                let profile = try correlator.profile(of: observable)
                let isCredential = observable.kind == .accessKey
                    || (observable.kind == .arn && observable.value.contains(":assumed-role/"))
                let chain = isCredential ? try correlator.credentialChain(of: observable) : []
                let isRole = observable.kind == .arn && observable.value.contains(":role/")
                let sessions = isRole ? try correlator.sessions(ofRole: observable.value, in: .all) : []
                return ProfileData(profile: profile, chain: chain, sessions: sessions)
            })
        case .loadProfileQuery(let view, let observable, let query):
            return .profileQueryLoaded(view: view, query, attempt {
                try open().1.activity(of: observable, in: .all, query: query, limit: 50_000)
            })
        case .loadRawRecord(let view, let event):
            return .rawRecordLoaded(view: view, attempt {
                String(decoding: try open().0.rawRecord(of: event), as: UTF8.self)
            })
        case .enrich(let observables):
            var found: [Observable: EnrichmentSummary] = [:]
            for observable in observables {
                if let summary = enrichment.enrich(observable) { found[observable] = summary }
            }
            return .enriched(asked: observables, found: found)
        case .resolveFilterTerm(let observable):
            let ids = (try? open().0.findingIDs(naming: observable)) ?? []
            return .filterTermResolved(observable, Set(ids))
        case .loadCase(let findingID):
            return .caseLoaded(findingID: findingID, attempt { try open().0.existingCase(forFinding: findingID) })
        case .writeCase(let findingID, let write):
            return .caseWritten(findingID: findingID, write, attempt { try perform(write, findingID: findingID) })
        case .fetchLive(let view, let observable, let window):
            return .liveFinished(view: view, attempt { try fetchLive(observable, window) })
        case .cancelLive:
            lock.lock()
            liveCancellation?.cancel()
            lock.unlock()
            return .superseded
        }
    }

    /// Fetches into the store through a connection of its own, posting progress.
    private func fetchLive(_ observable: Observable, _ window: TimeWindow) throws -> LiveActivitySummary {
        guard let liveRequest else { throw EffectError("no live source: start lantern with --source lookup or athena") }
        let cancellation = AWSCancellation()
        lock.lock()
        liveCancellation = cancellation
        lock.unlock()
        defer {
            lock.lock()
            liveCancellation = nil
            lock.unlock()
        }
        let request = try liveRequest(observable, window)
        let store = try Store(path: databasePath)
        do {
            return try LiveActivityFetch.run(request, store: store, cancellation: cancellation) { [inbox] progress in
                inbox.post(.liveProgress(progress))
            }
        } catch AWSError.cancelled {
            throw EffectError("live fetch cancelled; what arrived before is stored")
        }
    }

    private func openWriter() throws -> Store {
        if let writer { return writer }
        // SQLite would open a read-only file and fail at the write, with a message naming neither.
        if let problem = DatabaseAccess.writeProblem(databasePath) {
            throw EffectError("cannot write to \(databasePath): \(problem); the case was not changed")
        }
        do {
            let opened = try Store(path: databasePath)
            writer = opened
            return opened
        } catch {
            throw EffectError("cannot write to \(databasePath) (\(error)); the case was not changed")
        }
    }

    /// Exports read through the runner's connection and change nothing
    /// (their outcome carries no record); every other write goes to the
    /// finding's case through the writable connection.
    private func perform(_ write: CaseWrite, findingID: String) throws -> CaseOutcome {
        switch write {
        case .export(let format, let path):
            let store = try open().0
            guard let record = try store.exportCase(forFinding: findingID, analyst: Store.defaultAnalyst) else {
                throw EffectError("finding \(findingID) is no longer in the store")
            }
            try AtomicFile.write(try CaseExporter(store: store).render(record, format: format), to: path)
            return CaseOutcome(record: nil, message: "exported case \(record.id) to \(path)")
        case .verdict(let verdict):
            return try change(findingID) { store, id in
                try store.setVerdict(verdict, case: id, finding: findingID)
                return "verdict: \(verdict.label) (case \(id))"
            }
        case .note(let text):
            return try change(findingID) { store, id in
                try store.addNote(text, toCase: id, finding: findingID)
                return "note added to case \(id)"
            }
        case .star(let item, let trail):
            return try change(findingID) { store, id in
                try store.star(item, case: id, trail: trail)
                switch item {
                case .event(let eventID): return "starred event \(eventID) in case \(id)"
                case .observable(let observable): return "starred \(observable.value) in case \(id)"
                }
            }
        }
    }

    /// Runs `body` on the finding's case (made on first use) and reads the case back.
    private func change(_ findingID: String, _ body: (Store, String) throws -> String) throws -> CaseOutcome {
        let store = try openWriter()
        let id = try store.triageCase(forFinding: findingID).id
        let message = try body(store, id)
        return CaseOutcome(record: try store.caseRecord(id: id), message: message)
    }

    private func attempt<Value>(_ body: () throws -> Value) -> Result<Value, EffectError> {
        do {
            return .success(try body())
        } catch let error as EffectError {
            return .failure(error)
        } catch {
            return .failure(EffectError(String(describing: error)))
        }
    }
}
