"""A provider account as the user set it up: plain data that the store keeps and the providers read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Account:
    """A provider account as stored in the database. Never holds the secret (that lives in the keyring)."""

    name: str
    provider: str
    username: str | None = None
    sender: str | None = None
    base_url: str | None = None  # None: the provider's documented URL
    options: Mapping[str, Any] = field(default_factory=dict)  # provider-specific, e.g. {"api_version": "v1"}
    price_per_segment: float | None = None  # the user's own figure, for cost estimates
    max_per_minute: int | None = None  # the user's own cap, on top of the provider's documented limit
