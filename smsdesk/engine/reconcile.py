"""Settling unknown messages with the provider's own list of what it accepted.

A message is `unknown` when its request may have reached the provider but the answer did not say (a gateway's 504
page, a timeout after sending, a crash while the request was out). It is never sent again on its own. Where the
provider's API lists what it accepted (`Provider.can_lookup`: CPSMS's log, iP.1's batches, the sandbox), this asks:

    in the list                                   -> sent, with the provider's id
    not in a list that covers the sending time,   -> failed, NOT_RECEIVED: "Retry failed" may then send it safely
    after the provider's grace period
    otherwise (the list lags, or cannot be read)  -> stays unknown

Providers whose API cannot tell (Txty v6, customersms, UGSMS) leave the choice to the user: their web portal, or a
retry that accepts a possible double (`cannot_tell()` says so in words).

Some lists may only be asked so often (CPSMS: one log call per two minutes, `limits.delivery_status_min_interval`):
the time of the last lookup per account is kept in the database's settings, so the CLI, the app and the automatic
lookup at the end of a run share the limit. Call `reconcile()` while holding the campaign's lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from smsdesk.providers.base import LookupQuery, Provider, ProviderError
from smsdesk.store.journal import FAILED, SENT, UNKNOWN, Journal, MessageRecord

NOT_RECEIVED = "Not received by the provider: it is not in the provider's list of what it accepted, so retrying it sends it once"
_LOOKUP_AT = "lookup_at:{account}"  # settings key: unix time of the account's last lookup


@dataclass
class Reconciled:
    """What one lookup settled."""

    campaign_id: str
    checked: int = 0  # unknown messages asked about
    changed: list[MessageRecord] = field(default_factory=list)  # re-read after settling, in row order
    still_unknown: int = 0
    can_tell: bool = True  # False: the provider's API cannot list what it accepted
    note: str | None = None  # a sentence for the user when nothing (more) could be settled
    error: ProviderError | None = None  # the provider refused or could not be reached


def cannot_tell(label: str, campaign_id: str) -> str:
    return (
        f"{label} cannot tell which messages it received. Check its web portal, or send the unknown ones again "
        f"accepting that some people may get them twice: smsdesk campaigns retry {campaign_id} --unknown"
    )


def wait_before_lookup(
    journal: Journal, account_name: str, interval: float, now: float | None = None
) -> float:
    """Seconds until the provider may be asked again (0.0: now)."""
    if interval <= 0:
        return 0.0
    last = journal.db.get_float(_LOOKUP_AT.format(account=account_name))
    now = time.time() if now is None else now
    return 0.0 if last is None else max(0.0, last + interval - now)


def reconcile(
    journal: Journal,
    campaign_id: str,
    provider: Provider,
    *,
    now: Callable[[], float] = time.time,
) -> Reconciled:
    """Ask the provider about the campaign's unknown messages and settle what it can tell."""
    unknown = journal.messages(campaign_id, states=(UNKNOWN,))
    result = Reconciled(campaign_id, checked=len(unknown), still_unknown=len(unknown))
    if not unknown:
        return result
    if not provider.can_lookup:
        result.can_tell = False
        result.note = cannot_tell(provider.label, campaign_id)
        return result
    interval = provider.limits.delivery_status_min_interval
    wait = wait_before_lookup(journal, provider.account.name, interval, now())
    if wait > 0:
        result.note = (
            f"{provider.label} allows one look at its list every {interval:g} seconds; "
            f"try again in {wait:.0f} seconds"
        )
        return result
    prefix = f"{campaign_id}-"
    queries = [LookupQuery(key=prefix + str(r.id), to=r.phone, sent_at=_sent_at(r)) for r in unknown]
    by_key = {prefix + str(r.id): r for r in unknown}
    journal.db.set_setting(_LOOKUP_AT.format(account=provider.account.name), repr(now()))
    try:
        lookup = provider.lookup_accepted(queries, now())
    except ProviderError as exc:
        result.error = exc
        result.note = f"{provider.label} could not be asked: {exc.reason}"
        return result
    settlements: list[tuple[int, str, str | None, str | None]] = []
    for key, message_id in lookup.found.items():
        if key in by_key:
            settlements.append((by_key[key].id, SENT, message_id, None))
    for key in lookup.absent:
        if key in by_key and key not in lookup.found:
            settlements.append((by_key[key].id, FAILED, None, NOT_RECEIVED))
    changed = set(journal.settle_unknown(campaign_id, settlements))
    result.changed = [r for r in journal.messages(campaign_id, states=(SENT, FAILED)) if r.id in changed]
    result.still_unknown = len(unknown) - len(changed)
    if result.still_unknown:
        result.note = (
            f"{result.still_unknown} messages are not in {provider.label}'s list yet; they stay unknown "
            "(ask again later: a message only counts as not received a while after it was sent)"
        )
    return result


def _sent_at(record: MessageRecord) -> float:
    for stamp in (record.sending_at, record.done_at, record.created_at):
        if stamp:
            try:
                return datetime.fromisoformat(stamp).timestamp()
            except ValueError:
                continue
    return time.time()
