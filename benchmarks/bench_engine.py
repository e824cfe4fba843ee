"""Send-engine figures against the sandbox running in its own process on loopback.

(a)  5,000 personalised messages, 0 ms latency: messages/s through the whole engine (journal included) next to a bare
     sequential httpx loop posting the same requests with no journal. Target >= 0.8x the loop. Measured for the
     demo provider (500 personalised messages per request) and for CPSMS (personalised texts: one per request, the
     journal's worst case: two commits' worth of work per message).
(b)  2,000 messages at 50 ms latency, one per request: achieved requests/s next to the ideal (in flight / latency).
     Target >= 0.9x.
(c)  UGSMS (60 requests/minute, enforced by the sandbox as the real service does): achieved rate over 90 requests
     (about 90 s) next to the limit, and the 429s provoked. Target >= 0.95x with zero 429s.
(d)  5,000 identical texts: HTTP requests per provider, next to the minimum its API allows (recipients per request
     as the adapter documents). Pacing is switched off here (it changes when requests leave, not how many).

Reading (a): on loopback at 0 ms, a 500-message request costs the sandbox ~10 ms; the journal's work for it (claim
500 rows and sync that commit to disk, so a power cut can never cause a second send; record 500 answers) is of the
same order and shares one CPU (Python's GIL) with the adapter's JSON work, so big-batch sends fall short of 0.8x
here. With real latency the journal's work overlaps the wait, as (b) shows.

Each (a) figure is the median of three runs after a warm-up run, engine and loop interleaved, because other processes share the CPU.
"""

from __future__ import annotations

import collections
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from smsdesk.core.costing import PlannedMessage
from smsdesk.engine.pacing import Pacer, forget_shared_pacers
from smsdesk.engine.sender import CampaignRunner
from smsdesk.providers import provider_class
from smsdesk.providers.base import Account, RateLimited, make_client
from smsdesk.sandbox.server import DEFAULT_CREDENTIALS
from smsdesk.store.db import Database
from smsdesk.store.journal import SENT, Journal

ROUNDS = 3


class ExternalSandbox:
    def __init__(self, latency: float = 0.0):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smsdesk.sandbox", "--port", "0", "--latency", str(latency)],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()
        self.control = httpx.Client(base_url=self.url, timeout=60)

    def reset(self, **faults) -> None:
        self.control.post("/_sandbox/reset").raise_for_status()
        if faults:
            self.control.post("/_sandbox/faults", json=faults).raise_for_status()

    def accepted(self) -> dict:
        return self.control.get("/_sandbox/accepted").json()

    def close(self) -> None:
        self.control.close()
        self.process.kill()
        self.process.wait(10)


def planned(n: int, *, personalised: bool, offset: int = 0) -> list[PlannedMessage]:
    return [
        PlannedMessage(
            row=i + 2,
            phone=f"+4520{offset + i:06d}",
            fields={"Navn": f"Kunde {i}"},
            text=f"Hej Kunde {i}, din ordre {100000 + i} er klar"
            if personalised
            else "Butikken holder lukket i dag",
            encoding="GSM-7",
            segments=1,
        )
        for i in range(n)
    ]


def new_campaign(db: Database, account: Account, messages: list[PlannedMessage]) -> str:
    db.save_account(account)
    return Journal(db).create_campaign(
        name="bench",
        account=account,
        source_file=None,
        sheet=None,
        template="Hej {Navn}",
        country="DK",
        phone_column=None,
        columns=["Navn"],
        messages=messages,
    )


def run_engine(db: Database, campaign_id: str, **kwargs) -> float:
    forget_shared_pacers()
    started = time.perf_counter()
    outcome = CampaignRunner(db.path, campaign_id, **kwargs).run()
    elapsed = time.perf_counter() - started
    assert outcome.state == "finished" and outcome.counts[SENT] == sum(outcome.counts.values()), outcome
    return elapsed


# -- (a) -----------------------------------------------------------------------------------------------------------


def bare_loop(url: str, provider: str, messages: list[PlannedMessage]) -> float:
    """The same requests the adapter makes, posted one after the other, no journal, no pacing, no threads."""
    with httpx.Client(timeout=60) as client:
        if provider == "sandbox":
            bodies = [
                {
                    "messages": [
                        {
                            "to": m.phone,
                            "text": m.text,
                            "reference": f"k{m.row}",
                            "encoding": m.encoding,
                            "segments": 1,
                        }
                        for m in messages[i : i + 500]
                    ]
                }
                for i in range(0, len(messages), 500)
            ]
            started = time.perf_counter()
            for body in bodies:
                response = client.post(
                    f"{url}/sandbox/v1/messages", json=body, headers={"Authorization": "Bearer sandbox"}
                )
                assert response.status_code == 200 and len(response.json()["results"]) == len(
                    body["messages"]
                )
        else:  # cpsms, one personalised text per request
            user, key = DEFAULT_CREDENTIALS["cpsms"]
            started = time.perf_counter()
            for m in messages:
                body = {"to": m.phone.lstrip("+"), "message": m.text, "reference": f"k{m.row}"}
                response = client.post(f"{url}/v2/send", json=body, auth=(user, key))
                assert response.status_code == 200 and response.json()["success"]
    return time.perf_counter() - started


def adapter_loop(url: str, provider: str, messages: list[PlannedMessage]) -> float:
    """The same adapter calls the engine makes, one after the other, with no journal: what the journal adds is the
    difference between this and the engine; what the adapter adds is the difference between this and the bare loop."""
    from smsdesk.providers.base import OutgoingMessage

    user, key = DEFAULT_CREDENTIALS[provider]
    account = Account(name="loop", provider=provider, username=user, base_url=url)
    adapter = provider_class(provider)(account, key)
    outgoing = [OutgoingMessage(f"k{m.row}", m.phone, m.text, m.encoding, m.segments) for m in messages]
    try:
        started = time.perf_counter()
        for batch in adapter.plan_requests(outgoing):
            results = adapter.send(batch)
            assert all(r.accepted for r in results)
        return time.perf_counter() - started
    finally:
        adapter.close()


def bench_a(home: Path) -> None:
    count = 5000
    sandbox = ExternalSandbox(latency=0.0)
    try:
        for provider in ("sandbox", "cpsms"):
            engine_rates, loop_rates, adapter_rates = [], [], []
            for round_number in range(
                ROUNDS + 1
            ):  # round 0 warms up (imports, TLS context, first connections)
                sandbox.reset()
                messages = planned(count, personalised=True, offset=round_number * count)
                db = Database(home / f"a-{provider}-{round_number}.sqlite3")
                account = Account(name=f"A {provider}", provider=provider, base_url=sandbox.url)
                campaign_id = new_campaign(db, account, messages)
                factory = None
                if provider != "sandbox":
                    user, key = DEFAULT_CREDENTIALS[provider]
                    account = Account(
                        name=account.name, provider=provider, username=user, base_url=sandbox.url
                    )
                    db.save_account(account)
                    factory = _factory(provider, account, key)
                engine_rates.append(count / run_engine(db, campaign_id, provider=factory))
                db.close()
                sandbox.reset()
                loop_rates.append(count / bare_loop(sandbox.url, provider, messages))
                sandbox.reset()
                adapter_rates.append(count / adapter_loop(sandbox.url, provider, messages))
            engine, loop = statistics.median(engine_rates[1:]), statistics.median(loop_rates[1:])
            adapter = statistics.median(adapter_rates[1:])
            shape = "500 per request" if provider == "sandbox" else "1 per request"
            print(f"a) {provider} engine ({shape}, journal included): {engine:.0f} msgs/s", flush=True)
            print(f"a) {provider} bare sequential httpx loop, same requests: {loop:.0f} msgs/s", flush=True)
            print(
                f"a) {provider} the adapter's calls alone, sequential, no journal: {adapter:.0f} msgs/s",
                flush=True,
            )
            print(
                f"a) {provider} engine / bare loop: {engine / loop:.2f} x (target >= 0.80, floor = the bare loop)",
                flush=True,
            )
            print(
                f"a) {provider} engine / adapter alone: {engine / adapter:.2f} x (what the journal and scheduling "
                f"cost, floor = the adapter's own rate)",
                flush=True,
            )
    finally:
        sandbox.close()


def _factory(provider: str, account: Account, key: str, client: httpx.Client | None = None) -> Callable:
    cls = provider_class(provider)
    return lambda: cls(account, key, client=client) if client is not None else cls(account, key)


# -- (b) -----------------------------------------------------------------------------------------------------------


def bare_threads(url: str, threads: int, count: int) -> float:
    """Requests/s of `threads` plain httpx loops posting one message each: what this machine and sandbox allow."""
    import threading

    def post(first: int) -> None:
        with httpx.Client(timeout=60) as client:
            for i in range(first, count, threads):
                body = {"messages": [{"to": f"+4530{i:06d}", "text": "x", "reference": f"r{i}"}]}
                response = client.post(
                    f"{url}/sandbox/v1/messages", json=body, headers={"Authorization": "Bearer sandbox"}
                )
                assert response.status_code == 200

    workers = [threading.Thread(target=post, args=(k,)) for k in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return count / (time.perf_counter() - started)


def bench_b(home: Path) -> None:
    count, latency, concurrency = 2000, 0.05, 4
    sandbox = ExternalSandbox(latency=latency)
    try:
        sandbox.reset(latency=latency)  # a reset clears every fault, latency included
        db = Database(home / "b.sqlite3")
        account = Account(name="B", provider="sandbox", base_url=sandbox.url)
        campaign_id = new_campaign(db, account, planned(count, personalised=True))
        elapsed = run_engine(db, campaign_id, concurrency=concurrency, max_batch=1)
        db.close()
        sandbox.reset(latency=latency)
        reference = bare_threads(sandbox.url, concurrency, 400)
    finally:
        sandbox.close()
    achieved = count / elapsed
    ideal = concurrency / latency
    print(
        f"b) achieved at {latency * 1000:.0f} ms latency, {concurrency} in flight: {achieved:.1f} requests/s"
    )
    print(f"b) ideal (in flight / latency): {ideal:.1f} requests/s")
    print(f"b) reference, {concurrency} bare httpx threads with no journal: {reference:.1f} requests/s")
    print(f"b) achieved / ideal: {achieved / ideal:.3f} x (target >= 0.90, floor = the ideal)", flush=True)


# -- (c) -----------------------------------------------------------------------------------------------------------


def bench_c(home: Path) -> None:
    count = 90
    provider = "ugsms"
    cls = provider_class(provider)
    limit = cls.limits.requests_per_minute
    sandbox = ExternalSandbox(latency=0.0)
    sent_at: list[float] = []
    rate_limited = collections.Counter()

    class Timed(cls):  # type: ignore[misc, valid-type]
        def send(self, batch):
            sent_at.append(time.monotonic())
            try:
                return super().send(batch)
            except RateLimited:
                rate_limited["429"] += 1
                raise

    try:
        sandbox.reset()
        db = Database(home / "c.sqlite3")
        _, key = DEFAULT_CREDENTIALS[provider]
        account = Account(name="C", provider=provider, base_url=sandbox.url)
        campaign_id = new_campaign(db, account, planned(count, personalised=True))
        run_engine(db, campaign_id, provider=lambda: Timed(account, key))
        db.close()
    finally:
        sandbox.close()
    span = sent_at[-1] - sent_at[0]
    achieved = (len(sent_at) - 1) / span * 60
    print(
        f"c) {provider}: {len(sent_at)} requests over {span:.1f} s: {achieved:.1f} requests/min (limit {limit})"
    )
    print(f"c) achieved / limit: {achieved / limit:.3f} x (target >= 0.95, floor = the documented limit)")
    print(f"c) 429 answers provoked: {rate_limited['429']} (target 0)", flush=True)


# -- (d) -----------------------------------------------------------------------------------------------------------


def bench_d(home: Path) -> None:
    count = 5000
    sandbox = ExternalSandbox(latency=0.0)
    try:
        for provider in ("sandbox", "cpsms", "txty", "customersms", "ugsms", "ip1"):
            sandbox.reset(enforce_rate_limits=False)
            cls = provider_class(provider)
            user, key = DEFAULT_CREDENTIALS[provider]
            account = Account(
                name=f"D {provider}", provider=provider, username=user, sender="Butik", base_url=sandbox.url
            )
            requests: collections.Counter[str] = collections.Counter()
            client = make_client()
            client.event_hooks["request"] = [lambda r, c=requests: c.update([f"{r.method} {r.url.path}"])]
            db = Database(home / f"d-{provider}.sqlite3")
            campaign_id = new_campaign(db, account, planned(count, personalised=False))
            run_engine(db, campaign_id, provider=_factory(provider, account, key, client), pacer=Pacer())
            db.close()
            client.close()
            minimum = math.ceil(count / cls.limits.max_recipients_per_request)
            sends = sum(n for what, n in requests.items() if what.startswith("POST") or "/v6/sms" in what)
            other = sum(requests.values()) - sends
            extra = f", plus {other} status read-backs" if other else ""
            print(
                f"d) {provider}: {sends} send requests for {count} identical texts{extra} "
                f"(target: the minimum, {minimum} = {count} / {cls.limits.max_recipients_per_request} per request)",
                flush=True,
            )
    finally:
        sandbox.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as folder:
        home = Path(folder)
        os.environ["SMSDESK_HOME"] = str(home)
        bench_a(home)
        bench_b(home)
        bench_d(home)
        bench_c(home)


if __name__ == "__main__":
    main()
