import pytest

from clients.validators import bsn_is_valid, normalize_bsn
from tests.factories import make_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert bsn_is_valid(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000", "12345678", "abcdefghi"])
def test_invalid_bsns_fail(bsn):
    assert not bsn_is_valid(bsn)


def test_normalize_strips_dots_and_pads_eight_digits():
    assert normalize_bsn("1112.22.333") == "111222333"
    assert normalize_bsn("11222333") == "011222333"


def test_generated_bsns_are_valid():
    assert all(bsn_is_valid(make_bsn()) for _ in range(200))
