"""`smsdesk accounts`: provider accounts, with their secrets in the OS keyring and never anywhere else.

Contract (exact; keys and flags may be added, never renamed or dropped):
  accounts add NAME --provider {cpsms,txty,customersms,ugsms,ip1,sandbox} [--username U] [--sender S] [--base-url URL]
      The secret is read from stdin when stdin is not a terminal, else prompted for without echo.
  accounts list --json       -> [{"name","provider","username","sender","base_url"}]
  accounts remove NAME       (removes the keyring entry too)
  accounts balance NAME --json -> {"balance": float|null, "currency": str|null}
Added: add/edit take --option KEY=VALUE (repeatable), --price-per-segment, --max-per-minute, --default;
`accounts edit NAME ...` changes an account (--new-secret asks for a new key); `accounts default NAME`;
`accounts keyring [--json]` says which password store is in use. list --json adds "default", "options",
"price_per_segment", "max_per_minute"; balance --json adds "account", "provider".
Exit codes: 0 done; 2 bad input, unknown account, no key saved, keyring or database unusable (one line on stderr);
3 the provider refused or could not be asked (balance).
A secret is never printed, logged or written to a file.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from dataclasses import replace
from typing import Any

from smsdesk.cli import EXIT_OK, EXIT_PROVIDER_STOPPED, UsageError
from smsdesk.core.account import Account
from smsdesk.providers import PROVIDER_NAMES, create_provider, provider_class
from smsdesk.providers.base import ProviderError, checked_base_url
from smsdesk.store.db import Database, StoreError
from smsdesk.store.secrets import (
    SecretStoreError,
    backend_info,
    delete_secret,
    entered_secret,
    forget_account_secret,
    needs_secret,
    save_secret,
    secret_for,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "accounts",
        help="add, list, change and remove provider accounts (keys live in the OS keyring)",
        description="Provider accounts. Each account's key is kept in the operating system's keyring, never in "
        "a file.",
    )
    commands = parser.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)

    add = commands.add_parser(
        "add",
        help="add an account; its key is read from stdin or asked for",
        description="Add a provider account. The key (API key, token or password) is read from stdin when stdin "
        "is not a terminal, else asked for without echo. It goes to the OS keyring only.",
    )
    add.add_argument("name", metavar="NAME", help="a name of your choice, e.g. 'Butik DK'")
    add.add_argument("--provider", required=True, choices=PROVIDER_NAMES)
    _account_fields(add)
    add.add_argument("--default", action="store_true", help="make it the default account")
    add.set_defaults(handler=handle_add)

    edit = commands.add_parser("edit", help="change an account's settings or key")
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--provider", choices=PROVIDER_NAMES)
    _account_fields(edit)
    edit.add_argument("--remove-option", metavar="KEY", action="append", default=[], help="drop an option")
    edit.add_argument("--new-secret", action="store_true", help="replace the key (read like `add` does)")
    edit.add_argument("--default", action="store_true", help="make it the default account")
    edit.set_defaults(handler=handle_edit)

    listing = commands.add_parser("list", help="list the accounts (never their keys)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=handle_list)

    remove = commands.add_parser("remove", help="remove an account and its key in the keyring")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=handle_remove)

    balance = commands.add_parser("balance", help="ask the provider for the account's balance")
    balance.add_argument("name", metavar="NAME")
    balance.add_argument("--json", action="store_true", help="print JSON")
    balance.set_defaults(handler=handle_balance)

    default = commands.add_parser("default", help="make an account the default")
    default.add_argument("name", metavar="NAME")
    default.set_defaults(handler=handle_default)

    store = commands.add_parser(
        "keyring", help="show which password store keeps the keys, and whether it is safe"
    )
    store.add_argument("--json", action="store_true", help="print JSON")
    store.set_defaults(handler=handle_keyring)


def _account_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--username", metavar="U", help="the provider's username (CPSMS, Txty, UGSMS v1)")
    parser.add_argument("--sender", metavar="S", help="sender name or number shown on the phone")
    parser.add_argument(
        "--base-url", metavar="URL", help="the API's address, if not the provider's documented one (https)"
    )
    parser.add_argument(
        "--option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="a provider option, e.g. api_version=v1 (repeatable)",
    )
    parser.add_argument(
        "--price-per-segment", metavar="PRICE", type=float, help="your price per SMS part, for cost estimates"
    )
    parser.add_argument("--max-per-minute", metavar="N", type=int, help="your own cap on messages per minute")


# -- shared ---------------------------------------------------------------------------------------------------------


def _open_db() -> Database:
    try:
        return Database()
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def _get(db: Database, name: str) -> Account:
    account = db.get_account(name)
    if account is None:
        names = ", ".join(a.name for a in db.list_accounts()) or "none yet"
        raise UsageError(f"no account named {name!r} (accounts: {names})")
    return account


def _parse_options(pairs: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--option {pair!r}: write it as KEY=VALUE, e.g. api_version=v1")
        options[key.strip()] = value.strip()
    return options


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def _checked(account: Account, secret: str | None) -> Account:
    """The account with a checked base URL, or UsageError with the provider's own words."""
    if not account.name.strip():
        raise UsageError("the account name is empty")
    if account.name != account.name.strip():
        raise UsageError(f"account name {account.name!r} starts or ends with a space")
    if account.base_url:
        try:
            account = replace(account, base_url=checked_base_url(account.base_url))
        except ValueError as exc:
            raise UsageError(f"--base-url: {exc}") from None
    if account.price_per_segment is not None and not account.price_per_segment >= 0:
        raise UsageError("--price-per-segment must be 0 or more")
    if account.max_per_minute is not None and account.max_per_minute < 1:
        raise UsageError("--max-per-minute must be 1 or more")
    problems = _validate(account, secret)
    if problems:
        raise UsageError(" ".join(problems))
    return account


def _validate(account: Account, secret: str | None) -> list[str]:
    return list(provider_class(account.provider).validate_account(account, secret))


def _secret_label(provider: str) -> str:
    return provider_class(provider).secret_label


def _read_secret(account: Account) -> str:
    """The key from stdin (not a terminal: piped or redirected) or a no-echo prompt. Never echoed or logged."""
    label = _secret_label(account.provider)
    if sys.stdin is None:
        raise UsageError(f"no {label} given: pipe it on stdin")
    if sys.stdin.isatty():
        try:
            secret = getpass.getpass(f"{label} for {account.name} (not shown): ")
        except EOFError:
            secret = ""
    else:
        secret = sys.stdin.read()
    secret = entered_secret(secret)
    if not secret:
        raise UsageError(
            f"no {label} given for account {account.name!r} (pipe it on stdin or type it when asked)"
        )
    if "\n" in secret:
        raise UsageError(f"the {label} for account {account.name!r} spans several lines; give just the key")
    return secret


def _require_secure_store() -> None:
    info = backend_info()
    if not info.secure:
        raise UsageError(
            f"no secure password store to keep the key in (keyring offers {info.name!r}). {info.advice}"
        )


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def _run(action) -> int:
    """Environment problems of the store or the keyring: one line, exit 2 (never a traceback)."""
    try:
        return action()
    except (StoreError, SecretStoreError) as exc:
        raise UsageError(str(exc)) from None


# -- handlers -------------------------------------------------------------------------------------------------------


def handle_add(args: argparse.Namespace) -> int:
    return _run(lambda: _add(args))


def _add(args: argparse.Namespace) -> int:
    account = Account(
        name=args.name,
        provider=args.provider,
        username=_blank_to_none(args.username),
        sender=_blank_to_none(args.sender),
        base_url=_blank_to_none(args.base_url),
        options=_parse_options(args.option),
        price_per_segment=args.price_per_segment,
        max_per_minute=args.max_per_minute,
    )
    _checked(account, None)  # settings first, so nobody types a key for an account that cannot be saved
    db = _open_db()
    try:
        if db.get_account(account.name) is not None:
            raise UsageError(
                f"an account named {account.name!r} exists already; change it with `accounts edit`"
            )
        secret = None
        if needs_secret(account):
            _require_secure_store()
            secret = _read_secret(account)
        account = _checked(account, secret)
        if secret is not None:
            save_secret(account.name, secret)
        try:
            db.save_account(account)
            if args.default:
                db.set_setting("default_account", account.name)
        except BaseException:
            if secret is not None:
                # No key left behind for an account that does not exist; the first error is the one to show.
                with contextlib.suppress(SecretStoreError):
                    delete_secret(account.name)
            raise
    finally:
        db.close()
    where = f" (key saved in {backend_info().name})" if secret is not None else ""
    print(f"Added account {account.name!r} ({account.provider}){where}.", file=sys.stderr)
    return EXIT_OK


def handle_edit(args: argparse.Namespace) -> int:
    return _run(lambda: _edit(args))


def _edit(args: argparse.Namespace) -> int:
    db = _open_db()
    try:
        old = _get(db, args.name)
        options = dict(old.options or {})
        for key in args.remove_option:
            options.pop(key, None)
        options.update(_parse_options(args.option))
        changes: dict[str, Any] = {"options": options}
        if args.provider is not None:
            changes["provider"] = args.provider
        for field_name in ("username", "sender", "base_url"):
            value = getattr(args, field_name)
            if value is not None:
                changes[field_name] = _blank_to_none(value)  # "" clears it
        if args.price_per_segment is not None:
            changes["price_per_segment"] = args.price_per_segment
        if args.max_per_minute is not None:
            changes["max_per_minute"] = args.max_per_minute
        account = _checked(replace(old, **changes), None)
        secret = None
        if args.new_secret and needs_secret(account):
            _require_secure_store()
            secret = _read_secret(account)
            account = _checked(account, secret)
        if secret is not None:
            save_secret(account.name, secret)
        db.save_account(account)
        if args.default:
            db.set_setting("default_account", account.name)
    finally:
        db.close()
    print(f"Changed account {account.name!r}.", file=sys.stderr)
    return EXIT_OK


def handle_list(args: argparse.Namespace) -> int:
    return _run(lambda: _list(args))


def _list(args: argparse.Namespace) -> int:
    db = _open_db()
    try:
        accounts = db.list_accounts()
        default = db.default_account
    finally:
        db.close()
    if args.json:
        _print_json(
            [
                {
                    "name": a.name,
                    "provider": a.provider,
                    "username": a.username,
                    "sender": a.sender,
                    "base_url": a.base_url,
                    "default": a.name == default,
                    "options": dict(a.options or {}),
                    "price_per_segment": a.price_per_segment,
                    "max_per_minute": a.max_per_minute,
                }
                for a in accounts
            ]
        )
        return EXIT_OK
    if not accounts:
        print("No accounts. Add one with: smsdesk accounts add NAME --provider PROVIDER")
        return EXIT_OK
    rows = [("", "NAME", "PROVIDER", "USERNAME", "SENDER", "BASE URL")] + [
        (
            "*" if a.name == default else "",
            a.name,
            a.provider,
            a.username or "",
            a.sender or "",
            a.base_url or "",
        )
        for a in accounts
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def handle_remove(args: argparse.Namespace) -> int:
    return _run(lambda: _remove(args))


def _remove(args: argparse.Namespace) -> int:
    db = _open_db()
    try:
        account = _get(db, args.name)
        was_default = db.default_account == account.name
        forget_account_secret(account)  # first: if the keyring refuses, the account stays and can be retried
        db.remove_account(account.name)
        default = db.default_account
    finally:
        db.close()
    key = " and its key" if needs_secret(account) else ""
    note = ""
    if was_default:
        note = f" The default account is now {default!r}." if default else " There is no default account now."
    print(f"Removed account {account.name!r}{key}.{note}", file=sys.stderr)
    return EXIT_OK


def handle_default(args: argparse.Namespace) -> int:
    return _run(lambda: _default(args))


def _default(args: argparse.Namespace) -> int:
    db = _open_db()
    try:
        account = _get(db, args.name)
        db.set_setting("default_account", account.name)
    finally:
        db.close()
    print(f"The default account is now {account.name!r}.", file=sys.stderr)
    return EXIT_OK


def handle_balance(args: argparse.Namespace) -> int:
    return _run(lambda: _balance(args))


def _balance(args: argparse.Namespace) -> int:
    db = _open_db()
    try:
        account = _get(db, args.name)
    finally:
        db.close()
    secret = secret_for(account)
    try:
        with create_provider(account, secret) as provider:
            balance = provider.balance()
    except ProviderError as exc:
        print(f"smsdesk accounts: {account.name}: {exc.reason}", file=sys.stderr)
        return EXIT_PROVIDER_STOPPED
    except ValueError as exc:  # a stored base URL that is no longer accepted
        raise UsageError(f"account {account.name!r}: {exc}") from None
    amount = balance.amount if balance is not None else None
    currency = balance.currency if balance is not None else None
    if args.json:
        _print_json(
            {
                "balance": float(amount) if amount is not None else None,
                "currency": currency,
                "account": account.name,
                "provider": account.provider,
            }
        )
    elif amount is None:
        print(f"{account.name}: the provider does not tell the balance")
    else:
        print(f"{account.name}: {amount:g} {currency or ''}".rstrip())
    return EXIT_OK


def handle_keyring(args: argparse.Namespace) -> int:
    info = backend_info()
    if args.json:
        _print_json({"backend": info.name, "secure": info.secure, "advice": info.advice})
    elif info.secure:
        print(f"Keys are kept in {info.name} (a secure OS store).")
    else:
        print(f"No secure store: keyring offers {info.name!r}. {info.advice}")
    return EXIT_OK
