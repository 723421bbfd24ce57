import Foundation

/// Builds the account catalog from AWS Organizations and saves it as an
/// enrichment source that ownership lookups use.
public enum OrganizationsSync {
    /// The enrichment source name used when none is given.
    public static let defaultSourceName = "aws-organizations"

    /// Describes `accountIDs` (or every account when empty), then saves the
    /// catalog as source `name` (replacing an earlier sync).
    /// - Returns: the records saved.
    /// - Throws: ``AWSError`` (`AccountNotFoundException` for an unknown account), store errors.
    public static func run(
        client: OrganizationsClient, accountIDs: [String], into store: Store, name: String = defaultSourceName,
        cancellation: AWSCancellation? = nil, progress: ((Int, Int) -> Void)? = nil
    ) throws -> [AccountRecord] {
        let ids = accountIDs.isEmpty ? try client.listAccountIDs().map(\.id) : accountIDs
        var records: [AccountRecord] = []
        for (index, id) in ids.enumerated() {
            if cancellation?.isCancelled == true { throw AWSError.cancelled }
            records.append(try client.accountRecord(id: id))
            progress?(index + 1, ids.count)
        }
        let data = OrganizationsClient.catalogJSON(records)
        // Check the saved bytes read back as the catalog ownership will load.
        let catalog = try AccountCatalog(data: data, file: name)
        try store.saveEnrichmentSource(
            name: name, file: .accountCatalog, path: client.client.endpoint.absoluteString,
            entries: catalog.accounts.count, data: data)
        return records
    }
}
