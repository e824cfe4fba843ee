"""UGSMS as documented: v2 (/api/v2/sms/send, /api/v2/account/balance, X-API-Key) and v1 (/v1/sms/send, username and
password), both answering in the {"success","message","data"} envelope with errors as {"error": ...}.

Like the real service (a Laravel app behind its throttle middleware) every answer carries X-RateLimit-Limit and
X-RateLimit-Remaining; beyond 60 requests a minute it answers 429 "Too Many Attempts." with Retry-After and
X-RateLimit-Reset. Numbers are taken in local Ugandan form (07XXXXXXXX, read as +256), as international digits, or
with "+". One invalid or rejected number refuses the whole request with 400 "Invalid phone number format.", which
is what the documentation shows (it never names the number). The v2 balance body is not documented; the sandbox
answers {"success": true, "data": {"balance": ..., "currency": "UGX"}}.
"""

from __future__ import annotations

import math
import re
import time
import uuid

import phonenumbers

from smsdesk.sandbox.server import Request, Response, SandboxState, route, server_error

PROVIDER = "ugsms"
REQUESTS_PER_MINUTE = 60
PRICE_PER_SEGMENT = 10.0  # UGX per SMS segment, a made-up figure so estimated_cost is not zero
_INTERNATIONAL = re.compile(r"^\+?[1-9]\d{7,14}$")
_LOCAL_UG = re.compile(r"^0\d{9}$")


def _segments(text: str) -> int:
    wide = any(ord(ch) > 0xFF for ch in text)
    single, multi = (70, 67) if wide else (160, 153)
    return 1 if len(text) <= single else math.ceil(len(text) / multi)


def _e164(number: str) -> str | None:
    """The documented form is local Ugandan, 07XXXXXXXX (read as +256); international digits (with or without "+")
    are taken too when they make a possible number. Anything else is refused, as UGSMS does."""
    number = number.strip().replace(" ", "")
    if _LOCAL_UG.match(number):
        return "+256" + number[1:]
    if _INTERNATIONAL.match(number):
        e164 = number if number.startswith("+") else "+" + number
        try:
            possible = phonenumbers.is_possible_number(phonenumbers.parse(e164))
        except phonenumbers.NumberParseException:
            possible = False
        return e164 if possible else None
    return None


def _throttled(state: SandboxState) -> tuple[Response | None, dict[str, str]]:
    allowed, remaining, wait = state.rate_check(PROVIDER, REQUESTS_PER_MINUTE)
    headers = {"X-RateLimit-Limit": str(REQUESTS_PER_MINUTE), "X-RateLimit-Remaining": str(remaining)}
    if allowed:
        return None, headers
    seconds = max(1, math.ceil(wait))
    headers.update({"Retry-After": str(seconds), "X-RateLimit-Reset": str(int(time.time()) + seconds)})
    return Response(429, {"message": "Too Many Attempts."}, headers=headers), headers


def _send(request: Request, state: SandboxState, headers: dict[str, str]) -> Response:
    fields = request.form()
    numbers_field = fields.get("numbers") or ""
    text = fields.get("message_body") or ""
    sender = fields.get("sender_id")
    problems: dict[str, list[str]] = {}
    if not numbers_field.strip():
        problems["numbers"] = ["The numbers field is required."]
    if not text.strip():
        problems["message_body"] = ["The message body field is required."]
    if sender is not None and len(sender) > 11:
        problems["sender_id"] = ["The sender id field must not be greater than 11 characters."]
    if problems:
        first = next(iter(problems.values()))[0]
        return Response(422, {"message": first, "errors": problems}, headers=headers)
    numbers = [part.strip() for part in numbers_field.split(",") if part.strip()]
    e164s = [_e164(number) for number in numbers]
    if any(e164 is None or state.is_rejected(e164) for e164 in e164s):
        return Response(400, {"error": "Invalid phone number format."}, headers=headers)
    if not state.take_credit(len(numbers)):
        return Response(402, {"success": False, "error": "Insufficient balance."}, headers=headers)
    segments = _segments(text)
    message_id = str(uuid.uuid4())
    for e164 in e164s:
        assert e164 is not None
        state.accept(PROVIDER, e164, text, message_id, segments)
    data = {
        "message_id": message_id,
        "recipients": len(numbers),
        "estimated_cost": PRICE_PER_SEGMENT * segments * len(numbers),
        "remaining_balance": state.credit_left() * PRICE_PER_SEGMENT,
    }
    return Response(
        200, {"success": True, "message": "Message sent successfully", "data": data}, headers=headers
    )


def _v2_key(request: Request) -> str | None:
    return request.headers.get("x-api-key") or request.form().get("api_key")


def _v2_auth_failure(request: Request, state: SandboxState, headers: dict[str, str]) -> Response | None:
    key = _v2_key(request)
    if not key:
        return Response(
            401,
            {"error": "API key is required", "help": "Provide X-API-Key header or api_key parameter"},
            headers=headers,
        )
    if not state.check_secret(PROVIDER, key):
        return Response(401, {"error": "Invalid API key"}, headers=headers)
    return None


@server_error(PROVIDER)
def _server_error() -> Response:
    # Laravel's maintenance answer: 503 with Retry-After.
    return Response(503, {"success": False, "error": "Service Unavailable"}, headers={"Retry-After": "1"})


@route(PROVIDER, "POST", r"/api/v2/sms/send")
@route(PROVIDER, "GET", r"/api/v2/sms/send")
def send_v2(request: Request, state: SandboxState) -> Response:
    refused, headers = _throttled(state)
    if refused:
        return refused
    return _v2_auth_failure(request, state, headers) or _send(request, state, headers)


@route(PROVIDER, "GET", r"/api/v2/account/balance")
def balance_v2(request: Request, state: SandboxState) -> Response:
    refused, headers = _throttled(state)
    if refused:
        return refused
    failure = _v2_auth_failure(request, state, headers)
    if failure:
        return failure
    data = {"balance": state.credit_left() * PRICE_PER_SEGMENT, "currency": "UGX"}
    return Response(200, {"success": True, "message": "Balance retrieved", "data": data}, headers=headers)


@route(PROVIDER, "POST", r"/v1/sms/send")
@route(PROVIDER, "GET", r"/v1/sms/send")
def send_v1(request: Request, state: SandboxState) -> Response:
    refused, headers = _throttled(state)
    if refused:
        return refused
    fields = request.form()
    username, password = fields.get("username"), fields.get("password")
    if not username or not password or not state.check_secret(PROVIDER, password, username):
        return Response(401, {"error": "Unauthorized."}, headers=headers)
    return _send(request, state, headers)
