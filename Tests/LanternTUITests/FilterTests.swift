import Testing

@testable import LanternCore
@testable import LanternTUI

@Suite struct FilterTests {
    @Test func parsesFieldTermsNegationAndPhrases() throws {
        let filter = try FindingFilter.parse(#"sev>=high type:Recon -account:prod ip:1.2.3.4 "exact phrase" key:AKIATFQR7NSC8Q4X20BJ"#).get()
        #expect(filter.clauses.count == 6)
        #expect(filter.clauses[0].term == .severity(.atLeast, 3))
        #expect(filter.clauses[1].term == .field(.type, "recon"))
        #expect(filter.clauses[2] == FindingFilter.Clause(term: .field(.account, "prod"), negated: true))
        #expect(filter.clauses[3].term == .observable(Observable(kind: .ipv4, "1.2.3.4")!))
        #expect(filter.clauses[4].term == .text("exact phrase"))
        #expect(filter.clauses[5].term == .observable(Observable(kind: .accessKey, "AKIATFQR7NSC8Q4X20BJ")!))
    }

    @Test func badTermsNameTheTerm() {
        guard case .failure(let error) = FindingFilter.parse("sev>=extreme") else {
            Issue.record("parsed")
            return
        }
        #expect(error.term == "sev>=extreme")
        guard case .failure(let ipError) = FindingFilter.parse("ip:999.1.1.1") else {
            Issue.record("parsed")
            return
        }
        #expect(ipError.reason == "not an IP address")
    }

    @Test func matchesTextAndSeverityAndNegation() throws {
        let finding = TUITestSupport.findings[1]
        let haystack = FindingFilter.haystack(finding, accountName: "prod-security")
        func passes(_ text: String) throws -> Bool {
            try FindingFilter.parse(text).get().matches(haystack: haystack, finding: { finding }, accountName: { "prod-security" }, matches: [:])
        }
        #expect(try passes("recon"))
        #expect(try passes("sev>=high"))
        #expect(try !passes("sev>high"))
        #expect(try passes("account:prod"))
        #expect(try !passes("-account:prod"))
        #expect(try passes("-type:Stealth"))
        #expect(try passes("RECON sev:high"))
    }

    @Test func shortTypesKeepTheBehaviourSegment() {
        #expect(FindingRow.shortType("TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller.Custom") == "Recon:IAMUser-MaliciousIPCaller.Custom")
        #expect(FindingRow.shortType("CredentialAccess:IAMUser/AnomalousBehavior") == "CredentialAccess:IAMUser/AnomalousBehavior")
        #expect(FindingRow.shortType("Software and Configuration Checks/AWS-Foundational-Security-Best-Practices")
                == "AWS-Foundational-Security-Best-Practices")
    }
}
