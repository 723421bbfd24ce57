import LanternCore

extension AppState {
    /// `R`: reads the findings, counts and the view on top again, so what
    /// another `lantern ingest` or `sync` wrote since shows; the cursor stays
    /// on the same finding.
    mutating func refresh() -> [Effect] {
        var effects: [Effect] = [.loadFindings, .countEvents]
        switch top {
        case .finding(let state)?:
            effects.append(.loadCase(findingID: state.findingID))
            effects += withFinding { finding -> [Effect] in
                finding.activityRequest = nil
                return AppState.activityEffects(for: &finding)
            } ?? []
        case .profile(let state)?:
            effects.append(.loadProfile(view: state.id, state.observable))
        case .event?, nil:
            break
        }
        return effects
    }
}
