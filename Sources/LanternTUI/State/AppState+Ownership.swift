import LanternCore

/// The finding view's ownership pane as a focusable pane: `Tab` reaches it
/// when it shows a value that opens (an account, a role), `Enter` pivots.
extension AppState {
    /// The ownership lines shown for the finding view's selected observable.
    func ownershipFacts(_ state: FindingViewState) -> [OwnershipLine] {
        guard let observable = state.selectedObservable else { return [] }
        return LocalFacts.effective(observable, enrichment[observable])
    }

    /// The indices of the lines that open something.
    func ownershipPivots(_ state: FindingViewState) -> [Int] {
        let facts = ownershipFacts(state)
        return facts.indices.filter { facts[$0].pivot != nil }
    }

    /// The ownership line under the cursor.
    func selectedOwnership(_ state: FindingViewState) -> OwnershipLine? {
        let facts = ownershipFacts(state)
        return facts.indices.contains(state.ownershipCursor) ? facts[state.ownershipCursor] : nil
    }

    /// Moves the focus to the next (or previous) pane: observables,
    /// ownership (only when it has a value to open), activity.
    mutating func cyclePane(forward: Bool) {
        guard case .finding(let current)? = top else { return }
        let pivots = ownershipPivots(current)
        let order: [FindingPane] = pivots.isEmpty ? [.observables, .activity] : [.observables, .ownership, .activity]
        let index = order.firstIndex(of: current.focus) ?? 0
        let next = order[(index + (forward ? 1 : order.count - 1)) % order.count]
        withFinding { state in
            state.focus = next
            if next == .ownership, !pivots.contains(state.ownershipCursor) { state.ownershipCursor = pivots.first ?? 0 }
        }
    }
}
