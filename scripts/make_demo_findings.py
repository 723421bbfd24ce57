#!/usr/bin/env python3
"""Build Lantern's bundled demo findings around the real invictus-ir CloudTrail run.

    python3 scripts/make_demo_findings.py          # (re)write the files
    python3 scripts/make_demo_findings.py --check  # fail if the files on disk differ

Python 3 standard library only; deterministic (no clock, no randomness): every id is a
hash of a fixed name, every time is derived from the real CloudTrail events the finding
describes (read from the bundled demo/cloudtrail/*.json.gz), plus a fixed detection delay.

The findings are AUTHORED by the Lantern project (nobody ran GuardDuty on that account);
each one says so in its description. They use the real shapes seen in public samples:
GuardDuty native findings (camelCase, as in the GuardDuty API / EventBridge), Security Hub
ASFF (2018-10-08) control findings and GuardDuty findings imported into Security Hub (with
flattened ProductFields such as action/awsApiCallAction/remoteIpDetails/ipAddressV4).

Outputs (under Sources/LanternCore/Resources/demo/findings/):
  guardduty/get-findings.json                                {"Findings": [native, ...]}
  guardduty/eventbridge-instance-credential-exfiltration.json EventBridge "GuardDuty Finding"
  securityhub/get-findings.json                              {"Findings": [ASFF, ...]}
  securityhub/eventbridge-findings-imported.json             EventBridge "Security Hub Findings - Imported"
"""

import datetime as dt
import glob
import gzip
import hashlib
import json
import os
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Sources", "LanternCore", "Resources", "demo")
OUT = os.path.join(DEMO, "findings")

ACCOUNT = "123837392027"
REGION = "us-east-1"
PARTITION = "aws"
NS = "lantern-demo/invictus-2023-07-10/"
DETECTOR = hashlib.md5((NS + "detector/" + ACCOUNT).encode()).hexdigest()
DEMO_NOTE = ("[Lantern demo finding: authored by the Lantern project around the real "
             "invictus-ir/aws_dataset CloudTrail run of 2023-07-10; not produced by AWS.]")

# Real intel values substituted for anonymised source IPs (see the finding descriptions).
TOR_EXIT_IP = "185.220.101.13"      # in intel/tor/tor-exit-nodes.lst and intel/ipsum (5 lists)
IPSUM_IP = "77.90.185.20"           # in intel/ipsum/ipsum.txt (10 lists)
# Country / AS-organisation as given by the GeoLite2 CSVs in ../shared/data/ownership.
GEO = {
    TOR_EXIT_IP: {"org": "Stiftung Erneuerbare Freiheit", "country": "Germany"},
    IPSUM_IP: {"org": "Inside Network LTD", "country": "Germany"},
}

# --------------------------------------------------------------------------- CloudTrail


def load_events():
    pattern = os.path.join(DEMO, "cloudtrail", "AWSLogs", ACCOUNT, "CloudTrail", REGION, "*", "*", "*", "*.json.gz")
    files = sorted(glob.glob(pattern))
    if len(files) != 55:
        sys.exit("expected the 55 bundled invictus CloudTrail files under %s, found %d" % (pattern, len(files)))
    recs = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            recs.extend(json.load(fh)["Records"])
    recs.sort(key=lambda r: (r["eventTime"], r["eventID"]))
    return recs


def key_of(r):
    return r.get("userIdentity", {}).get("accessKeyId")


def t(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


def z(d, millis=None):
    s = d.strftime("%Y-%m-%dT%H:%M:%S")
    return s + (".%03dZ" % millis if millis is not None else "Z")


# --------------------------------------------------------------------------- specs
# Each GuardDuty spec selects the real events it is about; first/last seen and count come
# from them. delay = seconds from the last event to createdAt; ms = createdAt milliseconds.

BERT_JAN = {"accessKeyId": "AKIATFQR7NSC8Q4X20BJ", "principalId": "AIDATFQR7NSC5AU2ZV3IE",
            "userName": "bert-jan", "userType": "IAMUser"}

GD_SPECS = [
    {
        "slug": "instance-credential-exfiltration",
        "wrapper": "eventbridge",
        "type": "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
        "severity": 8,
        "select": lambda r: key_of(r) == "ASIATFQR7NSC36DZQP7P",
        "api": "GetCallerIdentity", "serviceName": "sts.amazonaws.com",
        "key": {"accessKeyId": "ASIATFQR7NSC36DZQP7P", "principalId": "AROATFQR7NSC6Q6YRQ2Q7:i-0dbc91f429e48eeed",
                "userName": "stratus-red-team-ec2-steal-credentials-role", "userType": "AssumedRole"},
        "ip": "192.168.10.20",
        "title": "Credentials for the EC2 instance role stratus-red-team-ec2-steal-credentials-role were used from a remote IP address.",
        "description": ("Credentials created exclusively for EC2 instance i-0dbc91f429e48eeed through instance role "
                        "stratus-red-team-ec2-steal-credentials-role (session key ASIATFQR7NSC36DZQP7P, minted by "
                        "ec2.amazonaws.com AssumeRole at 11:55:22Z) were used from 192.168.10.20 to call GetCallerIdentity "
                        "and DescribeInstances, while the instance itself calls from 3.225.16.109 with its other session "
                        "key ASIATFQR7NSCSHSEVYP5. The dataset anonymised the caller address to a private one."),
        "affected": {"AWS::EC2::Instance": "i-0dbc91f429e48eeed"},
        "delay": 413, "ms": 318,
    },
    {
        "slug": "secretsmanager-batch-retrieval",
        "wrapper": "guardduty",
        "type": "CredentialAccess:IAMUser/AnomalousBehavior",
        "severity": 5.0,
        "select": lambda r: (r["eventName"] == "GetSecretValue" and key_of(r) == BERT_JAN["accessKeyId"]
                             and r.get("userAgent", "").startswith("stratus-red-team_")),
        "api": "GetSecretValue", "serviceName": "secretsmanager.amazonaws.com",
        "key": BERT_JAN, "ip": "192.168.10.20",
        "title": "The API GetSecretValue was invoked by IAM user bert-jan under unusual circumstances.",
        "description": ("IAM user bert-jan (access key AKIATFQR7NSC8Q4X20BJ) listed Secrets Manager secrets and then "
                        "retrieved the values of 20 secrets (stratus-red-team-retrieve-secret-*) within four seconds. "
                        "This API is commonly used in credential-access tactics and the burst is unusual for this principal."),
        "affected": {"AWS::SecretsManager::Secret": "arn:aws:secretsmanager:us-east-1:123837392027:secret:stratus-red-team-retrieve-secret-1-ywtiPr"},
        "delay": 488, "ms": 117,
    },
    {
        "slug": "ssm-securestring-parameters",
        "wrapper": "guardduty",
        "type": "CredentialAccess:IAMUser/AnomalousBehavior",
        "severity": 5.0,
        "select": lambda r: r["eventName"] == "GetParameters" and key_of(r) == BERT_JAN["accessKeyId"],
        "api": "GetParameters", "serviceName": "ssm.amazonaws.com",
        "key": BERT_JAN, "ip": "192.168.10.20",
        "title": "The API GetParameters was invoked by IAM user bert-jan under unusual circumstances.",
        "description": ("IAM user bert-jan (access key AKIATFQR7NSC8Q4X20BJ) retrieved 40 SecureString parameters "
                        "under /credentials/stratus-red-team/ with decryption in five GetParameters calls, after "
                        "enumerating them with DescribeParameters."),
        "affected": {},
        "delay": 492, "ms": 552,
    },
    {
        "slug": "cloudtrail-logging-disabled",
        "wrapper": "guardduty",
        "type": "Stealth:IAMUser/CloudTrailLoggingDisabled",
        "severity": 2.0,
        "select": lambda r: r["eventName"] == "DeleteTrail" and not r.get("errorCode"),
        "api": "DeleteTrail", "serviceName": "cloudtrail.amazonaws.com",
        "key": BERT_JAN, "ip": "192.168.10.20",
        "title": "AWS CloudTrail trail stratus-red-team-ctes-trail-qyxyekjbtk was disabled.",
        "description": ("AWS CloudTrail trails stratus-red-team-ctes-trail-qyxyekjbtk and stratus-red-team-ctlr-trail-zqfsvooxqj "
                        "were deleted by IAM user bert-jan calling DeleteTrail. Earlier StopLogging and DeleteTrail attempts "
                        "(11:59-12:01Z) failed with TrailNotFoundException; PutEventSelectors had excluded management events "
                        "from the first trail at 12:00:08Z. This can be an attacker covering their tracks."),
        "affected": {"AWS::CloudTrail::Trail": "stratus-red-team-ctes-trail-qyxyekjbtk"},
        "delay": 326, "ms": 4,
    },
    {
        "slug": "leave-organization",
        "wrapper": "guardduty",
        "type": "DefenseEvasion:IAMUser/AnomalousBehavior",
        "severity": 5.0,
        "select": lambda r: r["eventName"] == "LeaveOrganization",
        "api": "LeaveOrganization", "serviceName": "organizations.amazonaws.com", "errorCode": "AccessDenied",
        "key": {"accessKeyId": "ASIATFQR7NSCVW2R4OHT", "principalId": "AROATFQR7NSCRI4ZA26CX:aws-go-sdk-1688990515440126480",
                "userName": "stratus-red-team-leave-org-role", "userType": "AssumedRole"},
        "ip": "192.168.10.20",
        "title": "The API LeaveOrganization was invoked by an assumed role under unusual circumstances.",
        "description": ("Role session stratus-red-team-leave-org-role/aws-go-sdk-1688990515440126480 (key ASIATFQR7NSCVW2R4OHT, "
                        "from an AssumeRole by IAM user bert-jan at 12:02:04Z) tried to make account 123837392027 leave its "
                        "AWS Organization, which would remove organization-level guardrails and logging. The call was denied."),
        "affected": {},
        "delay": 586, "ms": 770,
    },
    {
        "slug": "iam-persistence-access-keys",
        "wrapper": "guardduty",
        "type": "Persistence:IAMUser/AnomalousBehavior",
        "severity": 5.0,
        "select": lambda r: r["eventName"] == "CreateAccessKey" and key_of(r) == BERT_JAN["accessKeyId"],
        "api": "CreateAccessKey", "serviceName": "iam.amazonaws.com",
        "key": BERT_JAN, "ip": "192.168.10.20",
        "title": "The API CreateAccessKey was invoked by IAM user bert-jan under unusual circumstances.",
        "description": ("IAM user bert-jan created access keys for two new users: AKIATFQR7NSC3ZO6PKAZ for "
                        "stratus-red-team-backdoor-u-user and AKIATFQR7NSCQLA2F4OD for malicious-iam-user, which had "
                        "AdministratorAccess attached one second earlier. Creating long-lived keys for fresh users is a "
                        "common persistence technique."),
        "affected": {"AWS::IAM::User": "malicious-iam-user"},
        "delay": 382, "ms": 640,
    },
    {
        "slug": "ec2-user-data-discovery",
        "wrapper": "guardduty",
        "type": "Discovery:IAMUser/AnomalousBehavior",
        "severity": 2.0,
        "select": lambda r: key_of(r) == "ASIATFQR7NSC2632JLFK",
        "api": "DescribeInstanceAttribute", "serviceName": "ec2.amazonaws.com", "errorCode": "Client.UnauthorizedOperation",
        "key": {"accessKeyId": "ASIATFQR7NSC2632JLFK", "principalId": "AROATFQR7NSCWCZMFXMXZ:aws-go-sdk-1688990565286187801",
                "userName": "stratus-red-team-get-usr-data-role", "userType": "AssumedRole"},
        "ip": "192.168.10.20",
        "title": "The API DescribeInstanceAttribute was invoked by an assumed role under unusual circumstances.",
        "description": ("Role session stratus-red-team-get-usr-data-role/aws-go-sdk-1688990565286187801 (key ASIATFQR7NSC2632JLFK) "
                        "requested the userData attribute of 15 EC2 instances in three seconds; every call failed with "
                        "Client.UnauthorizedOperation. User data often holds bootstrap secrets."),
        "affected": {},
        "delay": 368, "ms": 233,
    },
    {
        "slug": "ec2-get-password-data",
        "wrapper": "guardduty",
        "type": "CredentialAccess:IAMUser/AnomalousBehavior",
        "severity": 5.0,
        "archived": True, "updated_at": "2023-07-10T12:36:02.000Z",
        "select": lambda r: key_of(r) == "ASIATFQR7NSCWLLE7IWW",
        "api": "GetPasswordData", "serviceName": "ec2.amazonaws.com", "errorCode": "Client.UnauthorizedOperation",
        "key": {"accessKeyId": "ASIATFQR7NSCWLLE7IWW", "principalId": "AROATFQR7NSCWWVLB7BES:aws-go-sdk-1688990082523310002",
                "userName": "stratus-red-team-ec2-get-password-data-role", "userType": "AssumedRole"},
        "ip": "192.168.10.20",
        "title": "The API GetPasswordData was invoked by an assumed role under unusual circumstances.",
        "description": ("Role session stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1688990082523310002 "
                        "(key ASIATFQR7NSCWLLE7IWW, assumed by IAM user bert-jan at 11:54:47Z) called GetPasswordData 29 times "
                        "in four seconds against random instance ids; all calls were denied. Archived by the analyst as a "
                        "failed attempt."),
        "affected": {},
        "delay": 396, "ms": 845,
    },
    {
        "slug": "tor-ip-caller",
        "wrapper": "securityhub",
        "type": "UnauthorizedAccess:IAMUser/TorIPCaller",
        "asff_type": "TTPs/Initial Access/UnauthorizedAccess:IAMUser-TorIPCaller",
        "severity": 5,
        "select": lambda r: key_of(r) == "ASIATFQR7NSCS5BLNV76",
        "api": "DescribeDBInstances", "serviceName": "rds.amazonaws.com",
        "key": {"accessKeyId": "ASIATFQR7NSCS5BLNV76", "principalId": "AIDATFQR7NSC5AU2ZV3IE",
                "userName": "bert-jan", "userType": "IAMUser"},
        "ip": TOR_EXIT_IP,
        "title": "API DescribeDBInstances was invoked from a Tor exit node IP address.",
        "description": ("API DescribeDBInstances was invoked by IAM user bert-jan with console session key ASIATFQR7NSCS5BLNV76 "
                        "(console sign-in at 12:27:45Z) from Tor exit node IP address 185.220.101.13. DEMO SUBSTITUTION: the "
                        "CloudTrail events record the anonymised address 10.8.8.10; the real Tor exit address (listed in the "
                        "bundled Tor exit-node and IPsum lists) was put here so that enrichment has something to show."),
        "affected": {},
        "delay": 393, "ms": 108,
    },
    {
        "slug": "malicious-ip-caller-custom",
        "wrapper": "securityhub",
        "type": "Recon:IAMUser/MaliciousIPCaller.Custom",
        "asff_type": "TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller.Custom",
        "severity": 5,
        "threat_list": "ipsum",
        "select": lambda r: key_of(r) == "AKIATFQR7NSCUXC3DDDP" and r["eventTime"] < "2023-07-10T11:50:00Z",
        "api": "GetAccountAuthorizationDetails", "serviceName": "iam.amazonaws.com",
        "key": {"accessKeyId": "AKIATFQR7NSCUXC3DDDP", "principalId": "AIDATFQR7NSC5U6Q3TMDR",
                "userName": "benjamin", "userType": "IAMUser"},
        "ip": IPSUM_IP,
        "title": "Reconnaissance API GetAccountAuthorizationDetails was invoked from an IP address on a custom threat list.",
        "description": ("API GetAccountAuthorizationDetails, commonly used in reconnaissance, was invoked by IAM user benjamin "
                        "(access key AKIATFQR7NSCUXC3DDDP) together with ListUsers, GetBucketAcl and GetBucketPolicy calls from "
                        "IP address 77.90.185.20, which is on the custom threat list ipsum. DEMO SUBSTITUTION: CloudTrail records "
                        "the anonymised address 10.248.16.43; a real IPsum-listed address was put here."),
        "affected": {},
        "delay": 331, "ms": 512,
    },
    {
        "slug": "snapshot-and-ami-sharing",
        "wrapper": "securityhub",
        "type": "Exfiltration:IAMUser/AnomalousBehavior",
        "asff_type": "Effects/Data Exfiltration/Exfiltration:IAMUser-AnomalousBehavior",
        "severity": 8,
        "select": lambda r: (key_of(r) == BERT_JAN["accessKeyId"] and (
            (r["eventName"] == "ModifyImageAttribute" and "add" in r["requestParameters"].get("launchPermission", {}))
            or (r["eventName"] == "ModifySnapshotAttribute" and "add" in r["requestParameters"].get("createVolumePermission", {}))
            or (r["eventName"] == "ModifyDBSnapshotAttribute" and r["requestParameters"].get("valuesToAdd")))),
        "api": "ModifySnapshotAttribute", "serviceName": "ec2.amazonaws.com",
        "key": BERT_JAN, "ip": "192.168.10.20",
        "title": "APIs commonly used in exfiltration were invoked by IAM user bert-jan under unusual circumstances.",
        "description": ("IAM user bert-jan shared AMI ami-0aa1d83d0b0985c86 with account 012345678901 (ModifyImageAttribute), "
                        "EBS snapshot snap-083d3b857c13988bc with account 012345678912 (ModifySnapshotAttribute) and RDS "
                        "snapshot exfiltration with account 193672423079 (ModifyDBSnapshotAttribute). None of these accounts "
                        "belongs to the organization."),
        "affected": {"AWS::EC2::Snapshot": "snap-083d3b857c13988bc"},
        "delay": -262, "ms": 233, "updated_delay": 324, "updated_ms": 871,
    },
]


def gd_id(slug):
    return hashlib.md5((NS + "finding/" + slug).encode()).hexdigest()


def gd_arn(fid):
    return "arn:aws:guardduty:%s:%s:detector/%s/finding/%s" % (REGION, ACCOUNT, DETECTOR, fid)


def label_of(sev):
    return "LOW" if sev < 4 else "MEDIUM" if sev < 7 else "HIGH" if sev < 9 else "CRITICAL"


def remote_ip_details(ip):
    d = {"ipAddressV4": ip}
    if ip in GEO:
        g = GEO[ip]
        d["organization"] = {"asnOrg": g["org"], "isp": g["org"], "org": g["org"]}
        d["country"] = {"countryName": g["country"]}
    return d


def resolve(spec, events):
    sel = [r for r in events if spec["select"](r)]
    if not sel:
        sys.exit("%s: selector matched no CloudTrail event" % spec["slug"])
    for r in sel:
        k = key_of(r)
        if k != spec["key"]["accessKeyId"]:
            sys.exit("%s: event %s uses key %s, not %s" % (spec["slug"], r["eventID"], k, spec["key"]["accessKeyId"]))
    if spec["api"] not in {r["eventName"] for r in sel}:
        sys.exit("%s: api %s not among the selected events" % (spec["slug"], spec["api"]))
    first, last = t(sel[0]["eventTime"]), t(sel[-1]["eventTime"])
    # createdAt = last event + delay. A negative delay means GuardDuty created the finding
    # before the last event was aggregated into it; updatedAt then = last + updated_delay.
    if spec["delay"] >= 0:
        created = last + dt.timedelta(seconds=spec["delay"])
        updated = created
        created_s = z(created, spec["ms"])
        updated_s = created_s
    else:
        created = last + dt.timedelta(seconds=spec["delay"])
        if created <= first:
            sys.exit("%s: created before first event" % spec["slug"])
        created_s = z(created, spec["ms"])
        updated = last + dt.timedelta(seconds=spec["updated_delay"])
        updated_s = z(updated, spec["updated_ms"])
    if spec.get("updated_at"):
        updated_s = spec["updated_at"]
    return {
        "events": sel, "first": z(first), "last": z(last), "count": len(sel),
        "created": created_s, "updated": updated_s,
    }


def gd_native(spec, ev):
    fid = gd_id(spec["slug"])
    call = {
        "affectedResources": spec["affected"],
        "api": spec["api"],
        "callerType": "Remote IP",
        "remoteIpDetails": remote_ip_details(spec["ip"]),
        "serviceName": spec["serviceName"],
        "userAgent": [r for r in ev["events"] if r["eventName"] == spec["api"]][-1].get("userAgent"),
    }
    if spec.get("errorCode"):
        call["errorCode"] = spec["errorCode"]
    info = {
        "lanternDemo": True,
        "cloudTrailEventIds": [r["eventID"] for r in ev["events"]],
    }
    service = {
        "action": {"actionType": "AWS_API_CALL", "awsApiCallAction": call},
        "additionalInfo": {"value": json.dumps(info, separators=(",", ":")), "type": "default"},
        "archived": bool(spec.get("archived", False)),
        "count": ev["count"],
        "detectorId": DETECTOR,
        "eventFirstSeen": ev["first"],
        "eventLastSeen": ev["last"],
        "featureName": "CloudTrail",
        "resourceRole": "TARGET",
        "serviceName": "guardduty",
    }
    if spec.get("threat_list"):
        service["evidence"] = {"threatIntelligenceDetails": [{"threatListName": spec["threat_list"], "threatNames": []}]}
    return {
        "accountId": ACCOUNT,
        "arn": gd_arn(fid),
        "createdAt": ev["created"],
        "description": spec["description"] + " " + DEMO_NOTE,
        "id": fid,
        "partition": PARTITION,
        "region": REGION,
        "resource": {"accessKeyDetails": dict(spec["key"]), "resourceType": "AccessKey"},
        "schemaVersion": "2.0",
        "service": service,
        "severity": spec["severity"],
        "title": spec["title"],
        "type": spec["type"],
        "updatedAt": ev["updated"],
    }


def flatten(prefix, obj, out):
    for k, v in obj.items():
        key = prefix + "/" + k if prefix else k
        if isinstance(v, dict):
            flatten(key, v, out)
        else:
            out[key] = v if isinstance(v, str) else json.dumps(v)


def gd_to_asff(spec, native):
    """GuardDuty finding as Security Hub imports it (ASFF 2018-10-08)."""
    sev = native["severity"]
    label = label_of(sev)
    svc = native["service"]
    call = svc["action"]["awsApiCallAction"]
    key = native["resource"]["accessKeyDetails"]
    asff_id = native["arn"]
    pf = {}
    flatten("action", svc["action"], pf)
    pf.pop("action/awsApiCallAction/affectedResources", None)
    flatten("resource/accessKeyDetails", key, pf)
    pf["resource/resourceType"] = native["resource"]["resourceType"]
    pf.update({
        "resourceRole": svc["resourceRole"],
        # ASFF ProductFields values are short strings: keep the demo marker, not the id list.
        "additionalInfo": json.dumps({"lanternDemo": True, "cloudTrailEventCount": svc["count"]},
                                     separators=(",", ":")),
        "archived": "true" if svc["archived"] else "false",
        "count": str(svc["count"]),
        "detectorId": DETECTOR,
        "aws/securityhub/FindingId": "arn:aws:securityhub:%s::product/aws/guardduty/%s" % (REGION, asff_id),
        "aws/securityhub/ProductName": "GuardDuty",
        "aws/securityhub/CompanyName": "Amazon",
    })
    if "evidence" in svc:
        pf["evidence/threatIntelligenceDetails/0/threatListName"] = svc["evidence"]["threatIntelligenceDetails"][0]["threatListName"]
    rip = call["remoteIpDetails"]
    asff_rip = {"IpAddressV4": rip["ipAddressV4"]}
    if "organization" in rip:
        asff_rip["Organization"] = {"AsnOrg": rip["organization"]["asnOrg"], "Isp": rip["organization"]["isp"],
                                    "Org": rip["organization"]["org"]}
        asff_rip["Country"] = {"CountryName": rip["country"]["countryName"]}
    action = {"ActionType": "AWS_API_CALL", "AwsApiCallAction": {
        "Api": call["api"], "CallerType": call["callerType"], "ServiceName": call["serviceName"],
        "RemoteIpDetails": asff_rip, "FirstSeen": svc["eventFirstSeen"], "LastSeen": svc["eventLastSeen"]}}
    if call["affectedResources"]:
        action["AwsApiCallAction"]["AffectedResources"] = call["affectedResources"]
    types = [spec["asff_type"]]
    updated = dt.datetime.strptime(native["updatedAt"], "%Y-%m-%dT%H:%M:%S.%fZ")
    return {
        "SchemaVersion": "2018-10-08",
        "Id": asff_id,
        "ProductArn": "arn:aws:securityhub:%s::product/aws/guardduty" % REGION,
        "ProductName": "GuardDuty",
        "CompanyName": "Amazon",
        "Region": REGION,
        "GeneratorId": "arn:aws:guardduty:%s:%s:detector/%s" % (REGION, ACCOUNT, DETECTOR),
        "AwsAccountId": ACCOUNT,
        "Types": types,
        "FirstObservedAt": svc["eventFirstSeen"],
        "LastObservedAt": svc["eventLastSeen"],
        "CreatedAt": native["createdAt"],
        "UpdatedAt": native["updatedAt"],
        "Severity": {"Product": sev, "Label": label, "Normalized": int(sev * 10), "Original": str(sev)},
        "Title": native["title"],
        "Description": native["description"],
        "SourceUrl": "https://%s.console.aws.amazon.com/guardduty/home?region=%s#/findings?macros=current&fId=%s"
                     % (REGION, REGION, native["id"]),
        "ProductFields": pf,
        "Resources": [{
            "Type": "AwsIamAccessKey",
            "Id": "AWS::IAM::AccessKey:" + key["accessKeyId"],
            "Partition": PARTITION,
            "Region": REGION,
            "Details": {"AwsIamAccessKey": {
                "AccessKeyId": key["accessKeyId"], "AccountId": ACCOUNT, "PrincipalId": key["principalId"],
                "PrincipalType": key["userType"], "PrincipalName": key["userName"]}},
        }],
        "WorkflowState": "NEW",
        "Workflow": {"Status": "NEW"},
        "RecordState": "ARCHIVED" if svc["archived"] else "ACTIVE",
        "FindingProviderFields": {"Severity": {"Label": label, "Original": str(sev)}, "Types": types},
        "Sample": False,
        "ProcessedAt": z(updated + dt.timedelta(seconds=4), 210),
        "Action": action,
    }


# --------------------------------------------------------------------------- controls

FSBP = "aws-foundational-security-best-practices/v/1.0.0"
CONTROL_TYPES = ["Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices"]


def control(events, slug, control_id, title, description, severity, config_rule, resource,
            first, last, updated=None, workflow="NEW", record="ACTIVE", compliance="FAILED"):
    """first/last/updated: (CloudTrail eventID, seconds after it) for FirstObservedAt (= CreatedAt),
    LastObservedAt and UpdatedAt (default: = LastObservedAt)."""
    uid = str(uuid.uuid5(uuid.NAMESPACE_URL, NS + "control/" + slug))
    fid = "arn:aws:securityhub:%s:%s:subscription/%s/%s/finding/%s" % (REGION, ACCOUNT, FSBP, control_id, uid)
    by_id = {r["eventID"]: r for r in events}

    def at(ref):
        return t(by_id[ref[0]]["eventTime"]) + dt.timedelta(seconds=ref[1])

    first, last = at(first), at(last)
    updated = at(updated) if updated else last
    norm = {"INFORMATIONAL": 0, "LOW": 30, "MEDIUM": 50, "HIGH": 70, "CRITICAL": 90}[severity]
    rule_suffix = hashlib.md5((NS + "rule/" + config_rule).encode()).hexdigest()[:8]
    rec_url = "https://docs.aws.amazon.com/console/securityhub/%s/remediation" % control_id
    return {
        "SchemaVersion": "2018-10-08",
        "Id": fid,
        "ProductArn": "arn:aws:securityhub:%s::product/aws/securityhub" % REGION,
        "ProductName": "Security Hub",
        "CompanyName": "AWS",
        "Region": REGION,
        "GeneratorId": "%s/%s" % (FSBP, control_id),
        "AwsAccountId": ACCOUNT,
        "Types": CONTROL_TYPES,
        "FirstObservedAt": z(first, 412),
        "LastObservedAt": z(last, 412 if last == first else 87),
        "CreatedAt": z(first, 412),
        "UpdatedAt": z(updated, 412 if updated == first else 87),
        "Severity": {"Product": norm, "Label": severity, "Normalized": norm, "Original": severity},
        "Title": "%s %s" % (control_id, title),
        "Description": description + " " + DEMO_NOTE,
        "Remediation": {"Recommendation": {
            "Text": "For information on how to correct this issue, consult the AWS Security Hub controls documentation.",
            "Url": rec_url}},
        "ProductFields": {
            "StandardsArn": "arn:aws:securityhub:::standards/%s" % FSBP,
            "StandardsSubscriptionArn": "arn:aws:securityhub:%s:%s:subscription/%s" % (REGION, ACCOUNT, FSBP),
            "ControlId": control_id,
            "RecommendationUrl": rec_url,
            "RelatedAWSResources:0/name": "securityhub-%s-%s" % (config_rule, rule_suffix),
            "RelatedAWSResources:0/type": "AWS::Config::ConfigRule",
            "StandardsControlArn": "arn:aws:securityhub:%s:%s:control/%s/%s" % (REGION, ACCOUNT, FSBP, control_id),
            "aws/securityhub/ProductName": "Security Hub",
            "aws/securityhub/CompanyName": "AWS",
            "aws/securityhub/FindingId": "arn:aws:securityhub:%s::product/aws/securityhub/%s" % (REGION, fid),
        },
        "Resources": [resource],
        "Compliance": {"Status": compliance},
        "WorkflowState": workflow,
        "Workflow": {"Status": workflow},
        "RecordState": record,
    }


def controls(events):
    iam2 = control(
        events, "iam-2-malicious-iam-user", "IAM.2", "IAM users should not have IAM policies attached",
        ("IAM user malicious-iam-user, created by bert-jan at 12:24:49Z, has the AWS managed policy AdministratorAccess "
         "attached directly. The user was deleted at 12:28:24Z, so Security Hub archived the finding and resolved it."),
        "LOW", "iam-user-no-policies-check",
        {"Type": "AwsIamUser", "Id": "arn:aws:iam::123837392027:user/malicious-iam-user", "Partition": PARTITION,
         "Region": REGION, "Details": {"AwsIamUser": {
             "UserName": "malicious-iam-user", "UserId": "AIDATFQR7NSCVHF5KTCK7", "Path": "/",
             "CreateDate": "2023-07-10T12:24:49.000Z",
             "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess",
                                          "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}}},
        ("f4923a37-92d5-4dfd-9786-6caef2b5f33c", 23),   # AttachUserPolicy AdministratorAccess, 12:24:49Z
        ("f4923a37-92d5-4dfd-9786-6caef2b5f33c", 23),
        updated=("0bb0dbe3-f64f-461a-aa94-bde583ff90b6", 26),  # DeleteUser malicious-iam-user, 12:28:24Z
        workflow="RESOLVED", record="ARCHIVED")

    s38 = control(
        events, "s3-8-config-bucket", "S3.8", "S3 general purpose buckets should block public access",
        ("Bucket config-bucket-123837392027 has no bucket-level S3 Block Public Access configuration "
         "(GetBucketPublicAccessBlock returned NoSuchPublicAccessBlockConfiguration at 11:42:44Z and 12:29:48Z), and the "
         "account has no account-level configuration either."),
        "HIGH", "s3-bucket-level-public-access-prohibited",
        {"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::config-bucket-123837392027", "Partition": PARTITION,
         "Region": REGION, "Details": {"AwsS3Bucket": {"Name": "config-bucket-123837392027", "OwnerAccountId": ACCOUNT}}},
        ("e4fe3eb1-2c61-4574-af31-67a8fb62aa58", 78),   # benjamin's GetBucketPublicAccessBlock, 11:42:44Z
        ("07ebc3dd-8efd-488c-8f4a-140388696ddd", 9))    # bert-jan's console re-check, 12:29:48Z

    ec213 = control(
        events, "ec2-13-open-ssh", "EC2.13", "Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22",
        ("Security group sg-04cfb7a4712d75b00 (stratus-red-team-open-sg-sg in vpc-0e568b18707c87afa) allows TCP port 22 "
         "from 0.0.0.0/0 since AuthorizeSecurityGroupIngress by IAM user bert-jan at 12:10:08Z."),
        "HIGH", "restricted-ssh",
        {"Type": "AwsEc2SecurityGroup", "Id": "arn:aws:ec2:us-east-1:123837392027:security-group/sg-04cfb7a4712d75b00",
         "Partition": PARTITION, "Region": REGION, "Details": {"AwsEc2SecurityGroup": {
             "GroupName": "stratus-red-team-open-sg-sg", "GroupId": "sg-04cfb7a4712d75b00", "OwnerId": ACCOUNT,
             "VpcId": "vpc-0e568b18707c87afa",
             "IpPermissions": [
                 {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                  "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                 {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}}},
        ("74bd84b4-6729-4895-b2a4-e2beb7c6b377", 14),   # AuthorizeSecurityGroupIngress port 22, 12:10:08Z
        ("74bd84b4-6729-4895-b2a4-e2beb7c6b377", 14))
    return iam2, s38, ec213


# --------------------------------------------------------------------------- build


def build():
    events = load_events()
    natives, eb, sh_gd = [], [], []
    for spec in GD_SPECS:
        ev = resolve(spec, events)
        n = gd_native(spec, ev)
        if spec["wrapper"] == "guardduty":
            natives.append(n)
        elif spec["wrapper"] == "eventbridge":
            eb.append(n)
        else:
            sh_gd.append(gd_to_asff(spec, n))
    iam2, s38, ec213 = controls(events)

    files = {}
    files["guardduty/get-findings.json"] = {"Findings": natives}
    (exfil,) = eb
    files["guardduty/eventbridge-instance-credential-exfiltration.json"] = {
        "version": "0",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, NS + "eventbridge/" + exfil["id"])),
        "detail-type": "GuardDuty Finding",
        "source": "aws.guardduty",
        "account": ACCOUNT,
        "time": exfil["updatedAt"][:19] + "Z",
        "region": REGION,
        "resources": [],
        "detail": exfil,
    }
    files["securityhub/get-findings.json"] = {"Findings": sh_gd + [iam2, s38]}
    files["securityhub/eventbridge-findings-imported.json"] = {
        "version": "0",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, NS + "eventbridge/" + ec213["Id"])),
        "detail-type": "Security Hub Findings - Imported",
        "source": "aws.securityhub",
        "account": ACCOUNT,
        "time": ec213["UpdatedAt"][:19] + "Z",
        "region": REGION,
        "resources": [ec213["ProductFields"]["aws/securityhub/FindingId"]],
        "detail": {"findings": [ec213]},
    }
    validate(files)
    return {k: json.dumps(v, indent=2, ensure_ascii=False) + "\n" for k, v in files.items()}


def validate(files):
    ids = []
    lo, hi = "2023-07-10T11:42:00", "2023-07-10T12:45:00"
    required = ["SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt",
                "UpdatedAt", "Severity", "Title", "Description", "Resources", "Workflow", "RecordState"]

    def check_times(fid, created, updated, first, last):
        for v in (created, updated, first, last):
            if not (lo <= v[:19] <= hi):
                sys.exit("%s: time %s outside the run window" % (fid, v))
        if not (first[:19] <= last[:19] <= updated[:19] and created[:19] <= updated[:19] and first[:19] <= created[:19]):
            sys.exit("%s: inconsistent times %s %s %s %s" % (fid, first, last, created, updated))

    for name, doc in files.items():
        if name.startswith("guardduty/"):
            findings = doc["Findings"] if "Findings" in doc else [doc["detail"]]
            for f in findings:
                ids.append(f["id"])
                check_times(f["id"], f["createdAt"], f["updatedAt"], f["service"]["eventFirstSeen"], f["service"]["eventLastSeen"])
        else:
            findings = doc["Findings"] if "Findings" in doc else doc["detail"]["findings"]
            for f in findings:
                ids.append(f["Id"])
                missing = [k for k in required if k not in f]
                if missing:
                    sys.exit("%s: missing %s" % (f["Id"], missing))
                if f["SchemaVersion"] != "2018-10-08" or not f["Types"]:
                    sys.exit("%s: bad SchemaVersion/Types" % f["Id"])
                for r in f["Resources"]:
                    if not all(k in r for k in ("Type", "Id", "Partition", "Region")):
                        sys.exit("%s: bad resource %s" % (f["Id"], r))
                s = f["Severity"]
                if "Label" not in s or "Normalized" not in s:
                    sys.exit("%s: severity needs Label and Normalized" % f["Id"])
                check_times(f["Id"], f["CreatedAt"], f["UpdatedAt"], f["FirstObservedAt"], f["LastObservedAt"])
    if len(ids) != len(set(ids)):
        sys.exit("duplicate finding ids")
    # The substituted IPs must be in the bundled intel so that enrichment shows them.
    intel = os.path.join(DEMO, "intel")
    for ip, rel in ((TOR_EXIT_IP, "tor/tor-exit-nodes.lst"), (TOR_EXIT_IP, "ipsum/ipsum.txt"), (IPSUM_IP, "ipsum/ipsum.txt")):
        path = os.path.join(intel, rel)
        with open(path, encoding="utf-8") as fh:
            if not any(line.split()[:1] == [ip] for line in fh):
                sys.exit("%s is not in %s" % (ip, path))


def main(argv):
    check = "--check" in argv[1:]
    out = build()
    stale = []
    for rel, text in sorted(out.items()):
        path = os.path.join(OUT, rel)
        if check:
            try:
                with open(path, encoding="utf-8") as fh:
                    if fh.read() != text:
                        stale.append(rel)
            except FileNotFoundError:
                stale.append(rel)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print("wrote %s (%d bytes)" % (os.path.relpath(path, ROOT), len(text.encode())))
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
