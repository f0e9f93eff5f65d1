import datetime

import pytest
import time_machine

VANDAAG = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield
