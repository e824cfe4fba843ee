"""Before sending: the totals the user confirms, and a test send to their own number.

`totals()` asks the provider for the balance (network): the GUI calls it off its thread. The refusal rule, "clearly
too low", is deliberately conservative, because a wrong refusal blocks a legitimate campaign:
  - balance in credits/points/SMS: refused when it is below the number of messages (every message costs at least
    one; multi-part messages may cost more, which the estimate cannot know for every provider);
  - balance in money: refused when the user has set a price per segment and the balance is below segments x price.
    Doubt: the price's currency is the user's, the balance's the provider's; we assume they are the same.
A bad key found while asking for the balance is a refusal too (the campaign could not send anything).

The test send is journaled as its own small campaign of kind "test" (hidden from the campaign list unless asked):
it runs through the same runner as a campaign, so it gets the same crash safety and leaves a record of what was
sent and when, without touching the campaign being prepared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from smsdesk.core import costing, encoding
from smsdesk.core.costing import PlannedMessage
from smsdesk.core.phones import normalise
from smsdesk.engine.pacing import Pacer
from smsdesk.engine.requests import outgoing_message
from smsdesk.engine.sender import CampaignRunner, default_concurrency, secret_for_account
from smsdesk.providers import provider_class
from smsdesk.providers.base import AccountError, Balance, Provider, ProviderError
from smsdesk.store.db import Database
from smsdesk.store.journal import KIND_TEST, PENDING, Journal

# A guess at one request's round trip to a real provider, for the duration estimate.
ASSUMED_LATENCY = 0.4
REFUSED_BY_PROVIDER = "provider"  # it refused the key while we asked for the balance
REFUSED_BY_BALANCE = "balance"  # clearly too little left for this campaign
REFUSED_BY_SETUP = "setup"  # no key saved, keyring refused, settings the adapter refuses
_CREDIT_UNITS = {"credits", "credit", "points", "point", "sms", "messages", "message"}


@dataclass(frozen=True)
class SendTotals:
    account: str
    provider: str
    recipients: int  # people who will get a message
    messages: int
    segments: int
    skipped: int  # rows that get no message
    unicode_messages: int
    requests: int  # HTTP requests the provider needs for them
    estimated_cost: float | None  # segments x the account's price per segment; None without a price
    balance: Balance | None  # None: the provider cannot tell, or it was not asked
    balance_error: str | None  # why the balance could not be read (the send may still work)
    estimated_seconds: float
    refusal: str | None  # set when the campaign must not start; a sentence for the user
    refused_by: str | None = (
        None  # REFUSED_BY_*: the provider (key, credit), the balance estimate, or our setup
    )

    @property
    def ok(self) -> bool:
        return self.refusal is None


def totals(
    account: Any,
    messages: Sequence[PlannedMessage],
    *,
    template: str | None = None,
    provider: Provider | None = None,
    check_balance: bool = True,
    concurrency: int | None = None,
    max_batch: int | None = None,
) -> SendTotals:
    """Totals for planned messages (skipped ones counted apart). May ask the provider for the balance.

    `max_batch`: at most this many messages per request (as CampaignRunner's), for the request count and duration.
    """
    summed = costing.totals(messages, account.price_per_segment)
    sendable = [m for m in messages if m.sendable]
    own_provider = provider is None
    provider_type = type(provider) if provider is not None else provider_class(account.provider)
    balance: Balance | None = None
    balance_error: str | None = None
    refusal: str | None = None
    refused_by: str | None = None
    try:
        if provider is None:
            secret = secret_for_account(account) if check_balance else "-"  # planning never sends the secret
            provider = provider_type(account, secret)
        outgoing = [
            outgoing_message(str(index), m.phone, m.text, m.encoding, m.segments, m.fields, template)
            for index, m in enumerate(sendable)
        ]
        groups = provider.plan_requests(outgoing) if outgoing else []
        caps = [c for c in (max_batch, account.max_per_minute) if c]
        cap = min(caps) if caps else None
        requests = sum(math.ceil(len(group) / cap) for group in groups) if cap else len(groups)
        if check_balance and provider_type.limits.has_balance and sendable:
            try:
                balance = provider.balance()
            except AccountError as exc:
                refusal, refused_by = exc.reason, REFUSED_BY_PROVIDER
            except ProviderError as exc:
                balance_error = exc.reason
    except Exception as exc:  # no key saved, keyring refused, a base URL the adapter refuses
        if own_provider and not isinstance(exc, ProviderError):
            refusal, refused_by = str(exc) or type(exc).__name__, REFUSED_BY_SETUP
            requests = summed.messages
        else:
            raise
    finally:
        if own_provider and provider is not None:
            provider.close()
    if refusal is None and balance is not None:
        refusal = balance_refusal(balance, summed.messages, summed.estimated_cost)
        refused_by = REFUSED_BY_BALANCE if refusal else None
    return SendTotals(
        account=account.name,
        provider=account.provider,
        recipients=summed.recipients,
        messages=summed.messages,
        segments=summed.segments,
        skipped=summed.skipped,
        unicode_messages=summed.unicode_messages,
        requests=requests,
        estimated_cost=summed.estimated_cost,
        balance=balance,
        balance_error=balance_error,
        estimated_seconds=estimate_seconds(
            provider_type, account, requests, summed.messages, concurrency=concurrency
        ),
        refusal=refusal,
        refused_by=refused_by,
    )


def campaign_totals(
    db: Database, campaign_id: str, *, provider: Provider | None = None, check_balance: bool = True
) -> SendTotals:
    """Totals for what is still to send in a journaled campaign (its pending rows), e.g. before a resume."""
    journal = Journal(db)
    campaign = journal.get_campaign(campaign_id)
    account = db.get_account(campaign.account)
    if account is None:
        raise LookupError(f"The account {campaign.account!r} of campaign {campaign_id} no longer exists")
    rows = journal.messages(campaign_id, states=(PENDING,))
    planned = [
        PlannedMessage(r.row, r.phone, r.fields, r.text, r.encoding, r.segments) for r in rows if r.text
    ]
    return totals(
        account, planned, template=campaign.template, provider=provider, check_balance=check_balance
    )


def balance_refusal(balance: Balance, messages: int, estimated_cost: float | None) -> str | None:
    amount = balance.amount
    if amount is None or balance.postpaid or not messages or not math.isfinite(amount):
        return None
    unit = (balance.currency or "credits").strip()
    if unit.lower() in _CREDIT_UNITS:
        if amount < messages:
            return (
                f"The account has {amount:g} {unit} left; this campaign needs at least {messages} "
                f"(one per message). Top up the account first."
            )
        return None
    if estimated_cost is not None and amount < estimated_cost:
        return (
            f"The account has {amount:g} {unit} left; this campaign is estimated at {estimated_cost:g}. "
            "Top up the account first."
        )
    return None


def estimate_seconds(
    provider_type: type[Provider],
    account: Any,
    requests: int,
    messages: int,
    *,
    concurrency: int | None = None,
    latency: float = ASSUMED_LATENCY,
) -> float:
    pacer = Pacer.for_account(provider_type.limits, account.max_per_minute)
    by_requests = costing.estimate_seconds(
        requests,
        requests_per_second=(pacer.requests_per_minute / 60 * 0.98) if pacer.requests_per_minute else None,
        concurrency=concurrency or default_concurrency(provider_type),
        latency=latency,
    )
    by_cap = messages / (account.max_per_minute / 60) if account.max_per_minute else 0.0
    return max(by_requests, by_cap)


# -- test send -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TestSendResult:
    campaign_id: str
    phone: str  # E.164
    status: str  # sent | failed | unknown | pending (the provider stopped it: see reason)
    message_id: str | None
    error: str | None
    segments: int
    reason: str | None  # why the run stopped, when it did (bad key, no credit)

    __test__ = False  # not a pytest test class, despite its name


def test_send(
    account: Any,
    phone: str,
    text: str,
    *,
    db: Database | None = None,
    provider: Provider | None = None,
    country: str | None = None,
) -> TestSendResult:
    """Send one message to the user's own number, journaled as a separate test campaign. Blocks on the network.

    Raises ValueError (a sentence for the user) for a number that is not one, or an empty text.
    """
    own_db = db is None
    db = db or Database()
    try:
        country = country or db.default_country
        number = normalise(phone, country)
        if number.e164 is None:
            raise ValueError(f"{phone!r} is not a phone number we can send to: {number.reason}")
        if not text.strip():
            raise ValueError("The message is empty")
        counted = encoding.count(text)
        journal = Journal(db)
        campaign_id = journal.create_campaign(
            name=f"Test to {number.e164}",
            account=account,
            source_file=None,
            sheet=None,
            # Stored as a template with no placeholders: the text is final, braces and all.
            template=text.replace("{", "{{").replace("}", "}}"),
            country=country,
            phone_column=None,
            columns=[],
            messages=[PlannedMessage(1, number.e164, {}, text, counted.encoding, counted.segments)],
            kind=KIND_TEST,
        )
        outcome = CampaignRunner(db.path, campaign_id, provider=provider, concurrency=1).run()
        record = journal.messages(campaign_id)[0]
        return TestSendResult(
            campaign_id=campaign_id,
            phone=number.e164,
            status=record.state,
            message_id=record.message_id,
            error=record.error,
            segments=record.segments,
            reason=outcome.reason,
        )
    finally:
        if own_db:
            db.close()


test_send.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite its name


def rows_over_cap(provider: str, texts: Iterable[tuple[int, str]]) -> tuple[int | None, list[int]]:
    """(the provider's per-message character cap, the spreadsheet rows whose rendered text is longer); (None, [])
    where no cap is documented. Those messages would be refused before sending (providers/*.py)."""
    try:
        cap = provider_class(provider).limits.max_characters
    except ValueError:
        return None, []
    if not cap:
        return None, []
    return cap, [row for row, text in texts if len(text) > cap]
