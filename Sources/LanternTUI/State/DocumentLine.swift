/// A run of text in one style.
public struct Span: Equatable, Sendable {
    public var text: String
    public var role: StyleRole

    /// Makes a span.
    public init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }
}

/// One line of a scrollable document (profile, event record), with what
/// `Enter` on it opens.
public struct DocumentLine: Equatable, Sendable {
    public var spans: [Span]
    public var target: PivotTarget?

    /// Makes a line.
    public init(_ spans: [Span], target: PivotTarget? = nil) {
        self.spans = spans
        self.target = target
    }

    /// A line of one span.
    public init(_ text: String, _ role: StyleRole = .text, target: PivotTarget? = nil) {
        self.init([Span(text, role)], target: target)
    }

    /// The line's text without styles.
    public var text: String { spans.map(\.text).joined() }
}
