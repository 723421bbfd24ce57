/// The key bindings of one view, as data: they drive dispatch, the footer
/// hints and the `?` overlay.
public struct KeyTable: Sendable {
    /// The view's name as shown in help (`Findings`, `Finding`…).
    public var name: String
    /// The bindings in display order.
    public var bindings: [KeyBinding]

    /// Makes a table.
    public init(name: String, bindings: [KeyBinding]) {
        self.name = name
        self.bindings = bindings
    }

    /// The command bound to `key`, if any.
    public func command(for key: Key) -> Command? {
        bindings.first(where: { $0.keys.contains(key) })?.command
    }

    /// The footer hints: (key label, short text) for bindings that have one.
    public var hints: [(key: String, text: String)] {
        bindings.compactMap { binding in
            binding.footer.map { (binding.keys.first.map(\.description) ?? "", $0) }
        }
    }
}
