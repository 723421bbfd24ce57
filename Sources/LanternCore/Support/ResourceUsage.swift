import Foundation

/// What this process has used, for benchmarks and reports.
public enum ResourceUsage {
    /// The peak resident set size of this process, in bytes.
    public static var peakResidentBytes: Int64 {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    /// Seconds since this process started (the kernel's start time has a
    /// resolution of one clock tick, usually 10 ms); nil where /proc is missing.
    public static var secondsSinceStart: Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name; starttime is field 22 of the whole line.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_BOOTTIME, &now)
        let booted = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        return booted - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident memory that is not a mapped file (heap and stacks), in
    /// bytes: what the process itself holds, unlike the store's pages it
    /// maps, which the kernel can drop at will.
    public static var anonymousResidentBytes: Int64 {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
              let kilobytes = Int64(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    /// Makes the allocator hand buffers of 1 MB and more straight back to
    /// the system when freed. glibc otherwise raises its mapping threshold
    /// to the largest buffer freed so far, and later batch-sized buffers
    /// then come from arenas that stay resident: ingesting the 1M-event
    /// corpus peaked at 227 MB with the dynamic threshold, 159 MB with this.
    public static func returnLargeBuffersToTheSystem() {
        #if canImport(Glibc)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>, which Glibc's module leaves out.
        _ = glibcMallopt(mmapThreshold, 1 << 20)
        #endif
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

#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
