import Foundation

/// Writes files atomically: a private temporary file in the same folder,
/// flushed, then renamed over the target.
public enum AtomicFile {
    /// Writes `text` to `path` with mode `mode` (0600 by default).
    public static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = ((directory.isEmpty ? "." : directory) as NSString)
            .appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        guard fd >= 0 else { throw CaseError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count, failure == nil {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno != EINTR { failure = String(cString: strerror(errno)) }
            } else {
                offset += written
            }
        }
        if failure == nil, fchmod(fd, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw CaseError.cannotWrite(path: path, reason: failure)
        }
    }
}
