import Foundation

/// What this process has used, for benchmarks and reports.
public enum ResourceUsage {
    /// The peak resident set size of this process, in bytes.
    public static var peakResidentBytes: Int64 {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    /// The path of the running executable.
    public static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The total size of a file or of every file under a directory.
    public static func diskBytes(_ path: String) -> Int64 {
        var total: Int64 = 0
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            for case let name as String in enumerator {
                let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name)
                if attributes?[.type] as? FileAttributeType == .typeRegular {
                    total += (attributes?[.size] as? Int64) ?? Int64((attributes?[.size] as? Int) ?? 0)
                }
            }
        }
        if total == 0, let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int {
            total = Int64(size)
        }
        return total
    }
}
