import datetime
import zoneinfo

import time_machine

from deventer_werk.dates import add_months, lokale_datum, maanden_tussen, today

D = datetime.date
UTC = datetime.UTC


def test_add_months_clips_to_the_end_of_a_shorter_month_and_goes_back():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 10), -12) == D(2025, 1, 10)


def test_maanden_tussen_counts_a_month_once_its_day_is_reached():
    assert maanden_tussen(D(2026, 1, 15), D(2026, 3, 14)) == 1
    assert maanden_tussen(D(2026, 1, 15), D(2026, 3, 15)) == 2
    assert maanden_tussen(D(2025, 12, 1), D(2026, 12, 1)) == 12


def test_local_date_of_an_aware_datetime_is_the_dutch_date_not_the_utc_date():
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in NL
    assert moment.date() == D(2026, 12, 31)
    assert lokale_datum(moment) == D(2027, 1, 1)
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    assert lokale_datum(datetime.datetime(2026, 6, 1, 1, 0, tzinfo=amsterdam)) == D(2026, 6, 1)


def test_today_is_the_dutch_date():
    with time_machine.travel(datetime.datetime(2026, 6, 30, 22, 30, tzinfo=UTC), tick=False):
        assert today() == D(2026, 7, 1)
