/// Every setting Lantern reads from the configuration file, the environment
/// or a flag: its key in the file, its environment variables, its kind and
/// its default. This table is the single source for `lantern config show`
/// and `docs/configuration.md`.
public enum SettingKey: String, CaseIterable, Sendable {
    case database
    case theme
    case timeZone = "time-zone"
    case readOnly = "read-only"
    case activityWindow = "activity.window"
    case intelSources = "sources.intel"
    case ownershipSources = "sources.ownership"
    case accountCatalog = "sources.accounts"
    case awsProfile = "aws.profile"
    case awsRegion = "aws.region"
    case athenaTable = "athena.table"
    case athenaWorkgroup = "athena.workgroup"
    case athenaOutput = "athena.output"
    case mouse = "tui.mouse"
    case clipboard = "tui.clipboard"
    case keymap = "tui.keymap"

    /// The kind of value a setting holds, which decides how text is checked.
    public enum Kind: Sendable, Equatable {
        /// A file path; `~/` is expanded, relative paths in the file are relative to the file.
        case path
        /// A list of file paths (`PATH:PATH` in the environment).
        case paths
        case string
        case boolean
        /// One of a fixed set of words.
        case choice([String])
        /// A duration such as `24h`, `90m`, `2d`.
        case duration
        /// An IANA time zone name (`UTC`, `Europe/Paris`) or `local`.
        case timeZone
    }

    /// The key as written in the file, dotted: `tui.mouse` is `mouse` in `[tui]`.
    public var name: String { rawValue }

    /// The key's path in the TOML document.
    public var path: [String] { rawValue.split(separator: ".").map(String.init) }

    /// The environment variables that set it, the first one set wins.
    public var environmentVariables: [String] {
        switch self {
        case .database: return ["LANTERN_DB"]
        case .theme: return ["LANTERN_THEME"]
        case .timeZone: return ["LANTERN_TIME_ZONE"]
        case .readOnly: return ["LANTERN_READ_ONLY"]
        case .activityWindow: return ["LANTERN_ACTIVITY_WINDOW"]
        case .intelSources: return ["LANTERN_INTEL"]
        case .ownershipSources: return ["LANTERN_OWNERSHIP"]
        case .accountCatalog: return ["LANTERN_ACCOUNTS"]
        case .awsProfile: return ["AWS_PROFILE"]
        case .awsRegion: return ["AWS_REGION", "AWS_DEFAULT_REGION"]
        case .athenaTable: return ["LANTERN_ATHENA_TABLE"]
        case .athenaWorkgroup: return ["LANTERN_ATHENA_WORKGROUP"]
        case .athenaOutput: return ["LANTERN_ATHENA_OUTPUT"]
        case .mouse: return ["LANTERN_MOUSE"]
        case .clipboard: return ["LANTERN_CLIPBOARD"]
        case .keymap: return ["LANTERN_KEYMAP"]
        }
    }

    /// The command-line flag that sets it, where one exists.
    public var flag: String? {
        switch self {
        case .database: return "--db"
        case .theme: return "--theme"
        case .activityWindow: return "--window"
        case .awsProfile: return "--profile"
        case .awsRegion: return "--region"
        case .athenaTable: return "--athena-table"
        case .athenaWorkgroup: return "--athena-workgroup"
        case .athenaOutput: return "--athena-output"
        case .timeZone, .readOnly, .intelSources, .ownershipSources, .accountCatalog, .mouse, .clipboard, .keymap:
            return nil
        }
    }

    /// The kind of value.
    public var kind: Kind {
        switch self {
        case .database, .accountCatalog: return .path
        case .intelSources, .ownershipSources: return .paths
        case .theme, .awsProfile, .awsRegion, .athenaTable, .athenaWorkgroup: return .string
        case .athenaOutput: return .string
        case .readOnly, .mouse: return .boolean
        case .timeZone: return .timeZone
        case .activityWindow: return .duration
        case .clipboard: return .choice(["osc52", "off"])
        case .keymap: return .choice(["vim", "emacs"])
        }
    }

    /// The value when nothing sets it; `.unset` where there is none.
    /// `database`'s default depends on `XDG_DATA_HOME`, so it is given by the resolver.
    public var defaultValue: SettingValue {
        switch self {
        case .database: return .unset
        case .theme: return .string("default")
        case .timeZone: return .string("UTC")
        case .readOnly, .mouse: return .boolean(false)
        case .activityWindow: return .string("24h")
        case .intelSources, .ownershipSources: return .strings([])
        case .accountCatalog, .awsProfile, .awsRegion, .athenaTable, .athenaOutput: return .unset
        case .athenaWorkgroup: return .string("primary")
        case .clipboard: return .string("osc52")
        case .keymap: return .string("vim")
        }
    }

    /// One line for `lantern config show --help` and the documentation.
    public var summary: String {
        switch self {
        case .database: return "the database file"
        case .theme: return "the TUI theme: a built-in name or a .theme file"
        case .timeZone: return "time zone for displayed times: UTC, local, or an IANA name such as Europe/Paris"
        case .readOnly: return "open the database read-only (no ingest, no case edits)"
        case .activityWindow: return "activity window on each side of a finding or time"
        case .intelSources: return "intel files (lists, CSV, STIX, MISP) loaded automatically"
        case .ownershipSources: return "ownership files (ip-ranges.json, ASN tables, .mmdb) loaded automatically"
        case .accountCatalog: return "the account catalog (CSV, JSON or YAML)"
        case .awsProfile: return "AWS profile for live sources"
        case .awsRegion: return "AWS region for live sources"
        case .athenaTable: return "Athena table holding CloudTrail (database.table)"
        case .athenaWorkgroup: return "Athena workgroup"
        case .athenaOutput: return "Athena query result location (s3://bucket/prefix/)"
        case .mouse: return "mouse in the TUI (click selects, wheel scrolls); off keeps native text selection"
        case .clipboard: return "how `y` copies: osc52 (works through tmux and SSH) or off"
        case .keymap: return "key preset the [keys] table starts from: vim or emacs"
        }
    }
}
