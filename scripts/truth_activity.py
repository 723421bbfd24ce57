#!/usr/bin/env python3
"""Independent reading of CloudTrail files for the correlation tests.

Standard library only; shares no code with Lantern. Commands (JSON on stdout):

  activity PATH VALUE [--from T] [--to T] [--whole-role]
      eventIDs (sorted by eventTime, then eventID) of events that VALUE takes part in:
      VALUE equals sourceIPAddress, userAgent, userIdentity.accessKeyId / arn / principalId /
      accountId, recipientAccountId, sessionContext.sessionIssuer.arn, a resources[].ARN,
      or a request parameter naming a resource (any string starting with "arn:", a
      bucketName/bucket/Bucket value, a string starting with "i-", an accessKeyId value).
      An IAM user ARN also matches the principalIds seen on its own events. With
      --whole-role an assumed-role session ARN also matches its role's sessionIssuer ARN.
      T is RFC 3339; the window is inclusive.
  profile PATH VALUE
      Over all time, for the events of `activity PATH VALUE`: {"total", "first", "last" (ms),
      "days": {"YYYY-MM-DD": count}, "coOccurring": {"kind value": count}}, where coOccurring
      counts, per event, userIdentity.arn and sessionIssuer.arn (kind arn), accessKeyId (kind
      accessKey, AKIA/ASIA/ABIA/ACCA + 16 upper-case letters or digits) and sourceIPAddress
      (kind ipv4/ipv6 when it is an address), leaving out the value itself.
  records PATH
      {eventID: [base64 of the record's exact bytes in its file, ...]} for the records
      of {"Records": [...]} files and top-level arrays (the bytes between the array's
      separators, as a raw-record store must keep them).
  chain PATH KEY_OR_SESSION
      The events whose responseElements.credentials.accessKeyId or
      responseElements.assumedRoleUser.arn equals the value, followed up the chain
      (the caller's ASIA key or assumed-role ARN), as a list of
      {"credential","eventID","eventName","callerArn","callerKey","sourceIPAddress"}.
"""
import datetime
import base64
import gzip
import json
import os
import sys


def load(path):
    files = []
    if os.path.isdir(path):
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.endswith((".json", ".json.gz", ".jsonl")):
                    files.append(os.path.join(root, name))
    else:
        files.append(path)
    records = []
    for file in files:
        with open(file, "rb") as handle:
            data = handle.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8")
        try:
            docs = [json.loads(text)]
        except json.JSONDecodeError:
            docs = [json.loads(line) for line in text.splitlines() if line.strip()]
        for doc in docs:
            if isinstance(doc, dict) and isinstance(doc.get("Records"), list):
                records += doc["Records"]
            elif isinstance(doc, dict) and isinstance(doc.get("Events"), list):
                records += [json.loads(e["CloudTrailEvent"]) for e in doc["Events"]]
            elif isinstance(doc, list):
                records += doc
            elif isinstance(doc, dict):
                records.append(doc)
    seen, unique = set(), []
    for r in records:
        if isinstance(r, dict) and "eventTime" in r and "eventName" in r and r.get("eventID") not in seen:
            seen.add(r.get("eventID"))
            unique.append(r)
    return unique


def ms(text):
    dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int(dt.timestamp() * 1000)


def request_values(value, key=""):
    if isinstance(value, str):
        if value.startswith("arn:") or key in ("bucketName", "bucket", "Bucket") or value.startswith("i-") \
                or key == "accessKeyId":
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from request_values(item, key)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from request_values(v, k)


def participants(r):
    ui = r.get("userIdentity") or {}
    issuer = ((ui.get("sessionContext") or {}).get("sessionIssuer") or {}).get("arn")
    values = [r.get("sourceIPAddress"), r.get("userAgent"), ui.get("accessKeyId"), ui.get("arn"),
              ui.get("principalId"), ui.get("accountId"), r.get("recipientAccountId"), issuer]
    for res in r.get("resources") or []:
        if isinstance(res, dict):
            values.append(res.get("ARN"))
    if isinstance(r.get("requestParameters"), dict):
        values += list(request_values(r["requestParameters"]))
    return {v for v in values if isinstance(v, str) and v}


def activity(records, value, start, end, whole_role):
    targets = {value}
    if ":iam::" in value and ":user/" in value:
        targets |= {(r.get("userIdentity") or {}).get("principalId") for r in records
                    if (r.get("userIdentity") or {}).get("arn") == value} - {None}
    if whole_role and ":assumed-role/" in value:
        for r in records:
            ui = r.get("userIdentity") or {}
            if ui.get("arn") == value:
                issuer = ((ui.get("sessionContext") or {}).get("sessionIssuer") or {}).get("arn")
                if issuer:
                    targets.add(issuer)
    hits = [r for r in records if participants(r) & targets and start <= ms(r["eventTime"]) <= end]
    hits.sort(key=lambda r: (ms(r["eventTime"]), r.get("eventID") or ""))
    return [r.get("eventID") for r in hits]


def chain(records, value):
    links, seen = [], set()
    while value and value not in seen and len(links) < 10:
        seen.add(value)
        issuing = [r for r in records
                   if (((r.get("responseElements") or {}).get("credentials") or {}).get("accessKeyId") == value
                       or ((r.get("responseElements") or {}).get("assumedRoleUser") or {}).get("arn") == value)]
        if not issuing:
            break
        r = sorted(issuing, key=lambda r: r["eventTime"])[0]
        ui = r.get("userIdentity") or {}
        links.append({"credential": value, "eventID": r.get("eventID"), "eventName": r.get("eventName"),
                      "callerArn": ui.get("arn"), "callerKey": ui.get("accessKeyId"),
                      "sourceIPAddress": r.get("sourceIPAddress")})
        key, arn = ui.get("accessKeyId") or "", ui.get("arn") or ""
        value = key if key.startswith("ASIA") else (arn if ":assumed-role/" in arn else None)
    return links


def profile(records, value):
    import ipaddress
    import re
    ids = set(activity(records, value, -(1 << 62), 1 << 62, False))
    hits = [r for r in records if r.get("eventID") in ids]
    times = [ms(r["eventTime"]) for r in hits]
    days, others = {}, {}
    def count(key):
        others[key] = others.get(key, 0) + 1
    for r in hits:
        day = r["eventTime"][:10]
        days[day] = days.get(day, 0) + 1
        ui = r.get("userIdentity") or {}
        issuer = ((ui.get("sessionContext") or {}).get("sessionIssuer") or {}).get("arn")
        for arn in (ui.get("arn"), issuer):
            if arn and arn.startswith("arn:") and arn != value:
                count("arn " + arn)
        key = ui.get("accessKeyId")
        if key and key != value and re.fullmatch(r"(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}", key):
            count("accessKey " + key)
        ip = r.get("sourceIPAddress")
        try:
            address = ipaddress.ip_address(ip or "")
            if ip != value:
                count(("ipv4 " if address.version == 4 else "ipv6 ") + str(address))
        except ValueError:
            pass
    return {"total": len(hits), "first": min(times) if times else None, "last": max(times) if times else None,
            "days": days, "coOccurring": others}


def record_bytes(path):
    decoder, found = json.JSONDecoder(), {}
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(dirs)
        for name in sorted(n for n in names if n.endswith(".json")):
            with open(os.path.join(root, name), "rb") as handle:
                text = handle.read().decode("utf-8")
            start = text.index("[", text.index('"Records"')) if text.lstrip().startswith("{") else text.index("[")
            position = start + 1
            while True:
                while text[position] in " \t\r\n,":
                    position += 1
                if text[position] == "]":
                    break
                record, end = decoder.raw_decode(text, position)
                exact = base64.b64encode(text[position:end].encode("utf-8")).decode("ascii")
                found.setdefault(record.get("eventID"), []).append(exact)
                position = end
    return found


def main(argv):
    command, path = argv[1], argv[2]
    if command == "records":
        print(json.dumps(record_bytes(path)))
        return
    value = argv[3]
    records = load(path)
    if command == "activity":
        args = argv[4:]
        start = ms(args[args.index("--from") + 1]) if "--from" in args else -(1 << 62)
        end = ms(args[args.index("--to") + 1]) if "--to" in args else 1 << 62
        print(json.dumps(activity(records, value, start, end, "--whole-role" in args)))
    elif command == "chain":
        print(json.dumps(chain(records, value)))
    elif command == "profile":
        print(json.dumps(profile(records, value)))
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
