"""A fake Twilio REST API, run as its own process on loopback (Twilio is unreachable here).

    python -m tests.fakes.twilio_api --port 8123 --account-sid AC... --auth-token ... \
        --log requests.jsonl

Twilio's side of what Haven uses, shaped like Twilio's answers:

* `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` and `/Calls.json`: form-encoded
  parameters (`To`, `From`, `Body`, `Url`, `Method`, `StatusCallback`, ... all recorded),
  HTTP basic auth with the account SID and auth token (401 and error 20003 otherwise),
  Twilio's validation errors (21604, 21603, 21602, 21205, 21211), and `201` with a JSON
  resource (`sid` "SM…"/"CA…", `status` "queued"). `GET .../Messages/{sid}.json` and
  `.../Calls/{sid}.json` read one back.
* Every request is recorded, in order, to the JSONL file and at `GET /_fake/requests`
  (`?resource=Messages|Calls|webhook`).

Controls for tests (JSON bodies):

* `POST /_fake/fail` `{"number", "code", "status": 400, "message"?, "times"?, "resource"?}`:
  answer requests to that number with Twilio's error JSON (for `times` requests, or until
  reset). `POST /_fake/reset` forgets rules and recorded requests.
* `POST /_fake/calls/{CallSid}/answer` `{"digits"?}`: act as Twilio answering the call:
  fetch the call's `Url` (signed with `X-Twilio-Signature`), and if the TwiML has a
  `<Gather>` and digits were given, post them to its `action`, signed. Returns both TwiML.
* `POST /_fake/sms/inbound` `{"url", "from", "to", "body"}`: deliver an incoming SMS to a
  webhook, signed, as Twilio does. Returns the webhook's status and TwiML.
* `POST /_fake/status/{sid}` `{"status", "error_code"?}`: post a status callback for a
  message or call to the `StatusCallback` it was created with, signed (with `ErrorCode`).

Signatures are computed here from Twilio's published algorithm (HMAC-SHA1 over the URL
followed by the sorted parameters), independently of the twilio package.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

API = "2010-04-01"
E164 = re.compile(r"\+[1-9]\d{6,14}")
RESOURCE_PATH = re.compile(
    rf"/{API}/Accounts/(?P<account>[^/]+)/(?P<resource>Messages|Calls)\.json"
)
ITEM_PATH = re.compile(
    rf"/{API}/Accounts/(?P<account>[^/]+)/(?P<resource>Messages|Calls)/(?P<sid>[A-Z]{{2}}\w+)\.json"
)


def signature(auth_token: str, url: str, params: dict[str, Any]) -> str:
    """Twilio's X-Twilio-Signature: base64(HMAC-SHA1(token, url + k1 + v1 + k2 + v2 ...))."""
    data = url
    for key in sorted(params):
        values = params[key] if isinstance(params[key], list) else [params[key]]
        for value in sorted(values):
            data += key + value
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def error_body(code: int, message: str, status: int) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


class FakeTwilio:
    """The state behind the HTTP handler: recorded requests, failure rules, resources."""

    def __init__(self, account_sid: str, auth_token: str, log_path: Path | None) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.log_path = log_path
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.rules: list[dict[str, Any]] = []
        self.resources: dict[str, dict[str, Any]] = {}
        self.params: dict[str, dict[str, Any]] = {}
        self.seq = 0

    def record(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.seq += 1
            entry = {"seq": self.seq, "time": time.time(), **entry}
            self.requests.append(entry)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as log:
                    log.write(json.dumps(entry) + "\n")

    def failure_for(self, resource: str, number: str) -> dict[str, Any] | None:
        with self.lock:
            for rule in self.rules:
                if rule["number"] == number and rule.get("resource") in (None, resource):
                    if rule.get("times") is not None:
                        rule["times"] -= 1
                        if rule["times"] <= 0:
                            self.rules.remove(rule)
                    return rule
        return None

    def create(self, resource: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        to, sender = _one(params, "To"), _one(params, "From")
        if not to:
            return 400, error_body(21604, "A 'To' phone number is required.", 400)
        if not sender and not (resource == "Messages" and _one(params, "MessagingServiceSid")):
            return 400, error_body(21603, "A 'From' phone number is required.", 400)
        if resource == "Messages" and not (_one(params, "Body") or params.get("MediaUrl")):
            return 400, error_body(21602, "Message body is required.", 400)
        if resource == "Calls" and not (
            _one(params, "Url") or _one(params, "Twiml") or _one(params, "ApplicationSid")
        ):
            return 400, error_body(21205, "Url parameter is required.", 400)
        if not E164.fullmatch(to):
            return 400, error_body(21211, f"The 'To' number {to} is not a valid phone number.", 400)
        rule = self.failure_for(resource, to)
        if rule is not None:
            status = int(rule.get("status", 400))
            message = rule.get("message") or f"Simulated Twilio error {rule['code']}."
            return status, error_body(int(rule["code"]), message, status)
        body = self._resource(resource, params)
        with self.lock:
            self.resources[body["sid"]] = body
            self.params[body["sid"]] = params
        return 201, body

    def _resource(self, resource: str, params: dict[str, Any]) -> dict[str, Any]:
        now = formatdate(usegmt=False).replace("-0000", "+0000")
        prefix = "SM" if resource == "Messages" else "CA"
        sid = prefix + secrets.token_hex(16)
        uri = f"/{API}/Accounts/{self.account_sid}/{resource}/{sid}.json"
        common = {
            "account_sid": self.account_sid,
            "api_version": API,
            "date_created": now,
            "date_updated": now,
            "direction": "outbound-api",
            "from": _one(params, "From"),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "to": _one(params, "To"),
            "uri": uri,
        }
        if resource == "Messages":
            return {
                **common,
                "body": _one(params, "Body"),
                "date_sent": None,
                "error_code": None,
                "error_message": None,
                "messaging_service_sid": _one(params, "MessagingServiceSid") or None,
                "num_media": str(len(params.get("MediaUrl", []) or [])),
                "num_segments": "1",
                "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
            }
        return {
            **common,
            "annotation": None,
            "answered_by": None,
            "caller_name": None,
            "duration": None,
            "end_time": None,
            "forwarded_from": None,
            "from_formatted": _one(params, "From"),
            "group_sid": None,
            "parent_call_sid": None,
            "phone_number_sid": "PN" + secrets.token_hex(16),
            "queue_time": "0",
            "start_time": None,
            "to_formatted": _one(params, "To"),
            "trunk_sid": None,
            "subresource_uris": {"recordings": uri.replace(".json", "/Recordings.json")},
        }

    def webhook(self, url: str, params: dict[str, Any], purpose: str) -> tuple[int, str]:
        """POST a signed, form-encoded webhook as Twilio does; record it."""
        data = urllib.parse.urlencode(params, doseq=True).encode()
        request = urllib.request.Request(url, data=data, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("X-Twilio-Signature", signature(self.auth_token, url, params))
        request.add_header("User-Agent", "TwilioProxy/1.1")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        self.record(
            {
                "method": "POST",
                "resource": "webhook",
                "purpose": purpose,
                "url": url,
                "params": params,
                "status": status,
            }
        )
        return status, text

    def answer(self, call_sid: str, digits: str | None) -> dict[str, Any]:
        with self.lock:
            call, params = self.resources.get(call_sid), self.params.get(call_sid)
        if call is None or params is None or not call_sid.startswith("CA"):
            return {"error": "no such call"}
        url = _one(params, "Url")
        base = {
            "AccountSid": self.account_sid,
            "ApiVersion": API,
            "CallSid": call_sid,
            "CallStatus": "in-progress",
            "Direction": "outbound-api",
            "From": call["from"],
            "To": call["to"],
        }
        status, twiml = self.webhook(url, base, "voice")
        result: dict[str, Any] = {"status": [status], "twiml": [twiml]}
        action = _gather_action(twiml)
        if digits is not None and action is not None:
            target = urllib.parse.urljoin(url, action)
            status, reply = self.webhook(target, {**base, "Digits": digits}, "gather")
            result["status"].append(status)
            result["twiml"].append(reply)
        return result

    def inbound_sms(self, url: str, sender: str, to: str, body: str) -> dict[str, Any]:
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": API,
            "Body": body,
            "From": sender,
            "MessageSid": "SM" + secrets.token_hex(16),
            "NumMedia": "0",
            "NumSegments": "1",
            "SmsStatus": "received",
            "To": to,
        }
        status, twiml = self.webhook(url, params, "sms")
        return {"status": status, "twiml": twiml}

    def status_callback(
        self, sid: str, status: str, error_code: int | None = None
    ) -> dict[str, Any]:
        with self.lock:
            resource, params = self.resources.get(sid), self.params.get(sid)
        if resource is None or params is None or not _one(params, "StatusCallback"):
            return {"error": "no status callback for this sid"}
        key = "MessageStatus" if sid.startswith("SM") else "CallStatus"
        sid_key = "MessageSid" if sid.startswith("SM") else "CallSid"
        fields = {
            "AccountSid": self.account_sid,
            sid_key: sid,
            key: status,
            "From": resource["from"],
            "To": resource["to"],
            "ApiVersion": API,
        }
        if error_code is not None:
            fields["ErrorCode"] = str(error_code)
        code, text = self.webhook(_one(params, "StatusCallback"), fields, "status")
        return {"status": code, "body": text}


def _one(params: dict[str, Any], key: str) -> str:
    value = params.get(key, "")
    return str(value[0] if isinstance(value, list) and value else value or "")


def _gather_action(twiml: str) -> str | None:
    try:
        root = ET.fromstring(twiml)
    except ET.ParseError:
        return None
    gather = root.find("Gather")
    return None if gather is None else gather.get("action")


def make_handler(fake: FakeTwilio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _auth(self, account: str) -> str:
            scheme, _, given = self.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "basic" or not given:
                return "missing"
            try:
                user, _, password = base64.b64decode(given).decode().partition(":")
            except ValueError:
                return "wrong"
            ok = (
                hmac.compare_digest(user, fake.account_sid)
                and hmac.compare_digest(password, fake.auth_token)
                and account == fake.account_sid
            )
            return "ok" if ok else "wrong"

        def do_GET(self) -> None:
            parsed = urllib.parse.urlsplit(self.path)
            if parsed.path == "/_fake/health":
                self._send(200, {"status": "up"})
                return
            if parsed.path == "/_fake/requests":
                wanted = urllib.parse.parse_qs(parsed.query).get("resource", [None])[0]
                with fake.lock:
                    found = [r for r in fake.requests if wanted in (None, r.get("resource"))]
                self._send(200, {"requests": found})
                return
            match = ITEM_PATH.fullmatch(parsed.path)
            if match is None:
                self._send(404, error_body(20404, "The requested resource was not found", 404))
                return
            if self._auth(match["account"]) != "ok":
                self._unauthorized()
                return
            with fake.lock:
                resource = fake.resources.get(match["sid"])
            if resource is None:
                self._send(404, error_body(20404, "The requested resource was not found", 404))
                return
            self._send(200, resource)

        def _unauthorized(self) -> None:
            body = error_body(20003, "Authenticate", 401)
            body["detail"] = "Your AccountSid or AuthToken was incorrect."
            self._send(401, body, {"WWW-Authenticate": 'Basic realm="Twilio API"'})

        def do_POST(self) -> None:
            parsed = urllib.parse.urlsplit(self.path)
            raw = self._body()
            match = RESOURCE_PATH.fullmatch(parsed.path)
            if match is not None:
                self._create(match["account"], match["resource"], raw)
                return
            control = _json(raw)
            if parsed.path == "/_fake/fail":
                rule = {
                    "number": str(control["number"]),
                    "code": int(control["code"]),
                    "status": int(control.get("status", 400)),
                    "message": control.get("message"),
                    "times": control.get("times"),
                    "resource": control.get("resource"),
                }
                with fake.lock:
                    fake.rules.append(rule)
                self._send(200, {"rule": rule})
            elif parsed.path == "/_fake/reset":
                with fake.lock:
                    fake.rules.clear()
                    fake.requests.clear()
                self._send(200, {"reset": True})
            elif parsed.path == "/_fake/sms/inbound":
                self._send(
                    200,
                    fake.inbound_sms(
                        control["url"], control["from"], control["to"], control["body"]
                    ),
                )
            elif (m := re.fullmatch(r"/_fake/calls/(CA\w+)/answer", parsed.path)) is not None:
                self._send(200, fake.answer(m[1], control.get("digits")))
            elif (m := re.fullmatch(r"/_fake/status/([A-Z]{2}\w+)", parsed.path)) is not None:
                code = control.get("error_code")
                result = fake.status_callback(
                    m[1], str(control["status"]), None if code is None else int(code)
                )
                self._send(200, result)
            else:
                self._send(404, error_body(20404, "The requested resource was not found", 404))

        def _create(self, account: str, resource: str, raw: bytes) -> None:
            params = {
                key: values[0] if len(values) == 1 else values
                for key, values in urllib.parse.parse_qs(
                    raw.decode(), keep_blank_values=True
                ).items()
            }
            auth = self._auth(account)
            entry = {
                "method": "POST",
                "resource": resource,
                "path": self.path,
                "account_sid": account,
                "auth": auth,
                "params": params,
                "content_type": self.headers.get("Content-Type", ""),
            }
            if auth != "ok":
                fake.record({**entry, "status": 401})
                self._unauthorized()
                return
            status, body = fake.create(resource, params)
            fake.record(
                {
                    **entry,
                    "status": status,
                    "sid": body.get("sid"),
                    "error_code": body.get("code") if status >= 400 else None,
                }
            )
            self._send(status, body)

    return Handler


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--account-sid", required=True)
    parser.add_argument("--auth-token", required=True)
    parser.add_argument("--log", type=Path, default=None, help="append every request as JSONL")
    args = parser.parse_args()
    fake = FakeTwilio(args.account_sid, args.auth_token, args.log)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(fake))
    server.daemon_threads = True
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
