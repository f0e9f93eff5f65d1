import pytest


@pytest.fixture(autouse=True)
def _frozen(frozen_clock):
    """Every trajecten test runs on the shared frozen clock (``tests.fixtures.klok.NU``)."""
    return frozen_clock
