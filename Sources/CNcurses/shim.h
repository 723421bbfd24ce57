// The only code in Lantern that sees <ncurses.h>.
//
// SwiftPM drops the -D flags pkg-config gives for ncursesw, so the wide-character
// API is switched on here, before <ncurses.h>.
//
// `_XOPEN_SOURCE 700` is NOT defined here although wcwidth needs it: it changes
// glibc's struct definitions (fd_set's `fds_bits` vs `__fds_bits`), and Swift then
// refuses to import this module next to Dispatch/Foundation ("not present in
// definition of 'fd_set' in module 'CNcurses'"). wcwidth is declared below instead.
#ifndef LANTERN_CNCURSES_SHIM_H
#define LANTERN_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

/// POSIX (X/Open) wcwidth, declared here rather than through _XOPEN_SOURCE (see above).
extern int wcwidth(wchar_t c);

// MARK: - Attributes (macros Swift cannot import)

static inline attr_t lantern_a_normal(void) { return A_NORMAL; }
static inline attr_t lantern_a_bold(void) { return A_BOLD; }
static inline attr_t lantern_a_dim(void) { return A_DIM; }
static inline attr_t lantern_a_italic(void) { return A_ITALIC; }
static inline attr_t lantern_a_underline(void) { return A_UNDERLINE; }
static inline attr_t lantern_a_reverse(void) { return A_REVERSE; }

// MARK: - Globals Swift 6 rejects

static inline WINDOW *lantern_stdscr(void) { return stdscr; }
static inline int lantern_lines(void) { return getmaxy(stdscr); }
static inline int lantern_cols(void) { return getmaxx(stdscr); }
static inline int lantern_colors(void) { return COLORS; }
static inline int lantern_color_pairs(void) { return COLOR_PAIRS; }

// MARK: - Setup

/// Sets the locale from the environment; falls back to C.UTF-8 when the
/// environment's character set is not UTF-8. Returns 1 when the result is UTF-8.
static inline int lantern_setlocale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) { return 1; }
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) { return 1; }
    return 0;
}

static inline int lantern_set_escdelay(int ms) { return set_escdelay(ms); }

// MARK: - Mouse (opt-in)

/// Reports button-1 presses and the wheel; no click resolution delay.
static inline void lantern_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

/// The pending mouse event after KEY_MOUSE: kind 1 button 1, 2 wheel up,
/// 3 wheel down, 0 anything else. Returns 0 when there is none.
static inline int lantern_mouse_event(int *x, int *y, int *kind) {
    MEVENT event;
    if (getmouse(&event) != OK) { return 0; }
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) { *kind = 1; }
    else if (event.bstate & BUTTON4_PRESSED) { *kind = 2; }
    else if (event.bstate & BUTTON5_PRESSED) { *kind = 3; }
    else { *kind = 0; }
    return 1;
}

/// Defines colour pair `pair` (pairs above 255 need the extended call).
static inline int lantern_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

// MARK: - Drawing

/// Writes one cell: `text` is a spacing character followed by up to four
/// combining characters, NUL-terminated; `pair` may exceed 255.
static inline int lantern_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    int extended = pair;
    if (setcchar(&cell, text, attrs, (short)(pair < 256 ? pair : 0), &extended) != OK) { return ERR; }
    return mvwadd_wch(stdscr, y, x, &cell);
}

static inline int lantern_wcwidth(uint32_t scalar) { return wcwidth((wchar_t)scalar); }

// MARK: - Input

/// Reads one key: returns OK with a character, KEY_CODE_YES with a key code, or ERR on timeout.
static inline int lantern_get_wch(uint32_t *out) {
    wint_t ch = 0;
    int result = wget_wch(stdscr, &ch);
    *out = (uint32_t)ch;
    return result;
}

// MARK: - Crash restore

/// The terminal modes before curses changed them, for the crash handler
/// (function-local statics: Swift's importer does not emit a header's globals).
static inline struct termios *lantern_saved_modes(void) { static struct termios modes; return &modes; }
static inline int *lantern_have_saved_modes(void) { static int saved = 0; return &saved; }

/// Puts the terminal back with async-signal-safe calls only (write, tcsetattr,
/// signal, raise; never endwin, which allocates and touches curses' state):
/// reset attributes, mouse reporting and keypad mode off, cursor shown, main
/// screen back, the saved tty modes (echo, canonical input) restored; then
/// dies of the same signal with its default action (exit status 128 + signal).
static inline void lantern_crash_handler(int sig) {
    static const char reset[] =
        "\033[0m"                                      /* attributes off */
        "\033[?1000l\033[?1002l\033[?1003l\033[?1006l"  /* mouse reporting off */
        "\033[?1l\033>"                                /* cursor and keypad keys back to normal */
        "\033[?25h"                                    /* cursor visible */
        "\033[?1049l";                                 /* leave the alternate screen */
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (*lantern_have_saved_modes()) { tcsetattr(STDIN_FILENO, TCSANOW, lantern_saved_modes()); }
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Saves the terminal modes and restores the terminal before the default
/// action of a crash signal. Call before initscr().
static inline void lantern_install_crash_handlers(void) {
    if (tcgetattr(STDIN_FILENO, lantern_saved_modes()) == 0) { *lantern_have_saved_modes() = 1; }
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        signal(signals[i], lantern_crash_handler);
    }
}

#endif
