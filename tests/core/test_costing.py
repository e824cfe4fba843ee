"""From plan and template to messages and totals."""

from __future__ import annotations

import pytest

from smsdesk.core import costing
from smsdesk.core.costing import EMPTY_MESSAGE, PlannedMessage, estimate_seconds, render_messages, totals
from smsdesk.core.encoding import GSM7, UCS2
from smsdesk.core.plan import DUPLICATE, INVALID, OPTED_OUT, build_plan
from smsdesk.core.template import TemplateError

HEADER = ["Navn", "Mobil", "By"]
ROWS = [
    ["Anna", "20 12 34 51", "Århus"],
    ["Bo", "12", "Odense"],
    ["Cecilie", "+45 20123451", "Vejle"],  # Anna's number again
    ["Dorte", "20123453", "Køge"],
    ["", "20123454", ""],
    ["Erik 😀", "20123455", "Ry"],
]


def plan(opt_outs=frozenset()):
    return build_plan(HEADER, ROWS, [2, 3, 4, 5, 6, 7], phone_column="Mobil", country="DK", opt_outs=opt_outs)


def test_every_row_comes_back_in_file_order_with_a_message_or_a_reason():
    messages = render_messages(plan(opt_outs={"+4520123453"}), "Hej {Navn} i {By}")
    assert [m.row for m in messages] == [2, 3, 4, 5, 6, 7]
    by_row = {m.row: m for m in messages}
    assert by_row[2].sendable and by_row[2].text == "Hej Anna i Århus" and by_row[2].phone == "+4520123451"
    assert by_row[2].fields["Navn"] == "Anna"
    assert (by_row[3].sendable, by_row[3].skip_kind, by_row[3].phone) == (False, INVALID, "12")
    assert by_row[4].skip_kind == DUPLICATE and "row 2" in by_row[4].skip_reason
    assert by_row[5].skip_kind == OPTED_OUT
    assert by_row[6].text == "Hej  i " and by_row[6].sendable
    assert by_row[7].encoding == UCS2 and by_row[2].encoding == GSM7  # æøå are GSM-7, the emoji is not
    assert all(m.segments == 0 and m.text == "" for m in messages if not m.sendable)


def test_a_message_that_renders_empty_is_skipped_with_a_reason():
    messages = render_messages(plan(), "{Navn}")
    empty = [m for m in messages if m.skip_kind == EMPTY_MESSAGE]
    assert [m.row for m in empty] == [6]
    assert "empty" in empty[0].skip_reason


def test_placeholders_match_columns_ignoring_case():
    messages = render_messages(plan(), "Hej {navn}")
    assert messages[0].text == "Hej Anna"


def test_unknown_placeholder_is_refused_before_anything_is_made():
    with pytest.raises(TemplateError) as caught:
        render_messages(plan(), "Hej {Fornavn}")
    assert "Fornavn" in str(caught.value.problems[0].message)


def test_segments_follow_the_encoding():
    long_text = "x" * 161
    messages = render_messages(plan(), long_text)
    assert {m.segments for m in messages if m.sendable} == {2}


def test_totals_count_only_what_will_be_sent():
    messages = render_messages(plan(), "Hej {Navn} " + "y" * 150)
    result = totals(messages, price_per_segment=0.25)
    sendable = [m for m in messages if m.sendable]
    assert result.recipients == result.messages == len(sendable) == 4
    assert result.skipped == 2
    assert result.segments == sum(m.segments for m in sendable)
    assert result.unicode_messages == 1
    assert result.max_segments == max(m.segments for m in sendable)
    assert result.estimated_cost == pytest.approx(result.segments * 0.25)
    assert totals(messages).estimated_cost is None


def test_totals_of_nothing():
    assert totals([]) == costing.Totals(0, 0, 0, 0, 0, 0, None)
    assert totals([PlannedMessage(2, "x", skip_reason="bad")], 1.0).estimated_cost == 0.0


def test_duration_is_bounded_by_the_rate_limit_or_by_latency():
    assert estimate_seconds(0, requests_per_second=1.0) == 0.0
    assert estimate_seconds(120, requests_per_second=1.0, concurrency=4, latency=0.3) == pytest.approx(120.0)
    assert estimate_seconds(100, requests_per_second=None, concurrency=4, latency=0.2) == pytest.approx(5.0)
    assert estimate_seconds(100, requests_per_second=100.0, concurrency=1, latency=0.5) == pytest.approx(50.0)


def test_skipped_rows_can_keep_their_columns_for_the_export():
    fields = costing.fields_by_row(HEADER, ROWS, [2, 3, 4, 5, 6, 7])
    messages = render_messages(plan(), "Hej", excluded_fields=fields)
    invalid = next(m for m in messages if m.row == 3)
    assert invalid.fields == {"Navn": "Bo", "Mobil": "12", "By": "Odense"} and not invalid.sendable
    assert costing.fields_by_row(["a", "b"], [["1"]], [9]) == {9: {"a": "1", "b": ""}}


def test_recipients_with_an_empty_placeholder_are_skipped_or_get_the_fallback():
    from smsdesk.core.costing import EMPTY_FIELD, render_messages
    from smsdesk.core.plan import build_plan

    plan = build_plan(
        ["Navn", "Telefon"],
        [["Ida", "20123456"], ["", "20123457"]],
        [2, 3],
        phone_column="Telefon",
        country="DK",
    )
    skipped = render_messages(plan, "Hej {Navn}", skip_empty_fields=True)
    assert [m.skip_kind for m in skipped] == [None, EMPTY_FIELD]
    assert "{Navn}" in skipped[1].skip_reason
    filled = render_messages(plan, "Hej {Navn}", fallback="kunde")
    assert [m.text for m in filled] == ["Hej Ida", "Hej kunde"]
