from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from smsdesk.core.schedule import (
    NO_QUIET_HOURS,
    QuietHours,
    ScheduleError,
    check_when,
    format_moment,
    next_send_moment,
    parse_quiet_hours,
    parse_when,
    recipient_zone,
    stale_reasons,
)

CPH = ZoneInfo("Europe/Copenhagen")
KAMPALA = ZoneInfo("Africa/Kampala")


def cph(*args: int) -> datetime:
    return datetime(*args, tzinfo=CPH)


# -- WHEN ---------------------------------------------------------------------------------------------------------


def test_local_when_is_read_in_the_users_zone():
    assert parse_when("2026-12-04 09:00", zone=CPH) == cph(2026, 12, 4, 9, 0)
    assert parse_when("2026-07-04 09:00", zone=CPH).utcoffset() == timedelta(hours=2)  # summer time


def test_iso_when_keeps_its_offset():
    moment = parse_when("2026-12-04T09:00+03:00", zone=CPH)
    assert moment == datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
    assert parse_when("2026-12-04T08:00Z") == datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01 09:00", "2026-12-04T09:00", "", "04-12-2026 09:00"])
def test_unusable_when_is_one_clear_error(text):
    with pytest.raises(ScheduleError, match="expected|offset"):
        parse_when(text, zone=CPH)


def test_when_in_the_past_or_too_far_ahead_is_refused():
    now = cph(2026, 12, 3, 18, 0)
    check_when(cph(2026, 12, 4, 9, 0), now=now)
    with pytest.raises(ScheduleError, match="in the past"):
        check_when(cph(2026, 12, 3, 17, 59), now=now)
    with pytest.raises(ScheduleError, match="more than 1 day ahead"):
        check_when(cph(2026, 12, 5, 9, 0), now=now, max_ahead=timedelta(days=1))
    with pytest.raises(ScheduleError, match="more than 90 days"):
        check_when(now + timedelta(days=91), now=now)


def test_format_moment_is_iso_with_offset():
    assert format_moment(cph(2026, 12, 4, 9, 0, 30)) == "2026-12-04T09:00+01:00"


# -- zones and quiet hours ------------------------------------------------------------------------------------------


def test_recipient_zone_from_the_number_then_its_country_then_the_user():
    assert recipient_zone("+256772123456") == KAMPALA
    assert recipient_zone("+4520123456") == CPH
    assert recipient_zone("+4512345678") == CPH  # not a real DK range, but DK has one zone
    assert recipient_zone("+61412345678").key.startswith("Australia/")  # several zones: the first
    assert recipient_zone("not a number", fallback=KAMPALA) is KAMPALA


def test_quiet_hours_span_midnight():
    quiet = QuietHours()
    assert quiet.contains(time(20, 0)) and quiet.contains(time(23, 59)) and quiet.contains(time(7, 59))
    assert not quiet.contains(time(8, 0)) and not quiet.contains(time(19, 59))
    assert not NO_QUIET_HOURS.contains(time(23, 0))


def test_next_allowed_is_the_end_of_the_window_in_the_recipients_zone():
    quiet = QuietHours()
    evening = cph(2026, 12, 3, 21, 30)
    assert quiet.next_allowed(evening, CPH) == cph(2026, 12, 4, 8, 0)
    assert quiet.next_allowed(cph(2026, 12, 4, 6, 0), CPH) == cph(2026, 12, 4, 8, 0)
    assert quiet.next_allowed(cph(2026, 12, 4, 12, 0), CPH) == cph(2026, 12, 4, 12, 0)
    # 19:30 in Copenhagen is 21:30 in Kampala: held until 08:00 there, 06:00 in Copenhagen.
    held = quiet.next_allowed(cph(2026, 12, 3, 19, 30), KAMPALA)
    assert held == datetime(2026, 12, 4, 8, 0, tzinfo=KAMPALA) == cph(2026, 12, 4, 6, 0)


def test_next_start_of_the_window():
    quiet = QuietHours()
    assert quiet.next_start(cph(2026, 12, 3, 19, 0), CPH) == cph(2026, 12, 3, 20, 0)
    assert quiet.next_start(cph(2026, 12, 3, 21, 0), CPH) == cph(2026, 12, 4, 20, 0)
    assert NO_QUIET_HOURS.next_start(cph(2026, 12, 3, 19, 0), CPH) is None


def test_next_send_moment_waits_for_the_schedule_then_for_quiet_hours():
    quiet = QuietHours()
    now = cph(2026, 12, 3, 10, 0)
    assert next_send_moment(now=now, scheduled_at=None, quiet=quiet, zone=CPH) == now
    assert next_send_moment(now=now, scheduled_at=cph(2026, 12, 3, 12, 0), quiet=quiet, zone=CPH) == cph(
        2026, 12, 3, 12, 0
    )
    late = cph(2026, 12, 3, 22, 0)
    assert next_send_moment(now=now, scheduled_at=late, quiet=quiet, zone=CPH) == cph(2026, 12, 4, 8, 0)
    assert next_send_moment(now=now, scheduled_at=late, quiet=NO_QUIET_HOURS, zone=CPH) == late


def test_parse_quiet_hours():
    assert parse_quiet_hours("21:00-07:30") == QuietHours(start=time(21, 0), end=time(7, 30))
    assert parse_quiet_hours("off") == NO_QUIET_HOURS
    with pytest.raises(ScheduleError, match="HH:MM-HH:MM"):
        parse_quiet_hours("evenings")
    with pytest.raises(ScheduleError, match="not a time"):
        parse_quiet_hours("25:00-08:00")


# -- stale content ---------------------------------------------------------------------------------------------------


def test_resuming_more_than_12_hours_after_the_start_is_stale():
    started = cph(2026, 12, 3, 19, 0)
    text = "Hej, vi har nye varer"
    assert (
        stale_reasons(
            text, now=started + timedelta(hours=12), meant_for=started, started_at=started, zone=CPH
        )
        == []
    )
    reasons = stale_reasons(
        text, now=started + timedelta(hours=13), meant_for=started, started_at=started, zone=CPH
    )
    assert reasons == ["it started sending 13 hours ago"]


def test_today_and_tomorrow_only_fit_the_day_the_text_was_meant_for():
    meant = cph(2026, 12, 4, 9, 0)  # a Friday
    for text in ("Kun i dag: 20% på alt", "Today only", "Vi ses i morgen", "Idag har vi öppet"):
        assert stale_reasons(text, now=cph(2026, 12, 4, 15, 0), meant_for=meant, zone=CPH) == []
        assert stale_reasons(text, now=cph(2026, 12, 5, 8, 0), meant_for=meant, zone=CPH) != []
    # "dag" inside another word is no mention of "i dag"
    assert stale_reasons("Fødselsdag hos os", now=cph(2026, 12, 9, 8, 0), meant_for=meant, zone=CPH) == []


def test_a_weekday_is_stale_once_it_has_passed():
    thursday = cph(2026, 12, 3, 21, 0)
    text = "Fredagstilbud! Kom på fredag"
    assert stale_reasons(text, now=cph(2026, 12, 4, 8, 0), meant_for=thursday, zone=CPH) == []
    assert stale_reasons(text, now=cph(2026, 12, 5, 8, 0), meant_for=thursday, zone=CPH) == [
        'the text says "fredag", which has passed'
    ]
    assert stale_reasons("Open on Sunday", now=cph(2026, 12, 6, 8, 0), meant_for=thursday, zone=CPH) == []
