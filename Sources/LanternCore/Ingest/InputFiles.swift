import Foundation

/// Expands ingest arguments (files and directories) into the files to read.
///
/// Directories are walked recursively in name order; hidden entries are
/// skipped; a directory reached twice (a symlink loop) is read once and
/// reported.
enum InputFiles {
    struct Listing {
        var files: [String] = []
        var problems: [IngestReport.Problem] = []
    }

    static func expand(_ paths: [String]) -> Listing {
        var listing = Listing()
        var visited: Set<[UInt64]> = []
        for path in paths { visit(path, depth: 0, visited: &visited, into: &listing) }
        return listing
    }

    private static func visit(_ path: String, depth: Int, visited: inout Set<[UInt64]>, into listing: inout Listing) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            listing.problems.append(.init(file: path, record: nil, reason: String(cString: strerror(errno))))
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                listing.problems.append(.init(file: path, record: nil, reason: "directory already visited (symlink loop); skipped"))
                return
            }
            guard depth < 64 else {
                listing.problems.append(.init(file: path, record: nil, reason: "directories nested too deep; skipped"))
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                listing.problems.append(.init(file: path, record: nil, reason: "cannot list directory: \(error.localizedDescription)"))
                return
            }
            for name in names where !name.hasPrefix(".") {
                visit((path as NSString).appendingPathComponent(name), depth: depth + 1, visited: &visited, into: &listing)
            }
        } else if (info.st_mode & S_IFMT) == S_IFREG {
            if depth > 0, isLicenceOrDoc(path) { return }
            listing.files.append(path)
        } else {
            // A FIFO could block the run forever, a device read forever: name it, never open it.
            listing.problems.append(.init(file: path, record: nil, reason: "not a regular file (FIFO, socket or device); skipped"))
        }
    }

    /// Files met inside directories that are documentation, not data.
    private static func isLicenceOrDoc(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent.uppercased()
        return name.contains("LICENSE") || name.contains("LICENCE") || name.hasPrefix("README")
            || name.hasPrefix("NOTICE") || name.hasSuffix(".MD")
    }
}
