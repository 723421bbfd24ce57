import Dispatch
import LanternCore

/// Keypress → frame, measured in-process on a real store: for every key,
/// the reducer plus a whole frame (views composed into a ``Screen`` and
/// diffed against the last one, as the terminal backend does); for keys
/// that ask for data, also keypress → the first frame showing all of it
/// (effects run on the real store and enrichment, one after another).
public final class FrameBenchmark {
    /// One timed key.
    public struct Sample: Sendable {
        /// What the key does, for grouping (`scroll`, `open finding`…).
        public var label: String
        /// Key → frame, seconds.
        public var input: Double
        /// Key → frame with the data the key asked for, seconds (nil: it asked for none).
        public var data: Double?
    }

    private var state: AppState
    private let runner: EffectRunner
    private var previous: Screen?

    /// Makes a benchmark over the database at `databasePath` on a `width` × `height` terminal.
    public init(databasePath: String, width: Int = 120, height: Int = 40) {
        state = AppState(databasePath: databasePath, themeName: "default")
        runner = EffectRunner(databasePath: databasePath, enrichment: StoreEnrichment(databasePath: databasePath),
                              inbox: ActionInbox())
        _ = state.apply(.resized(width: width, height: height))
        settle(AppState.initialEffects)
        previous = RootView.render(state)
    }

    /// How many findings the list holds (after the initial load).
    public var findingCount: Int { state.list.findings.count }

    /// Presses `keys` in order, labelled, and times each.
    public func run(_ keys: [(label: String, key: Key)]) -> [Sample] {
        keys.map { label, key in
            let start = DispatchTime.now().uptimeNanoseconds
            let effects = state.apply(.key(key))
            frame()
            let input = seconds(since: start)
            guard !effects.isEmpty else { return Sample(label: label, input: input, data: nil) }
            settle(effects)
            frame()
            return Sample(label: label, input: input, data: seconds(since: start))
        }
    }

    /// A triage session: scroll the list, filter, open findings, move
    /// through observables and activity, pivot to profiles and back.
    public static func triageScript(findings: Int) -> [(label: String, key: Key)] {
        var keys: [(String, Key)] = []
        for _ in 0..<40 { keys.append(("list: j", .character("j"))) }
        for _ in 0..<10 { keys.append(("list: PgDn", .pageDown)) }
        keys.append(("list: G", .character("G")))
        keys.append(("list: g", .character("g")))
        keys.append(("list: /", .character("/")))
        for character in "sev>=high" { keys.append(("filter: type", .character(character))) }
        keys.append(("filter: Enter", .enter))
        keys.append(("list: F", .character("F")))
        keys.append(("frequency: Tab", .tab))
        keys.append(("frequency: Esc", .escape))
        for round in 0..<8 {
            keys.append(("list: j", .character("j")))
            keys.append(("open finding", .enter))
            keys.append(("observables: j", .character("j")))
            keys.append(("observables: j", .character("j")))
            keys.append(("observables: k", .character("k")))
            keys.append(("pane: Tab", .tab))
            for _ in 0..<5 { keys.append(("activity: j", .character("j"))) }
            keys.append(("window: >", .character(">")))
            keys.append(("IR query: i", .character("i")))
            keys.append(("pane: Tab", .tab))
            if round % 2 == 0 {
                keys.append(("pane: Tab", .tab))
                keys.append(("open profile", .enter))
                keys.append(("profile: j", .character("j")))
                keys.append(("back", .escape))
            }
            keys.append(("back", .escape))
        }
        return keys
    }

    private func frame() {
        let screen = RootView.render(state)
        _ = screen.changedRows(since: previous)
        previous = screen
    }

    /// Runs `effects` and every effect their results ask for, applying each result.
    private func settle(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            queue += state.apply(runner.runNow(effect))
        }
    }

    private func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
