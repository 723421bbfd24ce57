import Foundation

/// One HTTP answer from an AWS endpoint.
public struct AWSResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// Headers, names lower-cased.
    public var headers: [String: String]
    /// The body bytes.
    public var body: Data

    /// Makes a response.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The service error this answer carries (`__type` / `code` / `Code` and
    /// `message` / `Message`, from JSON or XML, or `X-Amzn-ErrorType`).
    func error(service: String) -> AWSError {
        var code: String?
        var message: String?
        if let json = try? JSONValue.parse(body) {
            code = json["__type"]?.nonEmptyString ?? json["code"]?.nonEmptyString ?? json["Code"]?.nonEmptyString
            message = json["message"]?.nonEmptyString ?? json["Message"]?.nonEmptyString
                ?? json["errorMessage"]?.nonEmptyString
        } else {
            let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
            code = AWSResponse.xmlElement("Code", in: text)
            message = AWSResponse.xmlElement("Message", in: text)
        }
        if code == nil, let header = headers["x-amzn-errortype"] { code = header }
        var clean = code ?? (status == 429 ? "TooManyRequests" : "HTTP\(status)")
        // `aws.protocoltests#Code` and `Code:http://internal.amazon.com/...` forms.
        if let hash = clean.lastIndex(of: "#") { clean = String(clean[clean.index(after: hash)...]) }
        if let colon = clean.firstIndex(of: ":") { clean = String(clean[..<colon]) }
        let oneLine = (message ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        return .service(service: service, status: status, code: clean, message: String(oneLine.prefix(400)))
    }

    static func xmlElement(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"),
            let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
