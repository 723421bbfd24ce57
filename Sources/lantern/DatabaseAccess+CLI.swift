import Foundation
import LanternCore

/// The CLI's errors for databases it cannot open or read, with the reason
/// ``DatabaseAccess`` finds.
extension DatabaseAccess {
    /// The error for a database at `path` that failed to open with `error`,
    /// with the reason when the file or its folder cannot be written.
    static func openFailure(_ path: String, _ error: Error) -> CLIError {
        let problem = writeProblem(path).map { " (\($0))" } ?? ""
        return CLIError.runtime("cannot open database \(path): \(error)\(problem)")
    }

    /// The error for a database at `path` that cannot be written and, read-only,
    /// failed to read with `error`: SQLite reads a WAL database through its
    /// `-shm` file, which a read-only folder or file system cannot hold.
    static func readFailure(_ path: String, _ error: Error) -> CLIError {
        let problem = writeProblem(path).map { "\($0); " } ?? ""
        return CLIError.runtime("cannot read database \(path): \(problem)SQLite reads a WAL database through "
            + "\((path as NSString).lastPathComponent)-shm beside it, which cannot be created there; copy the database "
            + "to a writable folder (SQLite: \(error))")
    }
}
