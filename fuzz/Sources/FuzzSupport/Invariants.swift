import LanternCore

/// Checks that hold for any input; a violation aborts, which libFuzzer reports as a crash.
public enum Invariants {
    /// `text` after ``TerminalText/sanitize(_:)`` holds no character a terminal would act on.
    public static func checkSanitized(_ text: String) {
        let shown = TerminalText.sanitize(text)
        for scalar in shown.unicodeScalars where TerminalText.isUnsafe(scalar) {
            fatalError("TerminalText.sanitize let U+\(String(scalar.value, radix: 16)) through")
        }
    }

    /// ``CredentialRedaction`` of the valid JSON `record` (parsed: `value`) changes nothing but
    /// the values of secret members: its output parses, and equals the input once both have their
    /// secret members replaced by ``CaseRedaction``.
    public static func checkCredentialRedaction(_ record: UnsafeBufferPointer<UInt8>, _ value: JSONValue) {
        guard let redacted = CredentialRedaction.redacted(record) else { return }
        guard let back = try? JSONValue.parse(redacted) else {
            fatalError("CredentialRedaction broke the JSON: \(String(decoding: redacted.prefix(200), as: UTF8.self))")
        }
        guard CaseRedaction.redact(back) == CaseRedaction.redact(value) else {
            fatalError("CredentialRedaction changed more than secrets: \(String(decoding: redacted.prefix(200), as: UTF8.self))")
        }
    }

    /// JSON written by ``JSONWriter`` holds no raw control character and parses back to `value`.
    public static func checkRoundTrip(_ value: JSONValue) {
        let text = JSONWriter(pretty: false).string(value)
        for scalar in text.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            fatalError("JSONWriter emitted raw U+\(String(scalar.value, radix: 16))")
        }
        guard let back = try? JSONValue.parse(text) else { fatalError("JSONWriter output does not parse: \(text.prefix(200))") }
        guard back == value else { fatalError("JSON round trip changed the value: \(text.prefix(200))") }
    }
}
