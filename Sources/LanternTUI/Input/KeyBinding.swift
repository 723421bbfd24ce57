/// One row of a key table: the keys, the command they run, and the help text.
public struct KeyBinding: Sendable {
    /// The keys that run the command (the first is the one shown in hints).
    public var keys: [Key]
    /// What they do.
    public var command: Command
    /// One line for the `?` overlay.
    public var help: String
    /// A short label for the footer, or nil to leave the binding out of it.
    public var footer: String?

    /// Makes a binding.
    public init(_ keys: [Key], _ command: Command, help: String, footer: String? = nil) {
        self.keys = keys
        self.command = command
        self.help = help
        self.footer = footer
    }

    /// The keys as shown in help: `j ↓`.
    public var keyLabel: String { keys.map(\.description).joined(separator: " ") }
}
