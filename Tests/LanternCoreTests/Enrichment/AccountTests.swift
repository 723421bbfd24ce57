import Foundation
import Testing

@testable import LanternCore

@Suite("Accounts")
struct AccountTests {
    @Test func knownVendorAccountsResolve() throws {
        let known = try KnownAWSAccounts(
            data: EnrichmentTestSupport.read("ownership/known-aws-accounts.yaml"), file: "known-aws-accounts.yaml")
        #expect(known.issues.isEmpty)
        #expect(known.vendors.count == 238)
        #expect(known.accountCount >= 490)
        let datadog = known.vendors(for: "464622532012")
        #expect(datadog.map(\.name) == ["Datadog"])
        #expect(datadog.first?.sources.first?.hasPrefix("https://docs.datadoghq.com") == true)
        // Multi-line flow lists and block lists of sources both parse.
        let fortinet = try #require(known.vendors.first { $0.accounts == ["854209929931"] })
        #expect(fortinet.sources.count == 2)
        let spot = try #require(known.vendors.first { $0.name == "Spotinst" })
        #expect(spot.sources.count == 3 && spot.accounts.count == 4)
        #expect(known.vendors.contains { $0.isAWSService })
        #expect(known.vendors.contains { !$0.enabled })
        #expect(known.vendors(for: "000000000000").isEmpty)

        var index = OwnershipIndex()
        index.vendors = known
        let account = try #require(index.account("464622532012"))
        #expect(account.isThirdParty)
        #expect(account.summary == "Datadog (third-party vendor)")
        #expect(index.account("123837392027")?.summary == "unknown account")
    }

    static let csv = """
        account_id,name,ou,owner,environment,tags
        123837392027,invictus-lab,Root/Sandbox,secops@example.com,dev,team=ir;cost-centre=42
        33677994240,legacy,Root/Legacy,ops,prod,
        not-an-id,broken,,,,
        """

    @Test func catalogFromCSV() throws {
        let catalog = try AccountCatalog(data: Data(AccountTests.csv.utf8), file: "accounts.csv")
        let lab = try #require(catalog.account("123837392027"))
        #expect(lab.name == "invictus-lab" && lab.ou == "Root/Sandbox" && lab.owner == "secops@example.com")
        #expect(lab.environment == "dev" && lab.tags == ["team": "ir", "cost-centre": "42"])
        #expect(catalog.account("033677994240")?.name == "legacy")  // leading zero restored
        #expect(catalog.issues.map(\.line) == [4])
    }

    @Test func catalogFromJSONAndOrganizationsOutput() throws {
        let json = """
            [{"id": "123837392027", "name": "invictus-lab", "ou": "Root/Sandbox", "tags": {"team": "ir"}},
             {"AccountId": 111122223333, "Name": "numbers"}]
            """
        let catalog = try AccountCatalog(data: Data(json.utf8))
        #expect(catalog.account("123837392027")?.tags == ["team": "ir"])
        #expect(catalog.account("111122223333")?.name == "numbers")
        let organizations = """
            {"Accounts": [{"Id": "210987654321", "Arn": "arn:aws:organizations::1:account/o-x/210987654321",
              "Email": "owner@example.com", "Name": "payments-prod", "Status": "ACTIVE"}]}
            """
        let org = try AccountCatalog(data: Data(organizations.utf8))
        let record = try #require(org.account("210987654321"))
        #expect(record.name == "payments-prod" && record.owner == "owner@example.com" && record.tags.isEmpty)
    }

    @Test func catalogFromYAML() throws {
        let yaml = """
            # our accounts
            accounts:
              - id: '123837392027'
                name: invictus-lab   # the lab
                ou: Root/Sandbox
                owner: "Sec Ops"
                environment: dev
                tags:
                  team: ir
                  data: "none: really"
              - id: 210987654321
                name: payments-prod
                tags: {team: payments, tier: '1'}
              - name: missing-id
            """
        let catalog = try AccountCatalog(data: Data(yaml.utf8), file: "accounts.yaml")
        let lab = try #require(catalog.account("123837392027"))
        #expect(lab.name == "invictus-lab" && lab.owner == "Sec Ops" && lab.environment == "dev")
        #expect(lab.tags == ["team": "ir", "data": "none: really"])
        #expect(catalog.account("210987654321")?.tags == ["team": "payments", "tier": "1"])
        #expect(catalog.issues.count == 1)

        var index = OwnershipIndex()
        index.accounts = catalog
        let identity = try #require(index.identity("arn:aws:sts::123837392027:assumed-role/Admin/alice"))
        #expect(identity.arn?.sessionName == "alice")
        #expect(identity.account?.record?.name == "invictus-lab")
        #expect(identity.account?.summary == "invictus-lab (Root/Sandbox)")
        let key = try #require(index.identity("ASIAY34FZKBOKMUTVV7A"))
        #expect(key.identifier?.kind == .temporaryAccessKey && key.account?.id == "609629065308")
    }

    @Test func yamlErrorsNameTheLine() {
        #expect(throws: EnrichmentError.self) { _ = try SimpleYAML.parse("- a: [1, 2\n- b: 3\n") }
        do {
            _ = try SimpleYAML.parse("key: value\n  - stray\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch let error as EnrichmentError {
            #expect(error.file == "x.yaml" && error.line == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: EnrichmentError.self) { _ = try SimpleYAML.parse("a: &anchor 1\n") }
    }
}
