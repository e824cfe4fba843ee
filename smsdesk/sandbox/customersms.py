"""customersms.pro as its page documents it: POST JSON to /sms_system/api.php (and /api.php, the quick-start's path).

Where the page is silent the sandbox picks one plausible answer (the adapter accepts others too):
- a bad key answers HTTP 401 with the documented {"success":false,"error":...,"code":"INVALID_API_KEY"};
- a number that cannot be sent to gets a per-number result {"phone", "success": false, "error": "..."};
- an account with no credit at all answers 402 INSUFFICIENT_CREDITS; running out part-way fails the remaining
  numbers one by one with "Insufficient credits";
- beyond 100 requests a minute: 429 RATE_LIMIT_EXCEEDED with Retry-After.
"""

from __future__ import annotations

import math
import re

from smsdesk.sandbox.server import Request, Response, SandboxState, route, server_error

PROVIDER = "customersms"
REQUESTS_PER_MINUTE = 100
_PHONE = re.compile(r"^\+?[1-9]\d{6,14}$")


def _error(status: int, error: str, code: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, {"success": False, "error": error, "code": code}, headers=headers or {})


def _segments(text: str) -> int:
    wide = any(ord(ch) > 0xFF for ch in text)
    single, multi = (70, 67) if wide else (160, 153)
    return 1 if len(text) <= single else math.ceil(len(text) / multi)


def _phones(value: object) -> list[str] | None:
    """The `phone` field: a string (one number or a comma-separated list) or an array, as the page allows."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, (str, int)) for item in value):
        return [str(item).strip() for item in value if str(item).strip()]
    return None


@server_error(PROVIDER)
def _server_error() -> Response:
    return _error(503, "Service temporarily unavailable", "SERVICE_UNAVAILABLE", {"Retry-After": "1"})


@route(PROVIDER, "POST", r"/sms_system/api\.php")
@route(PROVIDER, "POST", r"/api\.php")
def send(request: Request, state: SandboxState) -> Response:
    allowed, _remaining, wait = state.rate_check(PROVIDER, REQUESTS_PER_MINUTE)
    if not allowed:
        return _error(
            429,
            "Rate limit exceeded: 100 requests per minute",
            "RATE_LIMIT_EXCEEDED",
            {"Retry-After": str(max(1, math.ceil(wait)))},
        )
    data = request.json()
    if not isinstance(data, dict):
        return _error(400, "Invalid JSON body", "INVALID_REQUEST")
    if not state.check_secret(PROVIDER, data.get("api_key")):
        return _error(401, "Invalid or inactive API key", "INVALID_API_KEY")
    phones = _phones(data.get("phone"))
    message = data.get("message")
    if not phones or not isinstance(message, str) or not message.strip():
        return _error(400, "Phone and message are required", "MISSING_PARAMETERS")
    if state.credit_left() < 1:
        return _error(402, "Insufficient credits", "INSUFFICIENT_CREDITS")

    results = []
    segments = _segments(message)
    for phone in phones:
        e164 = phone if phone.startswith("+") else "+" + phone
        if not _PHONE.match(phone) or state.is_rejected(e164):
            results.append({"phone": phone, "success": False, "error": "Invalid phone number"})
        elif not state.take_credit(1):
            results.append({"phone": phone, "success": False, "error": "Insufficient credits"})
        else:
            record = state.accept(PROVIDER, e164, message, None, segments)
            results.append({"phone": phone, "success": True, "message_id": "msg_" + record.message_id})
    sent = sum(1 for item in results if item["success"])
    return Response(
        200,
        {
            "success": sent == len(results) or not state.faults.customersms_top_level_false,
            "message": "SMS sending completed",
            "total_numbers": len(results),
            "successful_sends": sent,
            "failed_sends": len(results) - sent,
            "remaining_credits": int(state.credit_left()),
            "results": results,
        },
    )
