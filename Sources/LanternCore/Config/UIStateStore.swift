import Foundation

/// Why the TUI state file could not be read or written.
public struct UIStateStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The state file.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// Loads and saves ``UIState`` as JSON in `$XDG_STATE_HOME/lantern/state.json`
/// (default `~/.local/state/lantern/state.json`): mode 0600 in a 0700 folder,
/// written atomically so a crash never leaves half a file.
public struct UIStateStore: Sendable {
    /// The state file.
    public var path: String

    /// A store over `path`.
    public init(path: String) {
        self.path = path
    }

    /// A store at the default place for `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        self.path = (base as NSString).appendingPathComponent("lantern/state.json")
    }

    /// The saved state; an empty one when there is no file yet. A file that
    /// cannot be read or decoded is an error (the caller decides to start empty).
    public func load() throws(UIStateStoreError) -> UIState {
        guard FileManager.default.fileExists(atPath: path) else { return UIState() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw UIStateStoreError(path: path, reason: "cannot read the file")
        }
        do {
            let state = try JSONDecoder().decode(UIState.self, from: data)
            guard state.version == 1 else {
                throw UIStateStoreError(path: path, reason: "unknown version \(state.version)")
            }
            return state
        } catch let error as UIStateStoreError {
            throw error
        } catch {
            throw UIStateStoreError(path: path, reason: "not a Lantern state file (\(error))")
        }
    }

    /// Writes `state` atomically, creating the folder (0700) when needed; the file is 0600.
    public func save(_ state: UIState) throws(UIStateStoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let text = String(decoding: try encoder.encode(state), as: UTF8.self) + "\n"
            try AtomicFile.write(text, to: path, mode: 0o600)
        } catch {
            throw UIStateStoreError(path: path, reason: "cannot write the file (\(error))")
        }
    }
}
