/// Decides what one input record is, and reads it: a CloudTrail event, one
/// or more findings, or something to report. Pure: no store access, so it
/// runs on the parsing thread while the writer thread stores.
enum RecordClassifier {
    /// What a record turned out to be.
    enum Outcome: Sendable {
        /// A CloudTrail event; its raw record is `raw` (the record's bytes when nil, or
        /// the JSON carried inside a lookup-events / EventBridge wrapper), with
        /// credential secrets replaced by ``CredentialRedaction``.
        case event(CloudTrailEvent, raw: [UInt8]?)
        case findings([Finding])
        /// A record of a known kind that cannot be used, and why.
        case skipped(reason: String, isEvent: Bool)
        /// A record that is neither an event nor a finding.
        case unrecognized
    }

    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, container: RecordStream.Container) -> Outcome {
        switch container {
        case .records:
            do {
                return .event(try CloudTrailScanner.scan(bytes), raw: CredentialRedaction.redacted(bytes))
            } catch {
                return .skipped(reason: error.description, isEvent: true)
            }
        case .events:
            // `lookup-events` output: the record is a JSON string member.
            guard let value = try? JSONValue.parse(bytes), let text = value["CloudTrailEvent"]?.stringValue else {
                return .skipped(reason: "lookup-events entry has no CloudTrailEvent string", isEvent: true)
            }
            return embedded(Array(text.utf8), label: "CloudTrailEvent")
        case .findings, .array, .document:
            break
        }
        if container != .findings {
            do {
                return .event(try CloudTrailScanner.scan(bytes), raw: CredentialRedaction.redacted(bytes))
            } catch .notCloudTrail {
                // Not an event: try the finding shapes below.
            } catch {
                return .skipped(reason: error.description, isEvent: true)
            }
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            return .skipped(reason: "malformed JSON: \(error)", isEvent: false)
        }
        // EventBridge "AWS API Call via CloudTrail": the detail is the record.
        if let detail = value["detail"], detail["eventName"] != nil {
            return embedded(Array(JSONWriter(pretty: false).string(detail).utf8), label: "EventBridge detail")
        }
        do {
            return .findings(try FindingNormalizer.findings(in: value))
        } catch {
            // A record shaped like a finding (or in a `Findings` array) says why it is unusable.
            let findingShaped = FindingNormalizer.isASFF(value) || FindingNormalizer.isGuardDuty(value)
            return container == .findings || findingShaped ? .skipped(reason: error.description, isEvent: false) : .unrecognized
        }
    }

    private static func embedded(_ raw: [UInt8], label: String) -> Outcome {
        raw.withUnsafeBufferPointer { view in
            do {
                return .event(try CloudTrailScanner.scan(view), raw: CredentialRedaction.redacted(view) ?? raw)
            } catch {
                return .skipped(reason: "\(label): \(error)", isEvent: true)
            }
        }
    }
}
