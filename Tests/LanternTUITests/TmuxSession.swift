import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server running one command in a window of a given size,
/// driven by keys and read by `capture-pane`.
final class TmuxSession {
    let socket = "lantern-e2e-\(UUID().uuidString.prefix(8))"
    let tmux: String

    /// Starts `command` in a `width` × `height` window; fails loudly when tmux is missing.
    init(command: String, width: Int, height: Int) throws {
        guard let found = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else {
            throw TUITestFailure("tmux is required for the end-to-end TUI tests (apt-get install -y tmux) and was not found")
        }
        tmux = found
        // The server this starts keeps whatever stdout it is given open: give it none,
        // or reading the pipe to its end would wait for the server to exit.
        try run(["new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), command], capture: false)
    }

    deinit { shutdown() }

    /// Ends the private tmux server (and the programs in it).
    func shutdown() {
        // kill-session ends the programs in the pane; kill-server alone was seen to leave the server running.
        _ = try? run(["kill-session", "-t", "t"], capture: false)
        _ = try? run(["kill-server"], capture: false)
    }

    /// Runs tmux with `arguments` and waits for it; returns its standard output when `capture`.
    ///
    /// Spawned with posix_spawn and reaped with waitpid rather than Foundation's
    /// `Process`: `new-session` forks the tmux server, which inherits the
    /// descriptors `Process` watches to notice the exit, so `waitUntilExit` never returns.
    @discardableResult
    func run(_ arguments: [String], capture: Bool = true) throws -> String {
        let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
        var pipe: [Int32] = [-1, -1]
        if capture { guard Glibc.pipe(&pipe) == 0 else { throw TUITestFailure("pipe failed") } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
            posix_spawn_file_actions_addclose(&actions, pipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, nil, &cArguments, environ)
        if capture { close(pipe[1]) }
        guard spawned == 0 else {
            if capture { close(pipe[0]) }
            throw TUITestFailure("cannot run tmux: error \(spawned)")
        }
        var output = [UInt8]()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(pipe[0], &buffer, buffer.count)
                if count > 0 { output += buffer[0..<count] } else if count == 0 || errno != EINTR { break }
            }
            close(pipe[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Tab`, `C-c`, `j`).
    func keys(_ names: String...) throws {
        try run(["send-keys", "-t", "t"] + names, capture: false)
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "t", "-l", text], capture: false)
    }

    /// The pane's text now.
    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "t"])
    }

    /// Polls until every one of `texts` is on screen; the cap only stops a hung test.
    @discardableResult
    func waitFor(_ texts: String..., cap: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(cap)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if texts.allSatisfy(screen.contains) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TUITestFailure("never saw \(texts.filter { !screen.contains($0) }) on screen:\n\(screen)")
    }

    /// Polls until `predicate` holds for the screen.
    @discardableResult
    func waitUntil(_ what: String, cap: TimeInterval = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(cap)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TUITestFailure("never saw \(what) on screen:\n\(screen)")
    }

    /// A tmux format variable of the pane (`alternate_on`, `cursor_flag`…).
    func format(_ name: String) throws -> String {
        try run(["display-message", "-p", "-t", "t", "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "t", "-x", String(width), "-y", String(height)], capture: false)
    }
}
