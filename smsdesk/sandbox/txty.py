"""Txty SMS v6 as the sandbox speaks it: GET /v6/sms with username and token in the query.

Shapes follow the OpenAPI spec (shared/providers.md section 2): 200 with the SMS object (`settings` left null, as
the spec allows), 400 {"error":"<CODE>","message"} from the documented enum, 401 with no body.

The length limits behind the *_LONG codes are not documented; the sandbox uses 15 digits for numbers, 11 letters
or 15 digits for senders, 1530 characters for texts and 64 for the reference.
"""

from __future__ import annotations

import re
from datetime import datetime

import phonenumbers

from smsdesk.sandbox.cpsms import segments_of
from smsdesk.sandbox.server import Request, Response, SandboxState, route, server_error

PROVIDER = "txty"
MAX_TEXT = 1530
MAX_REFERENCE = 64
PRICE_PER_PART = 0.25  # DKK, for the sandbox's SMS objects


def _error(code: str, message: str, status: int = 400) -> Response:
    return Response(status, {"error": code, "message": message})


def _msisdn_error(msisdn: str, state: SandboxState) -> Response | None:
    if not msisdn:
        return _error("MSISDN_EMPTY", "msisdn is required")
    if not msisdn.isdigit():
        return _error("MSISDN_ALPHA", "msisdn may only contain digits")
    if len(msisdn) > 15:
        return _error("MSISDN_LONG", "msisdn is too long")
    if len(msisdn) < 8 or state.is_rejected("+" + msisdn):
        return _error("MSISDN_INVALID", "msisdn is not a valid number")
    return None


def _sender_error(sender: str) -> Response | None:
    if not sender:
        return _error("SENDER_EMPTY", "sender is required")
    if not re.fullmatch(r"[A-Za-z0-9]+", sender):
        return _error("SENDER_INVALID", "sender may only contain a-z, A-Z and 0-9")
    if len(sender) > (15 if sender.isdigit() else 11):
        return _error("SENDER_LONG", "sender is too long")
    return None


@server_error(PROVIDER)
def _server_error() -> Response:
    return _error("INTERNAL_ERROR", "Internal error, please try again", 500)


@route(PROVIDER, "GET", r"/v6/sms")
def send(request: Request, state: SandboxState) -> Response:
    username, token = request.q("username"), request.q("token")
    if not token or not state.check_secret(PROVIDER, token, username or ""):
        return Response(401, None)  # the spec gives 401 no body
    msisdn = (request.q("msisdn") or "").strip()
    sender = (request.q("sender") or "").strip()
    text = request.q("text") or ""
    reference = request.q("custom_reference")
    scheduled = request.q("settings_scheduled")
    problem = _msisdn_error(msisdn, state) or _sender_error(sender)
    if problem:
        return problem
    if not text.strip():
        return _error("TEXT_EMPTY", "text is required")
    if len(text) > MAX_TEXT:
        return _error("TEXT_LONG", "text is too long")
    if reference is not None and len(reference) > MAX_REFERENCE:
        return _error("REFERENCE_LONG", "custom_reference is too long")
    if scheduled:
        try:
            datetime.fromisoformat(scheduled.replace("Z", "+00:00"))
        except ValueError:
            return _error("SCHEDULED_INVALID", "settings_scheduled is not a date-time")
    if not state.take_credit(1):
        return _error("CANNOT_AFFORD", "Your account cannot afford this message")
    parts = segments_of(text, unicode=False)
    record = state.accept(PROVIDER, msisdn, text, reference, parts)
    try:
        parsed = phonenumbers.parse("+" + msisdn)
        dialcode, number = parsed.country_code, parsed.national_number
    except phonenumbers.NumberParseException:
        dialcode, number = 0, int(msisdn)
    return Response(
        200,
        {
            "guid": record.message_id,
            "recipient": [{"msisdn": int(msisdn), "dialcode": dialcode, "number": number}],
            "message": [
                {
                    "sender": sender,
                    "price": round(parts * PRICE_PER_PART, 2),
                    "characters": len(text),
                    "message_count": parts,
                    "text": text,
                    "reference": reference,
                }
            ],
            "settings": None,
        },
    )
