import Foundation
import LanternCore

/// Everything the CLI prints goes through here, so attacker-controlled text
/// (user agents, names, titles) is neutralised before it reaches a terminal.
enum Output {
    /// Prints plain text lines to standard output, sanitised.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((TerminalText.sanitize(text) + "\n").utf8))
    }

    /// Prints multi-line text: each line sanitised on its own, so line
    /// breaks survive but every other control character is escaped.
    static func text(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { self.line(String(line)) }
    }

    /// Prints JSON to standard output (escaped as JSON, never raw controls).
    static func json(_ value: JSONValue) {
        FileHandle.standardOutput.write(Data((JSONWriter(pretty: true).string(value) + "\n").utf8))
    }

    /// Prints a message to standard error, sanitised.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("lantern: " + TerminalText.sanitize(text) + "\n").utf8))
    }

    /// Prints progress to standard error (raw \r updates only on a terminal).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + TerminalText.sanitize(text)).utf8))
    }

    /// Whether standard error is a terminal.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Pads or cuts `text` to `width` characters for a plain table.
    static func cell(_ text: String, _ width: Int) -> String {
        let clean = TerminalText.sanitize(text)
        if clean.count > width { return String(clean.prefix(max(0, width - 1))) + "…" }
        return clean + String(repeating: " ", count: width - clean.count)
    }
}
