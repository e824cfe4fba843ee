"""Send-engine figures against the sandbox running in its own process on loopback, each next to its floor.

(a)  2,000 messages at 50 ms latency, 4 in flight, one per request: achieved requests/s next to the ideal
     (in flight / latency). Floor >= 0.9x the ideal. Printed beside it: 4 bare httpx threads posting the same
     requests with no journal, what this machine and sandbox allow.
(b)  A documented limit, enforced by the sandbox as the real service does: UGSMS 60/min and customersms 100/min.
     Achieved rate over a run of about 40 s each next to the limit, and the 429s provoked. Floor >= 0.95x the limit,
     zero 429s.
(c)  CPU per message of this process (all its threads; the sandbox runs elsewhere): the engine, journal included,
     next to a bare httpx loop posting the same requests in the same run. Ceiling <= 2x the bare loop's. Measured
     in (a)'s shape (one message per request, 50 ms latency, 4 in flight) and at 0 ms with the sandbox's 500
     messages per request, where the journal's share is largest.

Runs from any checkout of SMSDesk (the names it imports are looked up where each version keeps them), so old and
new engines can be measured side by side.
"""

from __future__ import annotations

import collections
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

try:
    from smsdesk.core.account import Account
except ImportError:  # before Account moved to core
    from smsdesk.providers.base import Account  # type: ignore[no-redef]
from smsdesk.core.costing import PlannedMessage
from smsdesk.engine.pacing import forget_shared_pacers
from smsdesk.engine.requests import run_client
from smsdesk.engine.sender import CampaignRunner
from smsdesk.providers import provider_class
from smsdesk.providers.base import RateLimited
from smsdesk.sandbox.server import DEFAULT_CREDENTIALS
from smsdesk.store.db import Database
from smsdesk.store.journal import Journal

SANDBOX_PER_REQUEST = 500  # the demo provider's documented maximum, as its adapter plans


class ExternalSandbox:
    def __init__(self, latency: float = 0.0):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smsdesk.sandbox", "--port", "0", "--latency", str(latency)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        self.latency = latency
        self.control = httpx.Client(base_url=self.url, timeout=60)

    def reset(self) -> None:
        self.control.post("/_sandbox/reset").raise_for_status()  # clears every fault, latency included
        self.control.post("/_sandbox/faults", json={"latency": self.latency}).raise_for_status()

    def close(self) -> None:
        self.control.close()
        self.process.kill()
        self.process.wait(10)


def planned(n: int, *, offset: int = 0) -> list[PlannedMessage]:
    return [
        PlannedMessage(
            row=i + 2,
            phone=f"+4520{offset + i:06d}",
            fields={"Navn": f"Kunde {i}"},
            text=f"Hej Kunde {i}, din ordre {100000 + i} er klar",
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


def run_engine(db: Database, campaign_id: str, **kwargs) -> tuple[float, float]:
    """Wall seconds and this process's CPU seconds for one whole run."""
    forget_shared_pacers()
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = CampaignRunner(db.path, campaign_id, **kwargs).run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert outcome.state == "finished" and outcome.counts["sent"] == sum(outcome.counts.values()), outcome
    return wall, cpu


def bare_posts(url: str, messages: list[PlannedMessage], keys: list[str], *, per_request: int, threads: int):
    """The sandbox adapter's requests, the same bodies, posted by `threads` plain loops over one client of the
    engine's kind, with no journal. Wall and CPU seconds."""
    bodies = [
        {
            "messages": [
                {
                    "to": m.phone,
                    "text": m.text,
                    "reference": key,
                    "encoding": m.encoding,
                    "segments": m.segments,
                }
                for m, key in zip(messages[i : i + per_request], keys[i : i + per_request], strict=True)
            ]
        }
        for i in range(0, len(messages), per_request)
    ]
    client = run_client()

    def post(first: int) -> None:
        for body in bodies[first::threads]:
            response = client.post(
                f"{url}/sandbox/v1/messages", json=body, headers={"Authorization": "Bearer sandbox"}
            )
            assert response.status_code == 200 and len(response.json()["results"]) == len(body["messages"])

    workers = [threading.Thread(target=post, args=(k,)) for k in range(threads)]
    wall, cpu = time.perf_counter(), time.process_time()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    client.close()
    return wall, cpu


def keys_of(db: Database, campaign_id: str) -> list[str]:
    """The engine's message keys (its provider references), in row order: the bare loop posts the same ones."""
    return [f"{campaign_id}-{row.id}" for row in Journal(db).messages(campaign_id)]


# -- (a) and (c) at 50 ms ------------------------------------------------------------------------------------------


def bench_latency(home: Path) -> None:
    count, latency, in_flight = 2000, 0.05, 4
    sandbox = ExternalSandbox(latency=latency)
    try:
        sandbox.reset()
        db = Database(home / "a.sqlite3")
        messages = planned(count)
        campaign_id = new_campaign(db, Account(name="A", provider="sandbox", base_url=sandbox.url), messages)
        keys = keys_of(db, campaign_id)
        wall, cpu = run_engine(db, campaign_id, concurrency=in_flight, max_batch=1)
        db.close()
        sandbox.reset()
        bare_wall, bare_cpu = bare_posts(sandbox.url, messages, keys, per_request=1, threads=in_flight)
    finally:
        sandbox.close()
    ideal = in_flight / latency
    achieved, reference = count / wall, count / bare_wall
    print(f"a) {count} messages at {latency * 1000:.0f} ms latency, {in_flight} in flight, one per request:")
    print(f"a) achieved {achieved:.1f} requests/s; ideal (in flight / latency) {ideal:.1f} requests/s")
    print(f"a) achieved / ideal: {achieved / ideal:.3f} x (floor 0.90)")
    print(
        f"a) reference: {in_flight} bare httpx threads, same requests, no journal: {reference:.1f} requests/s "
        f"= {reference / ideal:.3f} x ideal (what this machine and sandbox allow)"
    )
    cpu_ratio(f"one per request, {latency * 1000:.0f} ms", cpu / count, bare_cpu / count)


def cpu_ratio(shape: str, engine: float, bare: float) -> None:
    print(
        f"c) CPU per message ({shape}): engine, journal included, {engine * 1e6:.0f} us; bare httpx loop, same "
        f"requests, {bare * 1e6:.0f} us; engine / bare: {engine / bare:.2f} x (ceiling 2.00)",
        flush=True,
    )


# -- (c) at 0 ms, 500 per request ------------------------------------------------------------------------------


def bench_cpu_batched(home: Path) -> None:
    count, rounds = 5000, 3
    sandbox = ExternalSandbox(latency=0.0)
    engine_cpu, bare_cpu = [], []
    try:
        for round_number in range(rounds + 1):  # round 0 warms up (imports, first connections)
            sandbox.reset()
            db = Database(home / f"c-{round_number}.sqlite3")
            messages = planned(count, offset=round_number * count)
            account = Account(name="C", provider="sandbox", base_url=sandbox.url)
            campaign_id = new_campaign(db, account, messages)
            keys = keys_of(db, campaign_id)
            engine_cpu.append(run_engine(db, campaign_id)[1] / count)
            db.close()
            sandbox.reset()
            bare_cpu.append(
                bare_posts(sandbox.url, messages, keys, per_request=SANDBOX_PER_REQUEST, threads=1)[1] / count
            )
    finally:
        sandbox.close()
    cpu_ratio(
        f"{SANDBOX_PER_REQUEST} per request, 0 ms, median of {rounds}",
        statistics.median(engine_cpu[1:]),
        statistics.median(bare_cpu[1:]),
    )


# -- (b) -------------------------------------------------------------------------------------------------------


def bench_limits(home: Path) -> None:
    sandbox = ExternalSandbox(latency=0.0)
    try:
        for provider, requests in (("ugsms", 40), ("customersms", 66)):
            cls = provider_class(provider)
            limit = cls.limits.requests_per_minute
            sent_at: list[float] = []
            rate_limited: collections.Counter[str] = collections.Counter()

            class Timed(cls):  # type: ignore[misc, valid-type]
                def send(self, batch, _sent_at=sent_at, _limited=rate_limited):
                    _sent_at.append(time.monotonic())
                    try:
                        return super().send(batch)
                    except RateLimited:
                        _limited["429"] += 1
                        raise

            sandbox.reset()
            db = Database(home / f"b-{provider}.sqlite3")
            user, key = DEFAULT_CREDENTIALS[provider]
            account = Account(name=f"B {provider}", provider=provider, username=user, base_url=sandbox.url)
            campaign_id = new_campaign(db, account, planned(requests))  # personalised: one per request
            run_engine(db, campaign_id, provider=lambda a=account, k=key, t=Timed: t(a, k))
            db.close()
            span = sent_at[-1] - sent_at[0]
            achieved = (len(sent_at) - 1) / span * 60
            print(f"b) {provider}: {len(sent_at)} requests over {span:.1f} s: {achieved:.1f} requests/min")
            print(
                f"b) {provider} achieved / documented limit ({limit}/min): {achieved / limit:.3f} x (floor 0.95); "
                f"429 answers: {rate_limited['429']} (floor 0)",
                flush=True,
            )
    finally:
        sandbox.close()


PARTS = {"a": bench_latency, "b": bench_limits, "c": bench_cpu_batched}


def main() -> None:
    """All parts, or only those named in SMSDESK_BENCH_PARTS (e.g. "a,c")."""
    wanted = [p.strip() for p in os.environ.get("SMSDESK_BENCH_PARTS", "").split(",") if p.strip()]
    unknown = [p for p in wanted if p not in PARTS]
    if unknown:
        raise SystemExit(f"SMSDESK_BENCH_PARTS: no part {', '.join(unknown)} (parts: {', '.join(PARTS)})")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as folder:
        home = Path(folder)
        os.environ["SMSDESK_HOME"] = str(home)
        for name, part in PARTS.items():
            if not wanted or name in wanted:
                part(home)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
