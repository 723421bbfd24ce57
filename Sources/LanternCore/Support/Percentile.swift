/// Percentiles of benchmark samples (nearest rank).
public enum Percentile {
    /// The `p`-th percentile (0…1) of `values`; 0 when there are none.
    public static func of(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }
}
