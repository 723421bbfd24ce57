/// A value that arrives from a background effect.
public enum Loadable<Value: Sendable>: Sendable {
    case loading
    case loaded(Value)
    case failed(String)

    /// The value, when loaded.
    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }

    /// Whether the value is still being fetched.
    public var isLoading: Bool {
        if case .loading = self { return true }
        return false
    }
}
