"""iP.1 REST API v2 as documented: Bearer auth, POST /v2/batches (plain and templated recipients), the batch and its
messages with status histories (paginated with start/limit/order and a Link header), and GET /api/me.

The POST answer is not documented; the sandbox answers 201 Created with the batch object and a Location header.
Refused requests answer 400 in ASP.NET's shape {"message", "modelState"} (iP.1 runs on .NET; the real error body is
not documented either). Per-recipient problems are message statuses, as at iP.1: a rejected number gets 405
RecipientRejected, a message the account cannot afford 402 InsufficientFunds. Accepted messages move
101 Accepted -> 102 Queued -> 103 Funded -> 112 DeliveredToCarrier -> 201 DeliveredToHandset (or 202 Expired for
undeliverable numbers) following state.delivery_of().
"""

from __future__ import annotations

import json
import math
import re
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from smsdesk.sandbox.cpsms import _GSM_BASIC, _GSM_EXTENDED
from smsdesk.sandbox.server import Request, Response, SandboxState, route, server_error

PROVIDER = "ip1"
OWNER = "ip1-10000"
PRICE_PER_SEGMENT = 0.35  # SEK, made up
MAX_BODY = 2000
_SENDER = re.compile(r"^(?:[A-Za-z0-9]{3,11}|[0-9]{1,15})$")
_MSISDN = re.compile(r"^[0-9]{1,15}$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")
_GSM = _GSM_BASIC | _GSM_EXTENDED

# Per sandbox state: message id -> message facts, batch id -> batch facts. Entries for batches that a reset removed
# from state.batches are unreachable and dropped on the next send.
_STORES: weakref.WeakKeyDictionary[SandboxState, dict[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


def _store(state: SandboxState) -> dict[str, dict[str, Any]]:
    with state.lock:
        store = _STORES.get(state)
        if store is None:
            store = {"messages": {}, "batches": {}}
            _STORES[state] = store
        return store


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _segments(text: str, ucs: bool) -> int:
    single, multi = (70, 67) if ucs else (160, 153)
    return 1 if len(text) <= single else math.ceil(len(text) / multi)


def _unauthorised(request: Request, state: SandboxState) -> Response | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not state.check_secret(PROVIDER, token.strip()):
        return Response(401, {"message": "Authorization has been denied for this request."})
    return None


def _invalid(field: str, problem: str) -> Response:
    return Response(400, {"message": "The request is invalid.", "modelState": {f"batch.{field}": [problem]}})


def _statuses(state: SandboxState, facts: dict[str, Any]) -> list[dict[str, Any]]:
    at = facts["created"]
    history = [(101, at)]
    if facts["rejected"]:
        history.append((facts["rejected"], at))
    else:
        history += [(102, at), (103, at), (112, at + 0.001)]
        delivery = state.delivery_of(facts["record"])
        if delivery == "delivered":
            history.append((201, at + max(state.faults.deliver_after, 0.002)))
        elif delivery == "failed":
            history.append((202, at + 0.002))
    return [{"code": code, "duration": round(when - at, 3), "created": _iso(when)} for code, when in history]


def _message_object(state: SandboxState, message_id: str, facts: dict[str, Any], latest_only: bool) -> dict:
    statuses = _statuses(state, facts)
    return {
        "id": message_id,
        "batchId": facts["batch"],
        "owner": OWNER,
        "sender": facts["sender"],
        "recipient": facts["recipient"],
        "body": facts["body"],
        "direction": "mt",
        "segments": facts["segments"],
        "type": "sms",
        "datacoding": facts["datacoding"].upper(),
        "priority": 1,
        "price": 0.0 if facts["rejected"] else round(PRICE_PER_SEGMENT * facts["segments"], 2),
        "currency": "sek",
        "statuses": statuses[-1:] if latest_only else statuses,
        "modified": statuses[-1]["created"],
        "reference": facts["reference"],
        "mcc": None,
        "mnc": None,
    }


def _batch_object(state: SandboxState, batch_id: str) -> dict[str, Any]:
    store = _store(state)
    batch = store["batches"][batch_id]
    summary: dict[str, dict[str, int]] = {}
    total = 0.0
    for message_id in state.batches.get(batch_id, []):
        facts = store["messages"][message_id]
        code = str(_statuses(state, facts)[-1]["code"])
        entry = summary.setdefault(code, {"messages": 0, "sms": 0})
        entry["messages"] += 1
        entry["sms"] += facts["segments"]
        if not facts["rejected"]:
            total += PRICE_PER_SEGMENT * facts["segments"]
    count = len(state.batches.get(batch_id, [])) or 1
    return {
        "id": batch_id,
        "sender": batch["sender"],
        "body": batch["body"],
        "owner": OWNER,
        "direction": "MT",
        "type": "sms",
        "datacoding": batch["datacoding"].upper(),
        "priority": 1,
        "templated": batch["templated"],
        "priceSummary": {"total": round(total, 2), "currency": "sek", "average": round(total / count, 4)},
        "messageSummary": summary,
        "deliveryWindows": batch.get("deliveryWindows", []),
        "status": 112,
        "deliveryReportUrl": None,
        "reference": batch["reference"],
        "tags": [],
    }


def _recipient_texts(recipients: object, body: str) -> list[tuple[str, str]] | None:
    """(number, text) per recipient, in order: a list of numbers all get the body; a dict (templated batch) fills
    each number's placeholders from its own values over "default". None when recipients is neither."""
    if isinstance(recipients, list):
        return [(str(item), body) for item in recipients]
    if not isinstance(recipients, dict):
        return None
    default = recipients["default"] if isinstance(recipients.get("default"), dict) else {}
    texts = []
    for number, own in recipients.items():
        if number != "default":
            values = {**default, **(own if isinstance(own, dict) else {})}
            texts.append((number, _filled(body, values)))
    return texts


def _filled(body: str, values: dict[str, Any]) -> str:
    return _PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), body)


@server_error(PROVIDER)
def _server_error() -> Response:
    return Response(503, {"message": "The service is unavailable."}, headers={"Retry-After": "1"})


@route(PROVIDER, "POST", r"/v2/batches")
def post_batch(request: Request, state: SandboxState) -> Response:
    refused = _unauthorised(request, state)
    if refused:
        return refused
    data = request.json()
    if not isinstance(data, dict):
        return Response(
            400, {"message": "The request is invalid.", "modelState": {"batch": ["No batch given"]}}
        )
    sender = data.get("sender")
    if not isinstance(sender, str) or not _SENDER.match(sender):
        return _invalid("sender", "Sender must be 3-11 letters/digits or at most 15 digits")
    body = data.get("body")
    if not isinstance(body, str) or not body.strip() or len(body) > MAX_BODY:
        return _invalid("body", "Body must not be empty or longer than 2000 characters")
    datacoding = str(data.get("datacoding") or "ucs").lower()
    if datacoding not in ("gsm", "ucs"):
        return _invalid("datacoding", "Datacoding must be gsm or ucs")
    windows, opens = _delivery_windows(data.get("deliveryWindows"))
    if windows is None:
        return _invalid(
            "deliveryWindows", "Delivery windows must be a list of {opens, closes} ISO 8601 times"
        )
    scheduled_as = json.dumps(windows) if windows else None
    recipients = data.get("recipients")
    templated = isinstance(recipients, dict)
    pairs = _recipient_texts(recipients, body)
    if pairs is None:
        return _invalid("recipients", "Recipients are required")
    numbers = [number for number, _ in pairs]
    texts = dict(pairs)
    if not numbers:
        return _invalid("recipients", "Recipients are required")
    for number in numbers:
        if not _MSISDN.match(number):
            return _invalid("recipients", f"Recipient '{number}' is not a valid MSISDN")

    store = _store(state)
    with state.lock:
        if not state.batches:
            store["messages"].clear()
            store["batches"].clear()
    batch_id = state.new_id("b")
    reference = data.get("reference") if isinstance(data.get("reference"), str) else None
    message_ids: list[str] = []
    for number in numbers:
        text = texts[number]
        segments = _segments(text, datacoding == "ucs")
        rejected = _rejection(state, number, text, datacoding)
        record = None
        if rejected is None:
            record = state.accept(
                PROVIDER, number, text, reference, segments, scheduled_for=opens, scheduled_as=scheduled_as
            )
        message_id = record.message_id if record else state.new_id("r")
        message_ids.append(message_id)
        store["messages"][message_id] = {
            "batch": batch_id,
            "recipient": number,
            "body": text,
            "sender": sender,
            "segments": segments,
            "datacoding": datacoding,
            "reference": reference,
            "rejected": rejected,
            "record": record,
            "created": record.at if record else datetime.now(UTC).timestamp(),
        }
    with state.lock:
        state.batches[batch_id] = message_ids
    store["batches"][batch_id] = {
        "sender": sender,
        "body": body,
        "datacoding": datacoding,
        "templated": templated,
        "reference": reference,
        "deliveryWindows": windows,
    }
    return Response(201, _batch_object(state, batch_id), headers={"Location": f"/v2/batches/{batch_id}"})


def _rejection(state: SandboxState, number: str, text: str, datacoding: str) -> int | None:
    """The status a recipient's message is refused with, or None when it is accepted (its credit then taken)."""
    if datacoding == "gsm" and any(ch not in _GSM for ch in text):
        return 406  # "with gsm, messages that need UCS characters are rejected" (the docs)
    if state.is_rejected("+" + number):
        return 405
    if not state.take_credit(1):
        return 402
    return None


def _delivery_windows(value: Any) -> tuple[list[dict[str, str]] | None, float | None]:
    """The windows as given, and the unix time the first opens (None: at once); (None, None) when malformed."""
    if value is None:
        return [], None
    if not isinstance(value, list):
        return None, None
    first: float | None = None
    for window in value:
        if not isinstance(window, dict):
            return None, None
        try:
            opens = datetime.fromisoformat(str(window.get("opens")).replace("Z", "+00:00"))
            closes = datetime.fromisoformat(str(window.get("closes")).replace("Z", "+00:00"))
        except ValueError:
            return None, None
        if opens.tzinfo is None or closes.tzinfo is None or closes <= opens:
            return None, None
        first = opens.timestamp() if first is None else min(first, opens.timestamp())
    return value, first if first is not None and first > datetime.now(UTC).timestamp() else None


def _known_batch(request: Request, state: SandboxState) -> tuple[str | None, Response | None]:
    refused = _unauthorised(request, state)
    if refused:
        return None, refused
    assert request.match is not None
    batch_id = request.match.group("batch")
    if batch_id not in state.batches:
        return None, Response(404, {"message": f"Batch {batch_id} not found"})
    return batch_id, None


@route(PROVIDER, "GET", r"/v2/batches")
def list_batches(request: Request, state: SandboxState) -> Response:
    """Every batch, paginated with start/limit/order like every /v2/ collection (newest last in ASC order)."""
    refused = _unauthorised(request, state)
    if refused:
        return refused
    with state.lock:
        ids = list(state.batches)
    return _page(request, ids, lambda batch_id: _batch_object(state, batch_id))


@route(PROVIDER, "GET", r"/v2/batches/(?P<batch>[^/]+)")
def get_batch(request: Request, state: SandboxState) -> Response:
    batch_id, refused = _known_batch(request, state)
    if refused or batch_id is None:
        return refused or Response(404)
    return Response(200, _batch_object(state, batch_id))


@route(PROVIDER, "GET", r"/v2/batches/(?P<batch>[^/]+)/messages")
def list_messages(request: Request, state: SandboxState) -> Response:
    batch_id, refused = _known_batch(request, state)
    if refused or batch_id is None:
        return refused or Response(404)
    messages = _store(state)["messages"]
    return _page(
        request, list(state.batches[batch_id]), lambda mid: _message_object(state, mid, messages[mid], True)
    )


def _page(request: Request, ids: list, show: Callable[[Any], Any]) -> Response:
    """One page of a /v2/ collection, by start/limit/order as every one of them is paginated, with its Link
    header."""
    try:
        start = max(0, int(request.q("start") or 0))
        limit = max(1, min(1000, int(request.q("limit") or 50)))
    except ValueError:
        return Response(400, {"message": "start and limit must be numbers"})
    order = (request.q("order") or "ASC").upper()
    if order == "DESC":
        ids = ids[::-1]
    page = [show(item) for item in ids[start : start + limit]]
    return Response(200, page, headers={"Link": _links(request, len(ids), start, limit, order)})


def _links(request: Request, total: int, start: int, limit: int, order: str) -> str:
    base = f"http://{request.headers.get('host', 'localhost')}{request.path}"

    def url(at: int) -> str:
        return base + "?" + urlencode({"start": at, "limit": limit, "order": order})

    last = max(0, (total - 1) // limit * limit)
    links = [f'<{url(start)}>; rel="self"', f'<{url(0)}>; rel="first"']
    if start > 0:
        links.append(f'<{url(max(0, start - limit))}>; rel="prev"')
    if start + limit < total:
        links.append(f'<{url(start + limit)}>; rel="next"')
    links.append(f'<{url(last)}>; rel="last"')
    return ", ".join(links)


@route(PROVIDER, "GET", r"/v2/batches/(?P<batch>[^/]+)/messages/(?P<message>[^/]+)")
def get_message(request: Request, state: SandboxState) -> Response:
    batch_id, refused = _known_batch(request, state)
    if refused or batch_id is None:
        return refused or Response(404)
    assert request.match is not None
    message_id = request.match.group("message")
    if message_id not in state.batches[batch_id]:
        return Response(404, {"message": f"Message {message_id} not found"})
    return Response(200, _message_object(state, message_id, _store(state)["messages"][message_id], False))


@route(PROVIDER, "GET", r"/api/me")
def account(request: Request, state: SandboxState) -> Response:
    refused = _unauthorised(request, state)
    if refused:
        return refused
    return Response(
        200,
        {
            "Account": OWNER,
            "Organization": "SMSDesk sandbox",
            "Type": "international",
            "Balance": round(state.credit_left() * PRICE_PER_SEGMENT, 2),
            "Currency": "SEK",
        },
    )


@route(PROVIDER, "DELETE", r"/v2/batches/(?P<batch>[^/]+)")
def delete_batch(request: Request, state: SandboxState) -> Response:
    """Cancels a batch whose delivery window has not opened yet; one that has begun cannot be taken back."""
    batch_id, refused = _known_batch(request, state)
    if refused or batch_id is None:
        return refused or Response(404)
    store = _store(state)
    records = [
        store["messages"][m]["record"] for m in state.batches[batch_id] if store["messages"][m]["record"]
    ]
    _cancelled, too_late = state.cancel_scheduled(records)
    if too_late:
        return Response(409, {"message": f"Batch {batch_id} is already being sent"})
    return Response(204)
