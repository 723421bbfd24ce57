import Foundation
import LanternCore

/// Key → frame times recorded by the real run loop (set `LANTERN_FRAME_LOG`
/// to a file path): from the moment a key is read to the moment its frame
/// has been handed to the terminal. Written one millisecond figure per line
/// when the app exits; `scripts/bench-tui-tmux.sh` reads it.
public final class FrameLog {
    private let path: String
    private var milliseconds: [Double] = []

    /// Makes a log that will be written to `path`.
    public init(path: String) {
        self.path = path
    }

    /// Seconds from process start to the first frame showing the findings list.
    private var startup: Double?

    /// Records that the first frame with the findings list was drawn now.
    func recordListShown() {
        guard startup == nil else { return }
        startup = ResourceUsage.secondsSinceStart
    }

    /// Records one key's time, in nanoseconds.
    func record(nanoseconds: UInt64) {
        milliseconds.append(Double(nanoseconds) / 1e6)
    }

    /// Writes the figures (mode 0600).
    public func write() throws {
        var text = milliseconds.map { String(format: "%.3f", $0) }.joined(separator: "\n") + "\n"
        // Comment lines: start-up and memory, for scripts/bench-tui-tmux.sh.
        if let startup { text += String(format: "# startup %.1f ms\n", startup * 1000) }
        text += String(format: "# peak RSS %.1f MB (with the store's mapped pages); heap and stacks at exit %.1f MB\n",
                       Double(ResourceUsage.peakResidentBytes) / 1e6, Double(ResourceUsage.anonymousResidentBytes) / 1e6)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
