import Foundation
import Testing

@testable import LanternCore

/// moto ignores Filters, so their serialisation is checked here.
@Suite struct SecurityHubFiltersTests {
    @Test func serialisesEveryFilterKind() throws {
        let filters = try SecurityHubFilters(parsing: [
            "severity=high,CRITICAL", "workflow=NEW", "account=123456789012,210987654321",
            "since=2026-11-01T00:00:00Z", "until=2026-11-29T00:00:00Z",
        ])
        #expect(JSONWriter(pretty: false).string(filters.json) == #"{"SeverityLabel":[{"Value":"HIGH","Comparison":"EQUALS"},{"Value":"CRITICAL","Comparison":"EQUALS"}],"WorkflowStatus":[{"Value":"NEW","Comparison":"EQUALS"}],"AwsAccountId":[{"Value":"123456789012","Comparison":"EQUALS"},{"Value":"210987654321","Comparison":"EQUALS"}],"RecordState":[{"Value":"ACTIVE","Comparison":"EQUALS"}],"UpdatedAt":[{"Start":"2026-11-01T00:00:00Z","End":"2026-11-29T00:00:00Z"}]}"#)
        let days = try SecurityHubFilters(parsing: ["days=7", "record-state=ARCHIVED"])
        #expect(JSONWriter(pretty: false).string(days.json) == #"{"RecordState":[{"Value":"ARCHIVED","Comparison":"EQUALS"}],"UpdatedAt":[{"DateRange":{"Value":7,"Unit":"DAYS"}}]}"#)
    }

    @Test func sameFiltersOnEveryPage() throws {
        let config = AWSConfiguration(
            credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "B"), region: "us-east-1",
            endpointURL: "http://127.0.0.1:9")
        let client = SecurityHubClient(client: try AWSClient(configuration: config, service: .securityHub), pageSize: 500)
        let filters = try SecurityHubFilters(parsing: ["severity=LOW"])
        let first = JSONWriter(pretty: false).string(client.requestBody(filters: filters, nextToken: nil))
        let next = JSONWriter(pretty: false).string(client.requestBody(filters: filters, nextToken: "tok"))
        #expect(first == #"{"Filters":{"SeverityLabel":[{"Value":"LOW","Comparison":"EQUALS"}],"RecordState":[{"Value":"ACTIVE","Comparison":"EQUALS"}]},"MaxResults":100}"#)
        #expect(next == String(first.dropLast()) + #","NextToken":"tok"}"#)
    }

    @Test(arguments: ["severity=SEVERE", "colour=red", "account=12345", "since=yesterday", "days=0", "severity",
                      "severity=", "days=3,since=2026-01-01T00:00:00Z"])
    func rejectsBadSpecs(_ spec: String) {
        let specs = spec.hasPrefix("days=3,") ? ["days=3", "since=2026-01-01T00:00:00Z"] : [spec]
        #expect(throws: AWSError.self) { try SecurityHubFilters(parsing: specs) }
    }
}
