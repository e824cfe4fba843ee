"""CPSMS.dk v2 as the sandbox speaks it: POST /v2/send, GET /v2/creditvalue, GET /v2/getlog[/...].

Shapes follow the CPSMS docs (shared/providers.md section 1): Basic auth with username:apikey, `to` as a string or
an array of digit strings, 200 {"success":[...]} when all went well, 207 with `success` and `error` arrays when some
numbers failed (error items in the documented 2016 spelling {"errorCode","errMsg","to"}), 402 when the account
cannot afford the request, {"credit":"9.843,40"} in Danish number format.

Where CPSMS leaves a case open, the sandbox picks one plausible answer and says so: all recipients failing answers
400 with the error array alone; a whole-request problem answers {"error":{"code","message"}}.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import time

from smsdesk.sandbox.server import Request, Response, SandboxState, route, server_error

PROVIDER = "cpsms"
MAX_CHARACTERS = 1530
MAX_REFERENCE = 32

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def segments_of(text: str, unicode: bool) -> int:
    """Parts a text takes, close enough for the sandbox's bill (the real rules live in core.encoding)."""
    if unicode or any(ch not in _GSM_BASIC and ch not in _GSM_EXTENDED for ch in text):
        units = len(text.encode("utf-16-le")) // 2
        return 1 if units <= 70 else math.ceil(units / 67)
    septets = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
    return 1 if septets <= 160 else math.ceil(septets / 153)


def danish_number(value: float) -> str:
    """10000.5 -> "10.000,50", as CPSMS writes credit."""
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _error(status: int, message: str) -> Response:
    return Response(status, {"error": {"code": status, "message": message}})


def _authorised(request: Request, state: SandboxState) -> bool:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return False
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    username, _, key = decoded.partition(":")
    expected_user, _ = state.credentials[PROVIDER]
    return username == expected_user and state.check_secret(PROVIDER, key, username)


@server_error(PROVIDER)
def _server_error() -> Response:
    return _error(500, "Internal server error, please retry later")  # the documented 500: nothing was sent


@route(PROVIDER, "POST", r"/v2/send")
def send(request: Request, state: SandboxState) -> Response:
    if not _authorised(request, state):
        return _error(401, "Unauthorized: wrong username or API key")
    data = request.json()
    if not isinstance(data, dict):
        return _error(400, "The request must be a JSON object")
    to = data.get("to")
    numbers = [to] if isinstance(to, str | int) else to
    if not isinstance(numbers, list) or not numbers:
        return _error(400, "The parameter 'to' is required")
    text = data.get("message")
    if not isinstance(text, str) or not text.strip():
        return _error(400, "The parameter 'message' is required")
    if len(text) > MAX_CHARACTERS:
        return _error(400, f"The message is longer than {MAX_CHARACTERS} characters")
    sender = data.get("from")
    if sender is not None and not _sender_ok(str(sender)):
        return _error(400, "The sender ('from') is not valid")
    reference = data.get("reference")
    if reference is not None and len(str(reference)) > MAX_REFERENCE:
        return _error(400, f"The reference is longer than {MAX_REFERENCE} characters")
    timestamp = data.get("timestamp")
    if timestamp is not None and (isinstance(timestamp, bool) or not isinstance(timestamp, int)):
        return _error(400, "The parameter 'timestamp' must be a unix time")
    unicode = str(data.get("format", "GSM")).upper() == "UNICODE"
    if not unicode:
        # As the docs say: characters the SMS protocol (GSM 03.38) does not have are removed without a word.
        text = "".join(ch for ch in text if ch in _GSM_BASIC or ch in _GSM_EXTENDED)
    parts = segments_of(text, unicode)

    valid, errors = _sort_numbers(numbers, state)
    # CPSMS checks the whole request's price before sending anything: 402 for the request, not per number.
    if valid and not state.take_credit(len(valid)):
        return _error(402, "Not enough SMS points")
    success = []
    for digits in valid:
        state.accept(
            PROVIDER,
            digits,
            text,
            None if reference is None else str(reference),
            parts,
            scheduled_for=float(timestamp) if timestamp is not None and timestamp > time.time() else None,
            scheduled_as=None if timestamp is None else json.dumps(timestamp),
        )
        success.append({"to": digits, "cost": parts, "smsAmount": parts})
    if not errors:
        return Response(200, {"success": success})
    if not success:
        return Response(400, {"error": errors})
    return Response(207, {"success": success, "error": errors})


def _sort_numbers(numbers: list, state: SandboxState) -> tuple[list[str], list[dict]]:
    """(the numbers that may be sent to, as digits; an error item for each of the others), in request order."""
    valid: list[str] = []
    errors: list[dict] = []
    for number in numbers:
        digits = str(number)
        if not re.fullmatch(r"\d{8,15}", digits) or state.is_rejected("+" + digits):
            errors.append(
                {
                    "errorCode": 400,
                    "errMsg": "Phone number length and country code do not match.",
                    "to": digits,
                }
            )
        else:
            valid.append(digits)
    return valid, errors


def _sender_ok(sender: str) -> bool:
    if sender.isdigit():
        return len(sender) <= 15
    return bool(re.fullmatch(r"[A-Za-z0-9 ]{1,11}", sender))


@route(PROVIDER, "GET", r"/v2/creditvalue")
def credit_value(request: Request, state: SandboxState) -> Response:
    if not _authorised(request, state):
        return _error(401, "Unauthorized: wrong username or API key")
    return Response(200, {"credit": danish_number(state.credit_left())})


# The docs' curl example POSTs to creditvalue while the PHP example and the endpoint line say GET: take both.
route(PROVIDER, "POST", r"/v2/creditvalue")(credit_value)


@route(PROVIDER, "GET", r"/v2/getlog(?:/(?P<a>\d+))?(?:/(?P<b>\d+))?(?:/(?P<c>\d+))?")
def get_log(request: Request, state: SandboxState) -> Response:
    """/getlog, /getlog/<to>, /getlog/<fromDate>/<toDate>, /getlog/<fromDate>/<toDate>/<to> (unix times).

    CPSMS allows one call per two minutes; the sandbox does not enforce it (what CPSMS answers when it is broken
    is not documented), the adapter's limits carry it."""
    if not _authorised(request, state):
        return _error(401, "Unauthorized: wrong username or API key")
    assert request.match is not None
    a, b, c = request.match.group("a", "b", "c")
    since, until, to = 0.0, math.inf, None
    if a and b:
        since, until, to = float(a), float(b), c
    elif a:
        to = a
    oldest = time.time() - 92 * 86400  # "a maximum of 3 months" back
    with state.lock:
        records = [r for r in state.accepted if r.provider == PROVIDER]
    entries = []
    for record in records:
        if record.at < oldest or not (since <= record.at <= until + 1):
            continue
        digits = record.to.lstrip("+")
        if to and digits != to:
            continue
        delivery = state.delivery_of(record)
        status, words = {"delivered": (1, "Received"), "failed": (2, "Delivery failed")}.get(
            delivery, (0, "")
        )
        entries.append(
            {
                "to": digits,
                "from": "CPSMS",
                "pointPrice": record.segments,
                "userReference": record.reference,
                "dlrStatus": status,
                "dlrStatusText": words,
                "timeSent": int(record.at),
            }
        )
    return Response(200, entries)


CANCEL_NOTICE = 600.0  # "only if the scheduled time is more than 10 minutes ahead"


@route(PROVIDER, "DELETE", r"/v2/deletesms(?:/(?P<reference>[^/]+))?")
def delete_sms(request: Request, state: SandboxState) -> Response:
    """Deletes every scheduled SMS with the reference (in the path or a JSON body). The answer's shape is not
    documented; the sandbox's is a guess the adapter does not depend on (any 2xx means deleted)."""
    if not _authorised(request, state):
        return _error(401, "Unauthorized: wrong username or API key")
    assert request.match is not None
    reference = request.match.group("reference")
    if reference is None:
        data = request.json()
        reference = str(data.get("reference")) if isinstance(data, dict) and data.get("reference") else None
    if not reference:
        return _error(400, "The parameter 'reference' is required")
    with state.lock:
        records = [r for r in state.accepted if r.provider == PROVIDER and r.reference == reference]
    if not records:
        return _error(404, f"No SMS with the reference {reference}")
    cancelled, too_late = state.cancel_scheduled(records, notice=CANCEL_NOTICE)
    if too_late:
        return _error(400, "Only SMS scheduled more than 10 minutes ahead can be deleted")
    return Response(200, {"success": {"reference": reference, "deleted": cancelled}})
