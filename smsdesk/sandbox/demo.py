"""The sandbox's own API, behind the built-in demo account (provider "sandbox"). Nothing here sends a real SMS.

    POST /sandbox/v1/messages       Authorization: Bearer sandbox
        {"messages": [{"to": "+4512345678", "text": "...", "reference": "our key", "encoding": "GSM-7"}, ...]}
        up to 500 messages, each with its own text; an optional top-level "sender" is taken and ignored
        200 {"results": [{"to", "reference", "status": "accepted", "id", "cost", "segments"}
                         | {"to", "reference", "status": "rejected", "error": {"code", "message"}}, ...],
             "balance": <credits left>}
        error codes per message: invalid_recipient, empty_text, text_too_long, insufficient_credit
        whole-request errors: {"error": {"code", "message"}} with 400 (bad_request, too_many_messages),
        401 (unauthorized), 402 (insufficient_credit: not even the first message can be paid)
    GET /sandbox/v1/balance         200 {"balance": <credits>, "currency": "credits"}
    GET /sandbox/v1/accepted?references=a,b
                                    200 {"accepted": [{"reference", "id", "to"}]}: which of our references the
                                    sandbox accepted (every one it ever accepted is listed: the list is complete)
    GET /sandbox/v1/status?ids=a,b  200 {"statuses": [{"id", "state": "delivered|failed|pending", "detail"}]}
                                    (ids the sandbox never issued are left out)

One credit pays one message (whatever its parts). Faults from server.Faults apply as for every provider.
"""

from __future__ import annotations

from smsdesk.sandbox.cpsms import segments_of
from smsdesk.sandbox.server import Request, Response, SandboxState, route, server_error

PROVIDER = "sandbox"
MAX_MESSAGES = 500
MAX_TEXT = 1530
MAX_STATUS_IDS = 1000


def _error(status: int, code: str, message: str) -> Response:
    return Response(status, {"error": {"code": code, "message": message}})


def _authorised(request: Request, state: SandboxState) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and state.check_secret(PROVIDER, token.strip())


def _unauthorised() -> Response:
    return _error(401, "unauthorized", "The sandbox key is wrong (it is 'sandbox')")


@server_error(PROVIDER)
def _server_error() -> Response:
    return _error(500, "server_error", "The sandbox had an error; nothing was sent, try again")


@route(PROVIDER, "POST", r"/sandbox/v1/messages")
def send(request: Request, state: SandboxState) -> Response:
    if not _authorised(request, state):
        return _unauthorised()
    data = request.json()
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list) or not messages:
        return _error(400, "bad_request", 'Expected {"messages": [{"to", "text", "reference"}, ...]}')
    if len(messages) > MAX_MESSAGES:
        return _error(400, "too_many_messages", f"At most {MAX_MESSAGES} messages per request")
    if state.faults.credit_messages == 0:
        return _error(402, "insufficient_credit", "The sandbox account has no credit left")
    results = []
    for item in messages:
        item = item if isinstance(item, dict) else {}
        to = str(item.get("to") or "")
        text = item.get("text")
        reference = item.get("reference")
        digits = to[1:] if to.startswith("+") else ""
        result = {"to": to, "reference": reference}
        if not (digits.isdigit() and 8 <= len(digits) <= 15) or state.is_rejected(to):
            result |= _rejected("invalid_recipient", f"{to or 'An empty number'} is not a valid phone number")
        elif not isinstance(text, str) or not text.strip():
            result |= _rejected("empty_text", "The text is empty")
        elif len(text) > MAX_TEXT:
            result |= _rejected("text_too_long", f"The text is longer than {MAX_TEXT} characters")
        else:
            parts = segments_of(text, unicode=item.get("encoding") == "UCS-2")
            if not state.take_credit(1):
                result |= _rejected("insufficient_credit", "The sandbox account ran out of credit")
            else:
                record = state.accept(
                    PROVIDER, to, text, None if reference is None else str(reference), parts
                )
                result |= {"status": "accepted", "id": record.message_id, "cost": parts, "segments": parts}
        results.append(result)
    return Response(200, {"results": results, "balance": state.credit_left()})


def _rejected(code: str, message: str) -> dict:
    return {"status": "rejected", "error": {"code": code, "message": message}}


@route(PROVIDER, "GET", r"/sandbox/v1/balance")
def balance(request: Request, state: SandboxState) -> Response:
    if not _authorised(request, state):
        return _unauthorised()
    return Response(200, {"balance": state.credit_left(), "currency": "credits"})


@route(PROVIDER, "GET", r"/sandbox/v1/accepted")
def accepted(request: Request, state: SandboxState) -> Response:
    if not _authorised(request, state):
        return _unauthorised()
    wanted = {r for r in (request.q("references") or "").split(",") if r}
    if len(wanted) > MAX_STATUS_IDS:
        return _error(400, "too_many_ids", f"At most {MAX_STATUS_IDS} references per request")
    with state.lock:
        found = [
            {"reference": r.reference, "id": r.message_id, "to": r.to}
            for r in state.accepted
            if r.provider == PROVIDER and r.reference in wanted
        ]
    return Response(200, {"accepted": found})


@route(PROVIDER, "GET", r"/sandbox/v1/status")
def status(request: Request, state: SandboxState) -> Response:
    if not _authorised(request, state):
        return _unauthorised()
    ids = [i for i in (request.q("ids") or "").split(",") if i]
    if len(ids) > MAX_STATUS_IDS:
        return _error(400, "too_many_ids", f"At most {MAX_STATUS_IDS} ids per request")
    wanted = set(ids)
    with state.lock:
        records = {
            r.message_id: r for r in state.accepted if r.provider == PROVIDER and r.message_id in wanted
        }
    statuses = []
    for message_id in ids:
        record = records.get(message_id)
        if record is None:
            continue
        delivery = state.delivery_of(record)
        detail = {"delivered": "Delivered to the (imaginary) handset", "failed": "The handset never got it"}
        statuses.append({"id": message_id, "state": delivery, "detail": detail.get(delivery, "On its way")})
    return Response(200, {"statuses": statuses})
