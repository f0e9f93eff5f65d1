import datetime

import pytest
import time_machine

# "Today" in every trajecten test: Tuesday 24 November 2026.
VANDAAG = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield
