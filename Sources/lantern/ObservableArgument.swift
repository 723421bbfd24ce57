import ArgumentParser
import LanternCore

/// A value given on the command line, with an optional explicit kind.
struct ObservableOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("An IP, access key, ARN, account, domain, hash, instance…", valueName: "value"))
    var value: String

    @Option(name: .long, help: ArgumentHelp(
        "The kind of the value when it cannot be detected (userAgent, bucket, …).", valueName: "kind"))
    var kind: String?

    func observable() throws -> Observable {
        if let kind {
            guard let parsedKind = Observable.Kind(rawValue: kind) else {
                throw ValidationError("unknown kind \(kind); one of: \(Observable.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let observable = Observable(kind: parsedKind, value) else {
                throw ValidationError("\(value) is not a valid \(parsedKind.label)")
            }
            return observable
        }
        guard let observable = Observable(detecting: value) else {
            throw ValidationError("cannot tell what kind of value \(value) is; give --kind")
        }
        return observable
    }
}

/// How a command picks its time window.
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Centre the window on this time (RFC 3339).", valueName: "time"))
    var around: String?

    @Option(name: .long, help: ArgumentHelp("Window size on each side of --around, e.g. 1h, 30m, 2d (default 24h, or activity.window in the configuration).", valueName: "duration"))
    var window: String?

    @Option(name: .long, help: ArgumentHelp("Window start (RFC 3339).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Window end (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Use the window around this finding (first seen − 24 h … last seen + 24 h).", valueName: "finding-id"))
    var finding: String?

    func resolve(store: Store) throws -> TimeWindow {
        func time(_ text: String, _ name: String) throws -> Int64 {
            guard let ms = Timestamp.milliseconds(text) else { throw ValidationError("--\(name): not an RFC 3339 time: \(text)") }
            return ms
        }
        let span = try window.map { text -> Int64 in
            guard let ms = TimeWindow.duration(text), ms > 0 else { throw ValidationError("--window: not a duration: \(text)") }
            return ms
        } ?? CLISettings.resolvedOrDefault().activityWindowMilliseconds
        if let from, let to { return TimeWindow(from: try time(from, "from"), to: try time(to, "to")) }
        if from != nil || to != nil { throw ValidationError("--from and --to go together") }
        if let around { return TimeWindow.around(try time(around, "around"), before: span, after: span) }
        if let finding {
            guard let stored = try store.finding(id: finding) else { throw CLIError.notFound("no finding with Id \(finding)") }
            guard let window = TimeWindow.around(stored, margin: span) else {
                throw CLIError.notFound("finding \(finding) has no times to centre a window on")
            }
            return window
        }
        return .all
    }
}
