"""Hypothesis strategies for "whatever the gateway answers": JSON bodies shaped like a provider's own words."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


def json_answers(keys: Sequence[str], samples: Sequence[str]) -> st.SearchStrategy:
    """JSON values up to 20 leaves: objects keyed by the provider's field names, lists, and leaves that are any
    scalar or one of the provider's typical strings (numbers as it writes them, error texts)."""
    leaves = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=8)
        | st.sampled_from(list(samples))
    )
    names = st.sampled_from(list(keys))
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=5),
        max_leaves=20,
    )
