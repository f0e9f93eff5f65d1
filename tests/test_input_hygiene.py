"""The input hygiene rules themselves (issue 32); the fuzz test runs them over every route."""

import datetime

import pytest
import time_machine
from django import forms as django_forms

from deventer_werk.forms import Form

pytestmark = pytest.mark.django_db


class _VoorbeeldForm(Form):
    naam = django_forms.CharField(required=False, max_length=200)
    notitie = django_forms.CharField(required=False, widget=django_forms.Textarea)
    aantal = django_forms.IntegerField(required=False)
    datum = django_forms.DateField(required=False)
    geboortedatum = django_forms.DateField(required=False)


def _fouten(**data):
    form = _VoorbeeldForm(data=data)
    form.is_valid()
    return {veld: " ".join(fouten) for veld, fouten in form.errors.items()}


@pytest.mark.parametrize(
    ("waarde", "woord"),
    [("Jan\u202eneJ", "U+202E"), ("Ja\u200bn", "U+200B"), ("\ufeffJan", "U+FEFF")],
)
def test_a_name_with_an_invisible_format_character_is_refused_naming_it(waarde, woord):
    fout = _fouten(naam=waarde)["naam"]
    assert "schrijfrichting" in fout and woord in fout


def test_control_characters_are_refused_but_multi_line_text_keeps_its_line_breaks():
    assert "stuurteken (U+0007)" in _fouten(naam="Jan\x07")["naam"]
    assert "stuurteken (U+000A)" in _fouten(naam="Jan\nJansen")["naam"]
    assert _fouten(notitie="Regel één\r\n\tRegel twee") == {}
    assert "U+001B" in _fouten(notitie="kleur\x1b[31m")["notitie"]


def test_free_text_without_its_own_limit_is_capped():
    assert "4000" in _fouten(notitie="x" * 4001)["notitie"]
    assert _fouten(notitie="x" * 4000) == {}


@pytest.mark.parametrize("waarde", ["²", "١٢٣", "１２"])
def test_numbers_take_ascii_digits_only(waarde):
    assert "0 tot en met 9" in _fouten(aantal=waarde)["aantal"]


def test_numbers_and_dates_in_ascii_digits_still_work():
    form = _VoorbeeldForm(data={"aantal": "12", "datum": "2026-11-24"})
    assert form.is_valid()
    assert form.cleaned_data["aantal"] == 12


@pytest.mark.parametrize("waarde", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_dates_outside_1900_2100_are_refused(waarde):
    assert _fouten(datum=waarde) == {"datum": "Vul een datum in tussen 1-1-1900 en 31-12-2100."}


def test_dates_in_other_digits_are_refused():
    assert "0 tot en met 9" in _fouten(datum="٢٠٢٦-١١-٢٤")["datum"]


@time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False)
def test_a_birth_date_lies_within_120_years_and_not_in_the_future():
    assert _fouten(geboortedatum="1906-11-24") == {}
    assert "120 jaar" in _fouten(geboortedatum="1906-11-23")["geboortedatum"]
    assert "toekomst" in _fouten(geboortedatum="2026-11-25")["geboortedatum"]


@pytest.mark.parametrize("bsn", ["²²²²²²²²²", "١٢٣٤٥٦٧٨٢"])
def test_a_bsn_in_other_digits_is_refused_not_crashed_on(bsn):
    from clients.forms import BsnZoekForm
    from clients.validators import bsn_is_valid

    assert not bsn_is_valid(bsn)
    form = BsnZoekForm(data={"bsn": bsn})
    assert not form.is_valid()
    assert form.errors["bsn"] == ["Een BSN bestaat uit precies 9 cijfers."]
