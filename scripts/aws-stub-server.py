#!/usr/bin/env python3
"""A loopback stand-in for the AWS APIs moto does not emulate, for Lantern's tests.

Speaks the exact wire format recorded in ../shared/docs/aws-wire/:
- CloudTrail LookupEvents (JSON 1.1, X-Amz-Target
  com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents): one lookup attribute,
  newest first, at most 50 a page, NextToken paging, EventTime as epoch seconds,
  CloudTrailEvent as a JSON string, InvalidLookupAttributesException for two attributes.
- GuardDuty (REST-JSON): GET /detector, POST /detector/{id}/findings (ListFindings),
  POST /detector/{id}/findings/get (GetFindings, at most 50 IDs).

- Athena, for what moto cannot do: a query that FAILED (--athena-fail REASON: QUEUED once,
  then FAILED with StateChangeReason and AthenaError as Athena reports them), and results
  paged the way Athena pages them (--athena-results FILE, a JSON object {"ColumnInfo": [...],
  "Rows": [...]} whose first row is the header: QUEUED, RUNNING, SUCCEEDED, then
  GetQueryResults honouring MaxResults and NextToken, the header only on the first page).

Options make it misbehave the way AWS does: --throttle N answers every Nth LookupEvents
request (1-based: 1 = all) with 400 ThrottlingException; --deny answers everything with
403 AccessDeniedException. Every request is appended to --log as one JSON line.

Binds 127.0.0.1 on a free port and prints "PORT <n>" on stdout when ready. Exits when
its parent dies (it polls), so a killed test run leaves nothing behind.
"""
import argparse
import base64
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"
KEYS = {"EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"}


def parse_time(text):
    from datetime import datetime
    return datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=__import__("datetime").timezone.utc).timestamp()


def load_records(paths):
    records = []
    for path in paths:
        names = [path]
        if os.path.isdir(path):
            names = sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".json"))
        for name in names:
            with open(name) as f:
                data = json.load(f)
            records += data["Records"] if isinstance(data, dict) else data
    return records


def username(record):
    identity = record.get("userIdentity") or {}
    if identity.get("userName"):
        return identity["userName"]
    arn = identity.get("arn") or ""
    if ":assumed-role/" in arn or ":federated-user/" in arn:
        return arn.rsplit("/", 1)[-1]
    return None


def resources(record):
    out = []
    for resource in record.get("resources") or []:
        if resource.get("ARN"):
            out.append({"ResourceType": resource.get("type"), "ResourceName": resource["ARN"]})
    return out


def lookup_entry(record):
    identity = record.get("userIdentity") or {}
    entry = {
        "EventId": record.get("eventID"),
        "EventName": record.get("eventName"),
        "ReadOnly": "true" if record.get("readOnly") in (True, "true") else "false",
        "AccessKeyId": identity.get("accessKeyId"),
        "EventTime": int(parse_time(record["eventTime"])),
        "EventSource": record.get("eventSource"),
        "Username": username(record),
        "Resources": resources(record),
        "CloudTrailEvent": json.dumps(record),
    }
    return {k: v for k, v in entry.items() if v is not None}


def matches(entry, record, key, value):
    if key == "Username":
        return entry.get("Username") == value
    if key == "AccessKeyId":
        return entry.get("AccessKeyId") == value
    if key == "EventName":
        return entry.get("EventName") == value
    if key == "EventSource":
        return entry.get("EventSource") == value
    if key == "EventId":
        return entry.get("EventId") == value
    if key == "ReadOnly":
        return entry.get("ReadOnly") == value
    if key == "ResourceName":
        return any(r["ResourceName"] == value for r in entry["Resources"])
    if key == "ResourceType":
        return any(r["ResourceType"] == value for r in entry["Resources"])
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "BaseHTTP/0.6"

    def log_message(self, *args):
        pass

    def send_json(self, status, body, error_type=None, content_type="application/x-amz-json-1.1"):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, message, rest=False):
        if rest:
            self.send_json(status, {"message": message, "__type": code}, code, "application/json")
        else:
            self.send_json(status, {"__type": code, "Message": message}, code)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def record(self, body):
        state = self.server.state
        with state["lock"]:
            state["count"] += 1
            count = state["count"]
            if state["log"]:
                line = {
                    "n": count, "time": time.monotonic(), "method": self.command, "path": self.path,
                    "target": self.headers.get("X-Amz-Target"),
                    "authorization": (self.headers.get("Authorization") or "").split(" Signature=")[0],
                    "body": body.decode("utf-8", "replace"),
                }
                with open(state["log"], "a") as f:
                    f.write(json.dumps(line) + "\n")
        return count

    def signed(self, service):
        auth = self.headers.get("Authorization") or ""
        return auth.startswith("AWS4-HMAC-SHA256 Credential=") and f"/{service}/aws4_request" in auth \
            and "Signature=" in auth and self.headers.get("X-Amz-Date")

    def do_GET(self):
        body = self.read_body()
        self.record(body)
        if self.server.state["deny"]:
            return self.error(403, "AccessDeniedException", "User is not authorized to perform: guardduty:ListDetectors", True)
        if not self.signed("guardduty"):
            return self.error(403, "UnrecognizedClientException", "The security token included in the request is invalid.", True)
        if self.path.split("?")[0] == "/detector":
            return self.send_json(200, {"detectorIds": list(self.server.state["detectors"])}, content_type="application/json")
        self.error(404, "NotFoundException", "no such path", True)

    def do_POST(self):
        body = self.read_body()
        count = self.record(body)
        state = self.server.state
        target = self.headers.get("X-Amz-Target")
        if target is not None:
            return self.lookup(body, count)
        if state["deny"]:
            return self.error(403, "AccessDeniedException", "User is not authorized to perform this action", True)
        if not self.signed("guardduty"):
            return self.error(403, "UnrecognizedClientException", "The security token included in the request is invalid.", True)
        parts = self.path.split("?")[0].strip("/").split("/")
        if len(parts) < 3 or parts[0] != "detector" or parts[2] != "findings":
            return self.error(404, "NotFoundException", "no such path", True)
        if parts[1] not in state["detectors"]:
            return self.error(400, "BadRequestException",
                              "The request is rejected because the input detectorId is not owned by the current account.", True)
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return self.error(400, "BadRequestException", "The request body is not JSON.", True)
        findings = state["findings"]
        if len(parts) == 3:
            size = request.get("maxResults", 50)
            if not isinstance(size, int) or not 1 <= size <= 50:
                return self.error(400, "BadRequestException", "maxResults must be 1-50", True)
            start = int(request.get("nextToken") or 0)
            ordered = sorted(findings.values(), key=lambda f: f.get("updatedAt", ""), reverse=True)
            ids = [f["id"] for f in ordered]
            page = ids[start:start + size]
            answer = {"findingIds": page}
            if start + size < len(ids):
                answer["nextToken"] = str(start + size)
            else:
                answer["nextToken"] = ""
            return self.send_json(200, answer, content_type="application/json")
        if len(parts) == 4 and parts[3] == "get":
            ids = request.get("findingIds") or []
            if len(ids) > 50:
                return self.error(400, "BadRequestException", "findingIds may hold at most 50 IDs", True)
            return self.send_json(200, {"findings": [findings[i] for i in ids if i in findings]},
                                  content_type="application/json")
        self.error(404, "NotFoundException", "no such path", True)

    def athena(self, body):
        state = self.server.state
        operation = self.headers.get("X-Amz-Target", "").split(".", 1)[-1]
        if not self.signed("athena"):
            return self.error(400, "UnrecognizedClientException", "The security token included in the request is invalid.")
        request = json.loads(body or b"{}")
        if operation == "StartQueryExecution":
            state["athena_polls"] = 0
            return self.send_json(200, {"QueryExecutionId": "00000000-0000-0000-0000-00000000a7e5"})
        if operation == "GetQueryExecution":
            state["athena_polls"] += 1
            reason = state["athena_fail"]
            status = {"State": "QUEUED", "SubmissionDateTime": 1795930721.303}
            if state["athena_results"] is not None:
                states = ["QUEUED", "RUNNING", "SUCCEEDED"]
                status["State"] = states[min(state["athena_polls"] - 1, 2)]
                return self.send_json(200, {"QueryExecution": {
                    "QueryExecutionId": request.get("QueryExecutionId"), "Status": status, "WorkGroup": "primary",
                    "Statistics": {"DataScannedInBytes": 1234, "EngineExecutionTimeInMillis": 321}}})
            if state["athena_polls"] > 1:
                status = {"State": "FAILED", "StateChangeReason": reason, "SubmissionDateTime": 1795930721.303,
                          "CompletionDateTime": 1795930722.1,
                          "AthenaError": {"ErrorCategory": 2, "ErrorType": 1301, "Retryable": False, "ErrorMessage": reason}}
            return self.send_json(200, {"QueryExecution": {"QueryExecutionId": request.get("QueryExecutionId"),
                                                           "Status": status, "WorkGroup": "primary"}})
        if operation == "StopQueryExecution":
            return self.send_json(200, {})
        if operation == "GetQueryResults" and state["athena_results"] is not None:
            results = state["athena_results"]
            size = request.get("MaxResults", 1000)
            if not isinstance(size, int) or not 1 <= size <= 1000:
                return self.error(400, "InvalidRequestException", "MaxResults must be 1-1000")
            start = int(request.get("NextToken") or 0)
            answer = {"ResultSet": {"Rows": results["Rows"][start:start + size],
                                    "ResultSetMetadata": {"ColumnInfo": results["ColumnInfo"]}},
                      "UpdateCount": 0}
            if start + size < len(results["Rows"]):
                answer["NextToken"] = str(start + size)
            return self.send_json(200, answer)
        return self.error(400, "InvalidRequestException", "not emulated: " + operation)

    def lookup(self, body, count):
        state = self.server.state
        if self.headers.get("X-Amz-Target", "").startswith("AmazonAthena.") \
                and (state["athena_fail"] or state["athena_results"] is not None):
            return self.athena(body)
        if self.headers.get("X-Amz-Target") != TARGET:
            return self.error(400, "UnknownOperationException", "")
        if state["deny"]:
            return self.error(400, "AccessDeniedException",
                              "User: arn:aws:iam::123456789012:user/x is not authorized to perform: cloudtrail:LookupEvents")
        if not self.signed("cloudtrail") or self.headers.get("Content-Type") != "application/x-amz-json-1.1":
            return self.error(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token")
        throttle = state["throttle"]
        if throttle and count % throttle == 0:
            return self.error(400, "ThrottlingException", "Rate exceeded")
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return self.error(400, "SerializationException", "body is not JSON")
        attributes = request.get("LookupAttributes") or []
        if len(attributes) > 1:
            return self.error(400, "InvalidLookupAttributesException", "Only one lookup attribute is allowed.")
        if attributes and attributes[0].get("AttributeKey") not in KEYS:
            return self.error(400, "InvalidLookupAttributesException", "Invalid attribute key.")
        size = request.get("MaxResults", 50)
        if not isinstance(size, int) or not 1 <= size <= 50:
            return self.error(400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50.")
        start_time = request.get("StartTime")
        end_time = request.get("EndTime")
        selected = []
        for entry, record in state["events"]:
            if attributes and not matches(entry, record, attributes[0]["AttributeKey"], attributes[0]["AttributeValue"]):
                continue
            if start_time is not None and entry["EventTime"] < start_time:
                continue
            if end_time is not None and entry["EventTime"] > end_time:
                continue
            selected.append(entry)
        offset = 0
        if request.get("NextToken"):
            try:
                offset = int(base64.b64decode(request["NextToken"]).decode())
            except (ValueError, UnicodeDecodeError):
                return self.error(400, "InvalidNextTokenException", "Invalid NextToken.")
        page = selected[offset:offset + size]
        answer = {"Events": page}
        if offset + size < len(selected):
            answer["NextToken"] = base64.b64encode(str(offset + size).encode()).decode()
        self.send_json(200, answer)


def watch_parent(parent):
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cloudtrail", action="append", default=[], help="CloudTrail files or directories")
    parser.add_argument("--guardduty", action="append", default=[], help="GuardDuty findings (JSON Lines, {log:...} or bare)")
    parser.add_argument("--detector", default="d6b654308cdb0f3da20d9ae5112f232a")
    parser.add_argument("--throttle", type=int, default=0)
    parser.add_argument("--deny", action="store_true")
    parser.add_argument("--log")
    parser.add_argument("--athena-fail", help="answer Athena queries with FAILED and this reason")
    parser.add_argument("--athena-results", help="answer Athena queries with these results, paged")
    args = parser.parse_args()

    records = load_records(args.cloudtrail)
    events = [(lookup_entry(r), r) for r in records]
    events.sort(key=lambda pair: (pair[0]["EventTime"], pair[0].get("EventId", "")), reverse=True)
    findings = {}
    for path in args.guardduty:
        with open(path) as f:
            for line in f:
                if line.strip():
                    item = json.loads(line)
                    item = item.get("log", item)
                    findings[item["id"]] = item
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = {
        "lock": threading.Lock(), "count": 0, "log": args.log, "throttle": args.throttle, "deny": args.deny,
        "events": events, "findings": findings, "detectors": [args.detector],
        "athena_fail": args.athena_fail, "athena_polls": 0,
        "athena_results": json.load(open(args.athena_results)) if args.athena_results else None,
    }
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
