/// The version printed by `lantern --version` and written into exports.
public enum LanternVersion {
    /// The current version.
    public static let current = "0.1.0"
}
