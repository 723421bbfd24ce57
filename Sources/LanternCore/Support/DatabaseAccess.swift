import Foundation

/// Why a database cannot be written, in words an analyst can act on.
///
/// SQLite alone says "unable to open database file" or "attempt to write a
/// readonly database": it names neither the file nor the cause. In WAL mode a
/// writer needs the database file *and* its folder writable (the `-wal` and
/// `-shm` files live next to it), so both are checked with `access(2)`, which
/// also reports a read-only file system (`EROFS`) to root.
public enum DatabaseAccess {
    /// Why `path` cannot be opened for writing, or nil when it can (or does not
    /// exist yet and its folder can be written).
    public static func writeProblem(_ path: String) -> String? {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path), access(path, W_OK) != 0 {
            return "the database file is not writable (\(String(cString: strerror(errno))))"
        }
        let folder = self.folder(of: path)
        if fileManager.fileExists(atPath: folder), access(folder, W_OK) != 0 {
            let name = (path as NSString).lastPathComponent
            return "its folder \(folder) is not writable (\(String(cString: strerror(errno)))); "
                + "SQLite needs to create \(name)-wal and \(name)-shm there"
        }
        return nil
    }

    /// The folder holding `path` (`.` for a bare file name).
    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
