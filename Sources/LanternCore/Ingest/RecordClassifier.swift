/// Decides what one input record is, and reads it: a CloudTrail event, one
/// or more findings, or something to report. Pure: no store access, so it
/// runs on the parsing thread while the writer thread stores.
enum RecordClassifier {
    /// What a record turned out to be.
    enum Outcome: Sendable {
        /// A CloudTrail event; its raw record is `raw` (the record's bytes when nil, or
        /// the JSON carried inside a lookup-events / EventBridge wrapper), with
        /// credential secrets replaced by ``CredentialRedaction``. `spans`
        /// locate its values in the raw record, unless redaction changed it.
        case event(CloudTrailEvent, raw: [UInt8]?, spans: RawRecordElision.Spans?)
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
                let (event, redacted, spans) = try scanned(bytes)
                return .event(event, raw: redacted, spans: spans)
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
                let (event, redacted, spans) = try scanned(bytes)
                return .event(event, raw: redacted, spans: spans)
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

    /// The event in `bytes`, the record redacted (nil when nothing was),
    /// and where its values lie in `bytes` (nil when redacted: they moved).
    private static func scanned(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(CloudTrailScanner.Rejection) -> (CloudTrailEvent, redacted: [UInt8]?, spans: RawRecordElision.Spans?) {
        var spans = RawRecordElision.Spans()
        let event = try CloudTrailScanner.scan(bytes, spans: &spans)
        let redacted = CredentialRedaction.redacted(bytes)
        return (event, redacted, redacted == nil ? spans : nil)
    }

    private static func embedded(_ raw: [UInt8], label: String) -> Outcome {
        raw.withUnsafeBufferPointer { view in
            do {
                let (event, redacted, spans) = try scanned(view)
                return .event(event, raw: redacted ?? raw, spans: spans)
            } catch {
                return .skipped(reason: "\(label): \(error)", isEvent: true)
            }
        }
    }
}
