import Foundation

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

    deinit {
        _ = try? run(["kill-server"], capture: false)
    }

    @discardableResult
    func run(_ arguments: [String], capture: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = ["-L", socket, "-f", "/dev/null"] + arguments
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard capture else {
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return ""
        }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "t", "-x", String(width), "-y", String(height)], capture: false)
    }
}
