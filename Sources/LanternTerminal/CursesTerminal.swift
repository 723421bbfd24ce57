import CNcurses
import Foundation
import LanternCore
import LanternTUI

/// The ncurses backend: shows ``Screen`` frames and reads ``Key``s.
///
/// Only changed rows are rewritten each frame; curses then sends only the
/// changed characters. The terminal is restored by ``close()``, on SIGINT,
/// SIGTERM and SIGHUP (through the run loop) and on crash signals.
public final class CursesTerminal: Terminal {
    private var previous: Screen?
    private var pairs: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
    private let useColor: Bool
    private let signals: SignalMonitor
    private var isOpen = true

    /// Takes over the terminal: locale, curses modes, colours (unless `NO_COLOR` is set), `theme`.
    public init(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment) {
        _ = lantern_setlocale()
        signals = SignalMonitor()
        // Before initscr: the crash handler restores the modes the terminal had before curses.
        lantern_install_crash_handlers()
        initscr()
        // Raw mode: Ctrl-C arrives as a key (and quits cleanly) instead of a signal.
        raw()
        noecho()
        nonl()
        keypad(lantern_stdscr(), true)
        lantern_set_escdelay(25)
        curs_set(0)
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            useColor = true
        } else {
            useColor = false
        }
        apply(theme: theme)
    }

    deinit { close() }

    /// Restores the terminal (idempotent).
    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
        signals.cancel()
    }

    public var size: (width: Int, height: Int) {
        (Int(lantern_cols()), Int(lantern_lines()))
    }

    public var measure: DisplayWidth.Measure {
        { scalar in Int(lantern_wcwidth(scalar.value)) }
    }

    public var pendingSignal: Int32? { signals.pending }

    /// Sends OSC 52 straight to the terminal (after curses has flushed its
    /// frame); tmux passes it on when `set-clipboard` is on. The text is
    /// copied as it is shown, control and invisible characters escaped
    /// (`\x1b`): a copied user agent pasted into a shell must not run a
    /// command (CR) or end a bracketed paste early (`ESC [201~`).
    public func copyToClipboard(_ text: String) {
        let sequence = Array(Self.osc52(TerminalText.sanitize(text)).utf8)
        sequence.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            _ = Foundation.write(1, base, raw.count)
        }
    }

    public func apply(theme: Theme) {
        let active = useColor ? theme : theme.withoutColor
        let colors = Int(lantern_colors())
        var pairNumbers: [String: Int32] = [:]
        var next: Int32 = 1
        pairs = [:]
        for role in StyleRole.allCases {
            let style = active.style(role)
            var attributes = lantern_a_normal()
            if style.attributes.contains(.bold) { attributes |= lantern_a_bold() }
            if style.attributes.contains(.dim) { attributes |= lantern_a_dim() }
            if style.attributes.contains(.italic) { attributes |= lantern_a_italic() }
            if style.attributes.contains(.underline) { attributes |= lantern_a_underline() }
            if style.attributes.contains(.reverse) { attributes |= lantern_a_reverse() }
            var pair: Int32 = 0
            if useColor {
                let foreground = Int32(style.foreground.paletteIndex(colors: colors))
                let background = Int32(style.background.paletteIndex(colors: colors))
                let key = "\(foreground)/\(background)"
                if let existing = pairNumbers[key] {
                    pair = existing
                } else if foreground != -1 || background != -1, next < lantern_color_pairs() {
                    lantern_init_pair(next, foreground, background)
                    pairNumbers[key] = next
                    pair = next
                    next += 1
                }
            }
            pairs[role] = (attributes, pair)
        }
        previous = nil
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        wtimeout(lantern_stdscr(), Int32(timeoutMilliseconds))
        var value: UInt32 = 0
        let result = lantern_get_wch(&value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES, Int32(bitPattern: value) == KEY_MOUSE { return mouseEvent() }
        return CursesKeyDecoder.key(isKeyCode: result == KEY_CODE_YES, value: value)
    }

    /// Takes the mouse (click and wheel) from now on; off by default so the
    /// terminal's own text selection keeps working.
    public func enableMouse() {
        lantern_enable_mouse()
    }

    private func mouseEvent() -> Key? {
        var x: Int32 = 0, y: Int32 = 0, kind: Int32 = 0
        guard lantern_mouse_event(&x, &y, &kind) != 0 else { return nil }
        switch kind {
        case 1: return .mouse(MouseEvent(.click, x: Int(x), y: Int(y)))
        case 2: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
        case 3: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
        default: return nil
        }
    }

    public func draw(_ screen: Screen) {
        let (width, height) = size
        let sameSize = previous.map { $0.width == screen.width && $0.height == screen.height } ?? false
        if !sameSize { clearok(lantern_stdscr(), true) }
        for row in screen.changedRows(since: previous) where row < height {
            drawRow(row, of: screen, width: min(width, screen.width))
        }
        previous = screen
        wnoutrefresh(lantern_stdscr())
        doupdate()
    }

    private func drawRow(_ row: Int, of screen: Screen, width: Int) {
        var column = 0
        while column < width {
            let cell = screen[column, row]
            if cell.isContinuation {
                column += 1
                continue
            }
            let style = pairs[cell.role] ?? (lantern_a_normal(), 0)
            var text = Array(cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) })
            if text.isEmpty { text = [wchar_t(32)] }
            text.append(0)
            _ = lantern_put_cell(Int32(row), Int32(column), text, style.attributes, style.pair)
            column += Int(max(1, cell.width))
        }
    }
}
