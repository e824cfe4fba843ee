"""Provider registry: name -> adapter class, imported lazily so the app starts fast."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from smsdesk.core.account import Account
    from smsdesk.providers.base import Provider

# name -> "module:Class"
PROVIDERS: dict[str, str] = {
    "sandbox": "smsdesk.providers.sandbox:SandboxProvider",
    "cpsms": "smsdesk.providers.cpsms:CpsmsProvider",
    "txty": "smsdesk.providers.txty:TxtyProvider",
    "customersms": "smsdesk.providers.customersms:CustomerSmsProvider",
    "ugsms": "smsdesk.providers.ugsms:UgsmsProvider",
    "ip1": "smsdesk.providers.ip1:Ip1Provider",
}

PROVIDER_NAMES = tuple(PROVIDERS)


def provider_class(name: str) -> type[Provider]:
    try:
        target = PROVIDERS[name]
    except KeyError:
        raise ValueError(f"Unknown provider {name!r}; choose one of {', '.join(PROVIDERS)}") from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def split_message_id(provider: str, stored: str | None) -> tuple[str | None, str | None]:
    """(the provider's message id, its batch id) of an id as the journal keeps it, for result lines and exports
    (iP.1 keeps "batchId/messageId"; every other provider has no batch: the id as it is)."""
    try:
        return provider_class(provider).split_message_id(stored)
    except ValueError:
        return stored, None


def create_provider(account: Account, secret: str, *, client: httpx.Client | None = None) -> Provider:
    return provider_class(account.provider)(account, secret, client=client)
