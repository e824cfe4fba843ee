"""The shared helpers of providers/base.py: base URL rules, TLS verification, Retry-After, redaction, body reading."""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import ssl
import threading
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from smsdesk.core.account import Account
from smsdesk.providers.base import (
    AccountError,
    MessageRejected,
    OutcomeUnknown,
    OutgoingMessage,
    Provider,
    ProviderLimits,
    RateLimited,
    SendResult,
    Transient,
    checked_base_url,
    make_client,
    parse_json,
    redact_secret,
    retry_after_seconds,
    short_body,
    status_error,
)


class PingProvider(Provider):
    """The smallest adapter: one GET to /ping, for testing what base.Provider does."""

    name = "ping"
    label = "Ping"
    default_base_url = "https://ping.invalid"
    limits = ProviderLimits(
        max_characters=None,
        max_recipients_per_request=1,
        different_texts_per_request=False,
        requests_per_minute=None,
        supports_unicode=True,
        sender_rule="",
        has_balance=False,
        has_delivery_status=False,
    )

    def send(self, batch: Sequence[OutgoingMessage]) -> list[SendResult]:
        self.request("GET", "/ping")
        return [SendResult.ok(m.key) for m in batch]


def ping(base_url: str | None, timeout: float = 5.0) -> PingProvider:
    return PingProvider(Account(name="p", provider="ping", base_url=base_url), "s3cret", timeout=timeout)


MESSAGE = OutgoingMessage(key="k", to="+4520000000", text="x", encoding="GSM-7", segments=1)


# -- base URL rules -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.cpsms.dk", "https://api.cpsms.dk"),
        ("https://api.cpsms.dk/", "https://api.cpsms.dk"),
        ("  https://gateway.example.com/sms/  ", "https://gateway.example.com/sms"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:8765/", "http://localhost:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
        ("http://127.0.0.2", "http://127.0.0.2"),  # all of 127/8 is this machine
    ],
)
def test_allowed_base_urls(url, expected):
    assert checked_base_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://api.cpsms.dk",
        "http://192.168.1.10:8080",
        "http://10.0.0.1",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "ftp://127.0.0.1",
        "api.cpsms.dk",
        "https://",
        "",
    ],
)
def test_refused_base_urls(url):
    with pytest.raises(ValueError):
        checked_base_url(url)


def test_plain_http_refusal_says_why():
    with pytest.raises(ValueError, match="only allowed to this computer"):
        checked_base_url("http://sms.cloudsms.dk")


def test_a_provider_will_not_start_with_a_refused_url():
    with pytest.raises(ValueError):
        ping("http://gateway.example.com")


def test_no_base_url_means_the_documented_one():
    with ping(None) as provider:
        assert provider.base_url == "https://ping.invalid"


def test_clients_do_not_follow_redirects():
    with make_client() as client:
        assert client.follow_redirects is False


# -- TLS verification is always on: a real HTTPS server with a self-signed certificate -----------------------------


@pytest.fixture
def self_signed_https(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            payload = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):  # the refused handshakes are the point, not noise
            pass

    server = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert_path
    server.shutdown()
    server.server_close()


def test_a_certificate_nobody_vouches_for_is_refused(self_signed_https):
    url, cert_path = self_signed_https
    # Control: the server works for a client that trusts its certificate ...
    trusting = ssl.create_default_context(cafile=str(cert_path))
    with httpx.Client(verify=trusting) as client:
        assert client.get(url + "/ping").status_code == 200
    # ... and an adapter refuses it, so nothing is sent to a server that cannot prove who it is.
    with ping(url) as provider, pytest.raises(Transient):
        provider.send([MESSAGE])


# -- request(): httpx failures onto typed outcomes ------------------------------------------------------------------


def test_connection_refused_is_transient():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with ping(f"http://127.0.0.1:{port}") as provider, pytest.raises(Transient) as caught:
        provider.send([MESSAGE])
    assert "Ping" in caught.value.reason
    assert caught.value.__context__ is None  # the httpx error (which quotes the URL) is not even reachable


def test_no_answer_after_sending_is_outcome_unknown(sandbox):
    sandbox.state.faults.hang_next = 1
    sandbox.state.faults.hang_seconds = 1.0
    with ping(sandbox.url, timeout=0.3) as provider, pytest.raises(OutcomeUnknown):
        provider.send([MESSAGE])


def test_repr_names_the_account_not_the_secret():
    with ping(None) as provider:
        assert "s3cret" not in repr(provider)
        assert "'p'" in repr(provider)


# -- Retry-After ----------------------------------------------------------------------------------------------------


def _response(headers: dict[str, str], status: int = 429) -> httpx.Response:
    return httpx.Response(status, headers=headers)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "5"}, 5.0),
        ({"Retry-After": " 2.5 "}, 2.5),
        ({"Retry-After": "0"}, 0.0),
        ({"Retry-After": "-3"}, 0.0),
        ({}, 60.0),
        ({"Retry-After": ""}, 60.0),
        ({"X-RateLimit-Reset": "30"}, 30.0),
        ({"X-RateLimit-Reset": "later"}, 60.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date in the past: go now
    ],
)
def test_retry_after(headers, seconds):
    assert retry_after_seconds(_response(headers)) == seconds


def test_retry_after_as_an_http_date_in_the_future():
    when = email.utils.formatdate(time.time() + 120, usegmt=True)
    assert 100 <= retry_after_seconds(_response({"Retry-After": when})) <= 120


def test_rate_limit_reset_as_epoch_seconds():
    reset = str(int(time.time()) + 45)
    assert 30 <= retry_after_seconds(_response({"X-RateLimit-Reset": reset})) <= 45


def test_retry_after_prefers_retry_after_over_reset():
    assert retry_after_seconds(_response({"Retry-After": "7", "X-RateLimit-Reset": "30"})) == 7.0


def test_default_is_the_callers():
    assert retry_after_seconds(_response({}), default=12.0) == 12.0


def test_unreadable_retry_after_gives_the_default():
    assert retry_after_seconds(_response({"Retry-After": "soon"})) == 60.0


def test_status_error_on_429_carries_the_wait():
    error = status_error(_response({"Retry-After": "9"}), "Ping")
    assert isinstance(error, RateLimited) and error.retry_after == 9.0


# -- status_error ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, AccountError),
        (402, AccountError),
        (403, AccountError),
        (500, OutcomeUnknown),
        (502, OutcomeUnknown),
        (503, OutcomeUnknown),
        (504, OutcomeUnknown),
    ],
)
def test_status_error_kinds(status, kind):
    # A 5xx without the provider's own envelope may come after the provider took the request.
    assert isinstance(status_error(httpx.Response(status), "Ping"), kind)


def test_a_5xx_is_not_sent_only_when_the_provider_says_so():
    assert isinstance(status_error(httpx.Response(500), "Ping", envelope=True), Transient)
    unavailable = status_error(httpx.Response(503, headers={"Retry-After": "7"}), "Ping")
    assert isinstance(unavailable, Transient) and unavailable.retry_after == 7


def test_other_client_errors_reject_the_message():
    error = status_error(httpx.Response(400, text="missing field"), "Ping")
    assert isinstance(error, MessageRejected)
    assert "missing field" in error.reason and error.code == "400"


# -- redaction ------------------------------------------------------------------------------------------------------


def test_redact_every_common_encoding_of_the_secret():
    secret = "a b/c+d&e"
    text = f"raw {secret} | quoted a%20b%2Fc%2Bd%26e | plus a+b%2Fc%2Bd%26e | end"
    redacted = redact_secret(text, secret)
    assert "a b/c+d&e" not in redacted
    assert "a%20b%2Fc%2Bd%26e" not in redacted
    assert "a+b%2Fc%2Bd%26e" not in redacted
    assert redacted.startswith("raw ***") and redacted.endswith("| end")


def test_redact_without_a_secret_leaves_the_text():
    assert redact_secret("token=abc", None) == "token=abc"
    assert redact_secret("token=abc", "") == "token=abc"


def test_provider_redact_uses_its_own_secret():
    with ping(None) as provider:
        assert provider.redact("GET /?token=s3cret") == "GET /?token=***"


# -- reading bodies -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "parsed"),
    [
        (b'{"a": 1}', {"a": 1}),
        (b"[1, 2]", [1, 2]),
        (b"", None),
        (b"   \n", None),
        (b"<html><body>502</body></html>", None),
        (b'{"a": ', None),
        (b"\xff\xfe\x00", None),
    ],
)
def test_parse_json(content, parsed):
    assert parse_json(httpx.Response(200, content=content)) == parsed


def test_short_body():
    assert short_body(httpx.Response(502, text="<!DOCTYPE html><html>...</html>")) == (
        "an HTML page instead of an API answer"
    )
    assert short_body(httpx.Response(500, content=b"")) == "an empty answer"
    assert short_body(httpx.Response(400, text="line one\n\n  line two")) == "line one line two"
    sample = short_body(httpx.Response(400, text="x" * 500))
    assert len(sample) == 121 and sample.endswith("…")


@pytest.mark.parametrize(
    ("value", "decimal_comma", "expected"),
    [
        (12, False, 12.0),
        ("1,000", False, 1000.0),
        ("12,5", True, 12.5),
        ("12.5", True, 12.5),
        ("1.234,5", True, 1234.5),
        ("9.843,40", False, 9843.4),  # both marks: the last one is the decimal mark, whatever the API's habit
        ("1,234.5", True, 1234.5),
        (" 98 ", False, 98.0),
        (True, False, None),
        ("nan", False, None),
        (float("inf"), False, None),
        ("lots", False, None),
        (None, False, None),
    ],
)
def test_numbers_from_api_fields(value, decimal_comma, expected):
    from smsdesk.providers.base import as_number

    assert as_number(value, decimal_comma=decimal_comma) == expected


def test_positive_int_falls_back_on_junk_and_non_positive():
    from smsdesk.providers.base import positive_int

    assert [positive_int(v, 100) for v in ("250", 0, -3, "x", None, 7.9)] == [250, 100, 100, 100, 100, 7]
