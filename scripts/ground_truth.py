#!/usr/bin/env python3
"""Independent ground truth for Lantern's CloudTrail and findings readers.

Python 3.11 standard library only. Nothing from the Lantern project is imported:
this script is an oracle that the Swift tests compare Lantern's results with.

    python3 scripts/ground_truth.py cloudtrail PATH...
    python3 scripts/ground_truth.py findings   PATH...

It prints one JSON document on stdout (keys sorted, UTF-8) and exits 0, even when
some inputs cannot be read: those are listed under "errors". Exit 64 on bad usage.

The rules below are the contract. The Swift side follows the same rules, so they are
kept deliberately simple and explicit.

FILES
  F1. A PATH that is a file is always read. A PATH that is a directory is walked
      recursively; entries whose name starts with "." are ignored, and a file is read
      only if its lower-cased name, after removing one trailing ".gz", ends with
      "json" or "jsonl" (.json, .jsonl, .ndjson, .asff-json, ...).
  F2. All files are de-duplicated by path string and processed in ascending order of
      that string (os.path.join(PATH, relative path); plain code-point order).
  F3. Content starting with the gzip magic bytes 1f 8b is gunzipped (whatever the name).
      The bytes are decoded as UTF-8; a leading BOM is dropped.
  F4. The text is parsed as one JSON document. If that fails it is parsed as JSON Lines:
      every non-blank line (after stripping whitespace) must be a JSON value. If a
      line fails too, the WHOLE file is reported in "errors" and contributes nothing.
  F5. "files" counts files that yielded at least one record (a CloudTrail record per C1,
      or a finding per D1, even one later rejected by D3). Files that parsed but
      yielded none are listed in "skipped" with a reason; unreadable/unparseable files
      are listed in "errors" ({"file", "reason"}).

TIMES (every time field in the output)
  T1. A string of the form  YYYY-MM-DD(T|t|space)hh:mm:ss[(.|,)fraction][zone]  where
      zone is Z, z, +hh:mm, -hh:mm, +hhmm, -hhmm, +hh, -hh or absent (absent = UTC;
      blanks between the seconds and the zone are allowed) is converted to UTC and
      printed as YYYY-MM-DDThh:mm:ssZ. The fraction is TRUNCATED (never rounded), before
      the offset is applied. "2020-03-22T13:22:13.933Z" -> "2020-03-22T13:22:13Z",
      "2022-03-31T23:43:55+00:00" -> "2022-03-31T23:43:55Z",
      "2025-02-25 20:40:06.000000000" -> "2025-02-25T20:40:06Z",
      "2021-05-17T18:07:02.5-05:00" -> "2021-05-17T23:07:02Z".
  T2. Any other string (including one of that form that is not a valid date/time,
      e.g. a 30 February) is returned unchanged. A missing key, JSON null or a non-string
      value gives null.

CLOUDTRAIL  (command "cloudtrail")
  C1. A record is a JSON object that has both the keys "eventName" and "eventTime".
  C2. Containers, applied to every top-level value (and to every JSON Lines value):
        - an array: each element is examined (C1/C2 again);
        - an object that is a record: that record;
        - an object with a "Records" array (S3 delivery files): each element;
        - an object with an "Events" array (aws cloudtrail lookup-events): for each
          element that has "CloudTrailEvent": if it is a string it is parsed as JSON
          (a parse failure adds an "errors" entry naming the element and the file goes
          on), if it is an object it is used as is; the result is examined (C1/C2).
        - anything else: nothing (EventBridge envelopes are not unwrapped).
  C3. "records" = number of records read. "unique_event_ids" = number of distinct
      non-empty string eventIDs. When an eventID repeats, the FIRST record read (file
      order F2, then document order) is the one kept.
  C4. "by_event_name" / "by_event_source" count the de-duplicated set: one per distinct
      eventID plus every record without an eventID. A missing/null/non-string name or
      source is counted under "".
  C5. "events" maps eventID -> the fields below, each the JSON value found (normally a
      string), null when absent or null; eventTime is normalised (T1/T2):
        eventTime eventSource eventName sourceIPAddress userAgent errorCode awsRegion
        recipientAccountId userIdentity.type userIdentity.arn userIdentity.accessKeyId
        userIdentity.principalId userIdentity.accountId
        sessionIssuer.arn (= userIdentity.sessionContext.sessionIssuer.arn)

FINDINGS  (command "findings")
  D1. An ASFF finding is a JSON object with the keys "Id" and "ProductArn".
      A native GuardDuty finding is any other JSON object with the keys id, type and
      accountId, either camelCase (API / EventBridge / panther) or PascalCase (Id, Type,
      AccountId; what `aws guardduty get-findings` prints). For GuardDuty every key
      below is looked up camelCase first, then PascalCase.
  D2. Containers, applied to every top-level value (and every JSON Lines value):
        - an array: each element is examined;
        - an object that is a finding (D1): that finding (its members are not searched);
        - otherwise each of these members that exists is examined, in this order:
          "Findings", "findings", "detail", "Finding", "log".
          ({"Findings":[...]} get-findings output; EventBridge {"detail":{"findings":
          [...]}} and {"detail":{<GuardDuty finding>}}; ASR notifier {"Finding":{...}};
          panther test lines {"log": <finding>}.)
  D3. A finding whose Id/id is not a non-empty string is reported in "errors".
  D4. Normalised fields (all may be null unless said otherwise):
      product   ASFF: top-level "ProductName" if a non-empty string, else the last
                "/"-separated segment of ProductArn
                ("arn:aws:securityhub:us-east-1::product/aws/guardduty" -> "guardduty").
                GuardDuty native: "GuardDuty".
      type      ASFF: Types[0] if Types is a non-empty array whose first item is a
                string, else "". GuardDuty: type (string) else "".
      title     ASFF Title / GuardDuty title.
      severity_label, severity_normalized:
                ASFF: the candidates are Severity, then FindingProviderFields.Severity
                (objects only).
                  label = the first string Label among the candidates, upper-cased;
                  norm  = the first numeric (not boolean) Normalized among the
                          candidates, rounded half up to an integer;
                  if label is null and norm is not: label from norm:
                      norm <= 0 INFORMATIONAL, 1-39 LOW, 40-69 MEDIUM, 70-89 HIGH,
                      >= 90 CRITICAL;
                  if label is still null: the first Original string among the
                      candidates whose upper-cased value is one of the five labels;
                  if norm is null and label is one of the five labels: INFORMATIONAL 0,
                      LOW 30, MEDIUM 50, HIGH 70, CRITICAL 90.
                  Severity.Product is never used (its scale belongs to the product).
                GuardDuty: s = severity (a number, or a string holding one):
                  label LOW if s < 4, MEDIUM if s < 7, HIGH if s < 9, else CRITICAL;
                  normalized = min(100, floor(s * 10 + 0.5)). Not a number -> null, null.
      account   ASFF AwsAccountId / GuardDuty accountId.
      region    ASFF: top-level Region, else Resources[0].Region. GuardDuty: region.
      created   ASFF CreatedAt / GuardDuty createdAt          (times per T1/T2)
      updated   ASFF UpdatedAt / GuardDuty updatedAt
      first_seen ASFF FirstObservedAt / GuardDuty service.eventFirstSeen
      last_seen  ASFF LastObservedAt  / GuardDuty service.eventLastSeen
      status    ASFF: Workflow.Status, else WorkflowState, else RecordState (first
                non-empty string), else null.
                GuardDuty: "ARCHIVED" if service.archived is true (JSON true or the
                string "true", any case), else "NEW".
  D5. Duplicate Ids (after D3): the finding with the greatest "updated" wins; strings
      compare as plain text (T1 output sorts chronologically) and null is older than
      any string. On a tie the one read FIRST (file order F2, then document order) is
      kept, i.e. an upsert that replaces only when new.updated > old.updated, so that
      re-importing the same finding is a duplicate, not an update.
  D6. "records" = findings read (before D5); "count" = distinct Ids kept.
"""

import datetime as _dt
import gzip
import json
import math
import os
import re
import sys

USAGE = "usage: ground_truth.py (cloudtrail|findings) PATH..."

# ----------------------------------------------------------------------------- files


def _wanted(name):
    n = name.lower()
    if n.endswith(".gz"):
        n = n[:-3]
    return n.endswith("json") or n.endswith("jsonl")


def collect_files(paths, errors):
    out = set()
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    if f.startswith(".") or not _wanted(f):
                        continue
                    out.add(os.path.join(root, f))
        elif os.path.exists(p):
            out.add(p)
        else:
            errors.append({"file": p, "reason": "no such file or directory"})
    return sorted(out)


def load_values(path):
    """Return the list of top-level JSON values of a file (F3/F4). Raises ValueError."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise ValueError("cannot read: %s" % e.strerror)
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except Exception as e:  # noqa: BLE001 - any gzip failure is a data error
            raise ValueError("bad gzip data: %s" % e)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError("not UTF-8: %s" % e)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return [json.loads(text)]
    except (ValueError, RecursionError) as first:
        values = []
        for no, line in enumerate(text.split("\n"), 1):
            line = line.strip()
            if not line:
                continue
            try:
                values.append(json.loads(line))
            except (ValueError, RecursionError) as e:
                if no == 1 or not values:
                    raise ValueError("not JSON: %s" % first)
                raise ValueError("not JSON Lines: line %d: %s" % (no, e))
        return values


# ----------------------------------------------------------------------------- times

_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


def norm_time(v):
    if not isinstance(v, str):
        return None
    m = _TIME.match(v.strip())
    if not m:
        return v
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    zone = m.group(8)
    try:
        t = _dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        return v
    if zone and zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        oh = int(digits[:2])
        om = int(digits[2:4]) if len(digits) > 2 else 0
        t = t - sign * _dt.timedelta(hours=oh, minutes=om)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (t.year, t.month, t.day, t.hour, t.minute, t.second)


def _get(obj, *keys):
    for k in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(k)
    return obj


# ----------------------------------------------------------------------------- cloudtrail

CT_FIELDS = [
    ("eventTime", ("eventTime",)),
    ("eventSource", ("eventSource",)),
    ("eventName", ("eventName",)),
    ("sourceIPAddress", ("sourceIPAddress",)),
    ("userAgent", ("userAgent",)),
    ("errorCode", ("errorCode",)),
    ("awsRegion", ("awsRegion",)),
    ("recipientAccountId", ("recipientAccountId",)),
    ("userIdentity.type", ("userIdentity", "type")),
    ("userIdentity.arn", ("userIdentity", "arn")),
    ("userIdentity.accessKeyId", ("userIdentity", "accessKeyId")),
    ("userIdentity.principalId", ("userIdentity", "principalId")),
    ("userIdentity.accountId", ("userIdentity", "accountId")),
    ("sessionIssuer.arn", ("userIdentity", "sessionContext", "sessionIssuer", "arn")),
]


def ct_records(value, path, errors, out):
    if isinstance(value, list):
        for item in value:
            ct_records(item, path, errors, out)
    elif isinstance(value, dict):
        if "eventName" in value and "eventTime" in value:
            out.append(value)
        elif isinstance(value.get("Records"), list):
            for item in value["Records"]:
                ct_records(item, path, errors, out)
        elif isinstance(value.get("Events"), list):
            for i, item in enumerate(value["Events"]):
                if not isinstance(item, dict) or "CloudTrailEvent" not in item:
                    continue
                ev = item["CloudTrailEvent"]
                if isinstance(ev, str):
                    try:
                        ev = json.loads(ev)
                    except (ValueError, RecursionError) as e:
                        errors.append({"file": path, "reason": "Events[%d].CloudTrailEvent: invalid JSON: %s" % (i, e)})
                        continue
                ct_records(ev, path, errors, out)


def cmd_cloudtrail(paths):
    errors, skipped = [], []
    files = 0
    records = 0
    events = {}
    by_name, by_source = {}, {}
    for path in collect_files(paths, errors):
        try:
            values = load_values(path)
        except ValueError as e:
            errors.append({"file": path, "reason": str(e)})
            continue
        recs = []
        for v in values:
            ct_records(v, path, errors, recs)
        if not recs:
            skipped.append({"file": path, "reason": "no CloudTrail records"})
            continue
        files += 1
        for r in recs:
            records += 1
            eid = r.get("eventID")
            if isinstance(eid, str) and eid:
                if eid in events:
                    continue
                fields = {}
                for name, keys in CT_FIELDS:
                    fields[name] = _get(r, *keys)
                fields["eventTime"] = norm_time(r.get("eventTime"))
                events[eid] = fields
            name = r.get("eventName")
            source = r.get("eventSource")
            name = name if isinstance(name, str) else ""
            source = source if isinstance(source, str) else ""
            by_name[name] = by_name.get(name, 0) + 1
            by_source[source] = by_source.get(source, 0) + 1
    return {
        "files": files,
        "records": records,
        "unique_event_ids": len(events),
        "by_event_name": by_name,
        "by_event_source": by_source,
        "events": events,
        "errors": errors,
        "skipped": skipped,
    }


# ----------------------------------------------------------------------------- findings

LABELS = ("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL")
LABEL_TO_NORM = {"INFORMATIONAL": 0, "LOW": 30, "MEDIUM": 50, "HIGH": 70, "CRITICAL": 90}
CONTAINER_KEYS = ("Findings", "findings", "detail", "Finding", "log")


def _gd(obj, camel):
    """GuardDuty key lookup: camelCase first, then PascalCase."""
    if not isinstance(obj, dict):
        return None
    if camel in obj:
        return obj[camel]
    return obj.get(camel[:1].upper() + camel[1:])


def _has_gd(obj, camel):
    return camel in obj or (camel[:1].upper() + camel[1:]) in obj


def is_asff(o):
    return isinstance(o, dict) and "Id" in o and "ProductArn" in o


def is_guardduty(o):
    return isinstance(o, dict) and not is_asff(o) and all(_has_gd(o, k) for k in ("id", "type", "accountId"))


def find_findings(value, out):
    if isinstance(value, list):
        for item in value:
            find_findings(item, out)
    elif isinstance(value, dict):
        if is_asff(value):
            out.append(("asff", value))
        elif is_guardduty(value):
            out.append(("guardduty", value))
        else:
            for k in CONTAINER_KEYS:
                if k in value:
                    find_findings(value[k], out)


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _round_half_up(x):
    return int(math.floor(x + 0.5))


def label_from_norm(n):
    if n <= 0:
        return "INFORMATIONAL"
    if n < 40:
        return "LOW"
    if n < 70:
        return "MEDIUM"
    if n < 90:
        return "HIGH"
    return "CRITICAL"


def _str(v):
    return v if isinstance(v, str) else None


def norm_asff(f):
    cands = [c for c in (f.get("Severity"), _get(f, "FindingProviderFields", "Severity")) if isinstance(c, dict)]
    label = next((c["Label"].upper() for c in cands if isinstance(c.get("Label"), str)), None)
    norm = next((_round_half_up(c["Normalized"]) for c in cands if _is_number(c.get("Normalized"))), None)
    if label is None and norm is not None:
        label = label_from_norm(norm)
    if label is None:
        label = next((c["Original"].upper() for c in cands
                      if isinstance(c.get("Original"), str) and c["Original"].upper() in LABELS), None)
    if norm is None and label in LABEL_TO_NORM:
        norm = LABEL_TO_NORM[label]

    product = f.get("ProductName")
    if not (isinstance(product, str) and product):
        arn = f.get("ProductArn")
        product = arn.rstrip("/").split("/")[-1] if isinstance(arn, str) else None
    types = f.get("Types")
    ftype = types[0] if isinstance(types, list) and types and isinstance(types[0], str) else ""
    region = f.get("Region")
    if region is None:
        res = f.get("Resources")
        if isinstance(res, list) and res and isinstance(res[0], dict):
            region = res[0].get("Region")
    status = None
    for cand in (_get(f, "Workflow", "Status"), f.get("WorkflowState"), f.get("RecordState")):
        if isinstance(cand, str) and cand:
            status = cand
            break
    return {
        "product": product,
        "type": ftype,
        "title": f.get("Title"),
        "severity_label": label,
        "severity_normalized": norm,
        "account": f.get("AwsAccountId"),
        "region": region,
        "created": norm_time(f.get("CreatedAt")),
        "updated": norm_time(f.get("UpdatedAt")),
        "first_seen": norm_time(f.get("FirstObservedAt")),
        "last_seen": norm_time(f.get("LastObservedAt")),
        "status": status,
    }


def norm_guardduty(f):
    s = _gd(f, "severity")
    if isinstance(s, str):
        try:
            s = float(s.strip())
        except ValueError:
            s = None
    if _is_number(s):
        label = "LOW" if s < 4 else "MEDIUM" if s < 7 else "HIGH" if s < 9 else "CRITICAL"
        norm = min(100, _round_half_up(s * 10))
    else:
        label, norm = None, None
    service = _gd(f, "service")
    archived = _gd(service, "archived")
    is_archived = archived is True or (isinstance(archived, str) and archived.lower() == "true")
    ftype = _gd(f, "type")
    return {
        "product": "GuardDuty",
        "type": ftype if isinstance(ftype, str) else "",
        "title": _gd(f, "title"),
        "severity_label": label,
        "severity_normalized": norm,
        "account": _gd(f, "accountId"),
        "region": _gd(f, "region"),
        "created": norm_time(_gd(f, "createdAt")),
        "updated": norm_time(_gd(f, "updatedAt")),
        "first_seen": norm_time(_gd(service, "eventFirstSeen")),
        "last_seen": norm_time(_gd(service, "eventLastSeen")),
        "status": "ARCHIVED" if is_archived else "NEW",
    }


def cmd_findings(paths):
    errors, skipped = [], []
    files = 0
    records = 0
    kept = {}
    for path in collect_files(paths, errors):
        try:
            values = load_values(path)
        except ValueError as e:
            errors.append({"file": path, "reason": str(e)})
            continue
        found = []
        for v in values:
            find_findings(v, found)
        if not found:
            skipped.append({"file": path, "reason": "no findings"})
            continue
        files += 1
        for kind, f in found:
            fid = f.get("Id") if kind == "asff" else _gd(f, "id")
            if not (isinstance(fid, str) and fid):
                errors.append({"file": path, "reason": "%s finding without a string Id" % kind})
                continue
            records += 1
            n = norm_asff(f) if kind == "asff" else norm_guardduty(f)
            old = kept.get(fid)
            if old is None or (n["updated"] or "") > (old["updated"] or ""):
                kept[fid] = n
    return {"files": files, "records": records, "count": len(kept), "findings": kept,
            "errors": errors, "skipped": skipped}


# ----------------------------------------------------------------------------- main


def main(argv):
    if len(argv) < 3 or argv[1] not in ("cloudtrail", "findings"):
        print(USAGE, file=sys.stderr)
        return 64
    sys.setrecursionlimit(10000)
    result = cmd_cloudtrail(argv[2:]) if argv[1] == "cloudtrail" else cmd_findings(argv[2:])
    sys.stdout.write(json.dumps(result, sort_keys=True, ensure_ascii=False, indent=1))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
