/// The one way every input line (filter, `:` command, note, search) edits
/// its text: characters append, Backspace deletes, Enter submits, Esc cancels.
enum LineEditor {
    /// What a key did to the line.
    enum Outcome: Equatable {
        /// The text changed (or stayed) and editing goes on.
        case edited(String)
        /// Enter: use the text.
        case submit(String)
        /// Esc, or Backspace on an empty line: leave without using it.
        case cancel
        /// A key the line does not handle (arrows, Tab…): the caller decides.
        case other(Key)
    }

    /// Applies `key` to `text`.
    static func apply(_ key: Key, to text: String) -> Outcome {
        switch key {
        case .enter:
            return .submit(text)
        case .escape:
            return .cancel
        case .backspace, .delete:
            guard !text.isEmpty else { return .cancel }
            return .edited(String(text.dropLast()))
        case .character(let character) where character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }):
            return .edited(text + String(character))
        case .character:
            return .other(key)
        case .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .tab, .backTab, .function, .resize, .ctrlC, .mouse:
            return .other(key)
        }
    }
}
