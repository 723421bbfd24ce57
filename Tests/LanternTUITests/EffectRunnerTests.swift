import Foundation
import Testing

@testable import LanternCore
@testable import LanternTUI

/// The effect runner against a real demo database: the effects the reducer
/// asks for come back with the demo's real values.
@Suite(.serialized) struct EffectRunnerTests {
    static let database: Result<String, TUITestFailure> = {
        do {
            let path = try TUITestSupport.temporaryDirectory().appendingPathComponent("demo.db").path
            let report = try DemoData.build(at: path)
            guard !report.hasProblems else { return .failure(TUITestFailure("demo build had problems")) }
            return .success(path)
        } catch {
            return .failure(TUITestFailure("cannot build the demo database: \(error)"))
        }
    }()

    @Test func reducerAndRunnerTogetherShowBertJansSecretsActivity() throws {
        let path = try Self.database.get()
        let runner = EffectRunner(databasePath: path, enrichment: NoEnrichment(), inbox: ActionInbox())
        var state = AppState(databasePath: path, themeName: "default")
        _ = state.apply(.resized(width: 120, height: 40))
        var queue = AppState.initialEffects
        state.pendingEffects = queue.count
        func drain() {
            while !queue.isEmpty {
                let effect = queue.removeFirst()
                queue += state.apply(runner.runNow(effect))
            }
        }
        drain()
        #expect(state.list.findings.count >= 10)
        let index = try #require(state.list.visible.firstIndex {
            state.list.findings[$0].title.contains("GetSecretValue")
        })
        state.list.position.cursor = index
        queue = state.apply(.key(.enter))
        drain()
        guard case .finding(let view)? = state.top else {
            Issue.record("no finding view")
            return
        }
        #expect(view.selectedObservable == Observable(kind: .accessKey, "AKIATFQR7NSC8Q4X20BJ"))
        let activity = try #require(view.activity?.value)
        #expect(activity.events.contains { $0.eventName == "GetSecretValue" })
        // The cursor starts at the finding's first sighting: ListSecrets, then the GetSecretValue burst.
        let firstSeen = try #require(Timestamp.milliseconds("2023-07-10T11:57:51Z"))
        #expect(activity.events[view.events.cursor].time >= firstSeen)
        #expect(activity.events[view.events.cursor...].prefix(5).contains { $0.eventName == "GetSecretValue" })
        #expect(state.pendingEffects == 0)
        let text = RootView.render(state).lines.joined(separator: "\n")
        #expect(text.contains("AKIATFQR7NSC8Q4X20BJ"))
        #expect(text.contains("GetSecretValue"))
        #expect(text.contains("no intel loaded"))
    }

    @Test func supersededQueriesAnswerSoPendingCountsSettle() throws {
        let path = try Self.database.get()
        let inbox = ActionInbox()
        let runner = EffectRunner(databasePath: path, enrichment: NoEnrichment(), inbox: inbox)
        let key = try #require(Observable(kind: .accessKey, "AKIATFQR7NSC8Q4X20BJ"))
        var last: ActivityRequest?
        for hours in 1...5 {
            let request = ActivityRequest(observable: key, window: .around(0, before: Int64(hours) * 3_600_000, after: 0), query: .all)
            runner.run(.loadActivity(view: 1, request))
            last = request
        }
        _ = runner.runNow(.enrich([]))
        let actions = inbox.drain()
        // Every effect answers (loaded or superseded), and the newest one is always run.
        #expect(actions.count == 5)
        guard case .activityLoaded(_, let request, .success)? = actions.last else {
            Issue.record("the newest query did not run")
            return
        }
        #expect(request == last)
    }
}

extension EffectRunnerTests {
    /// `i` in bert-jan's profile on the demo: the data-access query over his whole history lists
    /// his GetSecretValue calls, and every event it lists is a data-access call.
    @Test func profileQueryRunsOnTheStore() throws {
        let path = try Self.database.get()
        let runner = EffectRunner(databasePath: path, enrichment: NoEnrichment(), inbox: ActionInbox())
        let user = try #require(Observable(kind: .arn, "arn:aws:iam::123837392027:user/bert-jan"))
        guard case .profileQueryLoaded(_, let query, .success(let activity)) = runner.runNow(.loadProfileQuery(view: 1, user, .dataAccess))
        else {
            Issue.record("no answer")
            return
        }
        #expect(query == .dataAccess)
        #expect(activity.events.contains { $0.eventName == "GetSecretValue" })
        #expect(activity.events.allSatisfy(IRQuery.dataAccess.matches))
        #expect(activity.window == .all)
    }
}
