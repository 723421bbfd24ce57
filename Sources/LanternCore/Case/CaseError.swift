/// Why a case operation failed.
public enum CaseError: Error, CustomStringConvertible, Equatable {
    case noSuchCase(String)
    case noSuchFinding(String)
    case noSuchEvent(String)
    case caseExists(String)
    case invalidImport(String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .noSuchCase(let id): return "no case \(id)"
        case .noSuchFinding(let id): return "no finding \(id)"
        case .noSuchEvent(let id): return "no event \(id)"
        case .caseExists(let id): return "case \(id) already exists (use --replace)"
        case .invalidImport(let reason): return "not a Lantern case export: \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
