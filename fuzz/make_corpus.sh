#!/usr/bin/env bash
# Rebuilds the seed corpora in fuzz/corpus/<target>/ from small excerpts of the real sample
# data in ../shared/data (development machines only; the corpora are committed).
# Licences of the excerpted data: see fuzz/corpus/README.md.
set -euo pipefail
cd "$(dirname "$0")"
D=${DATA:-../../shared/data}
[ -d "$D" ] || { echo "make_corpus.sh: $D not found" >&2; exit 1; }
command -v jq >/dev/null || { echo "make_corpus.sh: jq is required" >&2; exit 1; }
rm -rf corpus/cloudtrail corpus/findings corpus/intel corpus/stix-pattern corpus/mmdb corpus/filter corpus/command-line corpus/stored-forms
mkdir -p corpus/{cloudtrail,findings,intel,stix-pattern,mmdb,filter,command-line,stored-forms}

# --- cloudtrail: the ingest front end -----------------------------------------------------------
C=corpus/cloudtrail
i=0
for f in $(ls -S "$D"/cloudtrail/invictus/CloudTrail/*.json | tail -4); do
    jq -c . "$f" > $C/s3-delivery-$i.json; i=$((i + 1))
done
jq -c '.[0:2]' "$D/cloudtrail/stratus-detonation/detonation-logs/aws.credential-access.ec2-get-password-data.json" > $C/bare-array.json
jq -c '.[0:3][]' "$D/cloudtrail/stratus-detonation/detonation-logs/aws.defense-evasion.cloudtrail-stop.json" > $C/json-lines.jsonl
gzip -9n -c $C/s3-delivery-0.json > $C/s3-delivery-0.json.gz
jq -c '{Events: [.Records[0:2][] | {EventId: .eventID, EventName: .eventName, CloudTrailEvent: tojson}]}' $C/s3-delivery-1.json > $C/lookup-events.json
jq -c '{version: "0", "detail-type": "AWS API Call via CloudTrail", source: "aws.ec2", detail: .Records[0]}' $C/s3-delivery-2.json > $C/eventbridge.json
printf '{"Records":[{"eventVersion":"1.08","eventTime":"2023-07-10T12:00:00Z","eventName":"x\\u001b[2J","userAgent":"\\u001b]52;c;aGk=\\u0007","eventID":"e1"},{"eventTime":12},' > $C/hostile-truncated.json
printf '{"Records":[{"eventTime":"2023-07-10T12:00:00Z","eventID":"\xff\xfe","eventName":"\xc3\x28"}]}' > $C/invalid-utf8.json

# --- stored-forms: single records as a raw-record store keeps them ----------------------------------
S=corpus/stored-forms
jq -c '.Records[0]' $(ls "$D"/cloudtrail/invictus/CloudTrail/*.json | head -1) > $S/record-compact.json
jq -c '.Records[1]' $(ls "$D"/cloudtrail/invictus/CloudTrail/*.json | tail -1) > $S/record-compact-2.json
jq '.[0]' "$D/cloudtrail/stratus-detonation/detonation-logs/aws.defense-evasion.cloudtrail-stop.json" > $S/record-pretty.json
printf '{"eventName":"A","eventName":"GetObject","eventTime":"2023-07-10T14:40:00Z","userAgent":"a\\"b","eventID":"x"}' > $S/repeated-and-escaped.json

# --- findings: ASFF, EventBridge-wrapped ASFF, native GuardDuty ------------------------------------
F=corpus/findings
i=0
for f in $(ls -S "$D"/findings/asff-asr/test_data/*.json | tail -3); do jq -c . "$f" > $F/asff-asr-$i.json; i=$((i + 1)); done
head -n 3 "$D/findings/panther/guardduty_test_findings.jsonl" | jq -c '.log' | split -l 1 - $F/guardduty-
head -n 2 "$D/findings/panther/asff_test_findings.jsonl" | jq -c '.log' | split -l 1 - $F/asff-panther-
jq -c '{Findings: .Findings[0:2]}' "$D/findings/asff-heimdall/prowler_sample.json" > $F/findings-wrapper.json
jq -c '{detail: {findings: [.Findings[0]]}}' "$D/findings/asff-heimdall/prowler_sample.json" > $F/eventbridge.json

# --- intel and ownership lists --------------------------------------------------------------------
I=corpus/intel
head -n 40 "$D/intel/ipsum/ipsum.txt" > $I/ipsum.txt
head -n 20 "$D/intel/tor/tor-exit-nodes.lst" > $I/tor.lst
head -n 30 "$D/intel/signature-base/c2-iocs.txt" > $I/c2-iocs.txt
head -n 20 "$D/intel/signature-base/hash-iocs.txt" > $I/hash-iocs.txt
jq -c . "$D/intel/stix21/examples/indicator-for-c2-ip-address.json" > $I/stix-bundle.json
jq -c . "$D/intel/stix21/examples/malicious-email-indicator-with-attachment.json" > $I/stix-email.json
jq -c '.list = .list[0:10]' "$D/intel/misp-warninglists/rfc1918/list.json" > $I/misp-rfc1918.json
jq -c '.list = .list[0:10]' "$D/intel/misp-warninglists/public-dns-v4/list.json" > $I/misp-dns.json
jq -c '.prefixes = .prefixes[0:5] | .ipv6_prefixes = .ipv6_prefixes[0:5]' "$D/ownership/aws-ip-ranges.json" > $I/aws-ip-ranges.json
{ zcat "$D/ownership/pyasn-routeviews/ipasn_20140513.dat.gz" | head -n 20 || true; } > $I/pyasn.dat
zcat "$D/ownership/pyasn-routeviews/asnames.json.gz" | jq -c 'to_entries[0:10] | from_entries' > $I/asnames.json
{ zcat "$D/ownership/geolite2-asn-csv/asn_ipv4.csv.gz" | head -n 15 || true; } > $I/geo-asn.csv
{ zcat "$D/ownership/geolite2-asn-csv/country_ipv4.csv.gz" | head -n 15 || true; } > $I/geo-country.csv
head -n 30 "$D/ownership/known-aws-accounts.yaml" > $I/known-accounts.yaml
printf 'indicator,type,score,first_seen\n1.2.3.4,ip,90,2024-01-01\nevil.example,domain,50,2024-02-01\n"a,b",url,x,\n' > $I/intel.csv
printf '0.0.0.0 evil.example\nhxxp://bad[.]example/x\n::1\n10.0.0.0/8\n' > $I/hosts-defanged.txt

# --- STIX patterns: every pattern in the examples, one a file ---------------------------------------
i=0
jq -r '.. | objects | select(.type? == "indicator") | .pattern' "$D"/intel/stix21/examples/*.json 2>/dev/null | sort -u | while IFS= read -r p; do
    printf '%s' "$p" > corpus/stix-pattern/pattern-$i.txt; i=$((i + 1))
done
printf "[ipv4-addr:value = '198.51.100.1/32' OR ipv6-addr:value = '2001:db8::/32'] AND [domain-name:value = 'x.example']" > corpus/stix-pattern/compound.txt
printf "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'] FOLLOWEDBY [url:value LIKE 'http://%%'] WITHIN 10 SECONDS" > corpus/stix-pattern/followedby.txt
printf "[email-addr:value = 'a\\\\'b@example.com' AND NOT network-traffic:dst_ref.value IN ('1.2.3.4', '5.6.7.8')]" > corpus/stix-pattern/escapes.txt

# --- MaxMind DB: small synthetic databases (24/28/32-bit records, IPv4 and IPv6 trees) ----------------
python3 make_mmdb_seeds.py corpus/mmdb

# --- filter expressions -------------------------------------------------------------------------------
FL=corpus/filter
printf 'sev>=high type:Recon ip:1.2.3.4 -benign' > $FL/readme-example.txt
printf 'severity<=medium account:prod -status:archived "exact phrase" -"not this"' > $FL/phrases.txt
printf 'key:AKIAIOSFODNN7EXAMPLE arn:aws:iam::123456789012:role/Admin obs:evil.example' > $FL/observables.txt
printf 'ip:2001:db8::1 sev:4 sev>2 sev<1 res:i-0abc principal:bert-jan user:x id:f-1 product:guardduty region:us-east-1' > $FL/fields.txt
printf 'title:\x1b[2J \xe2\x80\xae -ip:999.1.1.1 "unterminated' > $FL/hostile.txt
# --- `:` command lines (the README's examples and every command) ---------------------------------------
CL=corpus/command-line
printf 'ip 1.2.3.4' > $CL/ip.txt
printf 'key AKIAIOSFODNN7EXAMPLE' > $CL/key.txt
printf 'arn arn:aws:iam::123456789012:role/Admin' > $CL/arn.txt
printf 'obs 2001:db8::1' > $CL/obs.txt
printf 'window -6h +2h' > $CL/window.txt
printf 'w 30m' > $CL/window-short.txt
printf 'export md /tmp/case.md' > $CL/export.txt
printf 'sort time' > $CL/sort.txt
printf 'filter sev>=high type:Recon -benign' > $CL/filter.txt
printf '185.220.101.13' > $CL/bare-value.txt
printf 'ip \x1b]52;c;AAAA\x07 \xe2\x80\xae' > $CL/hostile.txt
du -sh corpus; find corpus -type f | wc -l
