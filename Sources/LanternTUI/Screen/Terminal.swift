import Foundation

/// What the app needs from a terminal: its size, a way to read keys, and
/// a way to show a frame. The ncurses backend is one implementation; tests
/// use a fake.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// How wide each scalar is on this terminal.
    var measure: DisplayWidth.Measure { get }
    /// The signal that asked the app to stop (SIGTERM, SIGHUP, SIGINT), if any.
    var pendingSignal: Int32? { get }
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Shows `screen`, sending only what changed since the last frame.
    func draw(_ screen: Screen)
    /// Applies `theme` to the roles drawn from now on.
    func apply(theme: Theme)
    /// Puts `text` on the system clipboard (OSC 52), where the terminal allows it.
    func copyToClipboard(_ text: String)
}

extension Terminal {
    /// Terminals without a clipboard (test fakes) ignore copies.
    public func copyToClipboard(_ text: String) {}

    /// The OSC 52 sequence that sets the clipboard to `text`; the text is
    /// base64, so nothing in it can act on the terminal.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
