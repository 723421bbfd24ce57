import Foundation

/// One folder per test process (and test module) holds every temporary
/// directory the tests make, and is removed when the process exits:
/// fixtures a whole suite shares (a demo database) have no other moment to
/// go, and runs left them behind. Both test targets compile this file
/// (`Tests/LanternTUITests/TemporaryRoot.swift` links to it).
enum TemporaryRoot {
    /// A fresh directory under the root.
    static func directory() throws -> URL {
        let url = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-tests-\(UUID().uuidString)")
        temporaryRootPath = root.path
        atexit { temporaryRootPath.map { _ = try? FileManager.default.removeItem(atPath: $0) } }
        return root
    }()
}

/// The path of ``TemporaryRoot``'s folder, for the exit handler (which cannot capture).
nonisolated(unsafe) private var temporaryRootPath: String?
