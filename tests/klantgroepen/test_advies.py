"""Issue 27: the klantgroep advice from the configured rules of the policy (§3.1, §3.3)."""

import pytest

from klantgroepen.advies import Kenmerken, adviesregels, klantgroep_advies
from klantgroepen.models import AdviesRegel, Klantgroep

pytestmark = pytest.mark.django_db


def _advies(**kenmerken):
    return klantgroep_advies(Kenmerken(**kenmerken))


def test_every_seeded_rule_names_its_place_in_the_policy():
    regels = adviesregels()
    assert len(regels) == 6
    assert all(r.beleid.startswith("Inzet op maat §3.") for r in regels)
    assert {r.klantgroep.code for r in regels} == {"matchen", "groeien", "faciliteren", "zorgen"}


def test_the_doelgroepenregister_example_of_the_policy_is_advised_groeien():
    """§3.3: "In principe vallen alle jongeren die behoren tot het doelgroepenregister in de
    groep Groeien" — whatever else is known, also before the gesprek has a perspectief."""
    advies = _advies(leeftijd=20, doelgroepenregister=True, maanden_uitkering=2)
    assert advies.klantgroep.code == "groeien"
    assert advies.redenen[0] == "in het doelgroepenregister"
    assert "doelgroepenregister in de groep Groeien" in advies.redenen[-1]
    assert _advies(doelgroepenregister=True, perspectief="direct").klantgroep.code == "groeien"


@pytest.mark.parametrize(
    ("kenmerken", "groep"),
    [
        # < 6 months and direct plaatsbaar: Matchen
        ({"maanden_uitkering": 3, "perspectief": "direct"}, "matchen"),
        # direct plaatsbaar but 6 months or more: no longer Matchen
        ({"maanden_uitkering": 6, "perspectief": "direct"}, "groeien"),
        # a Groeien kenmerk outweighs a short benefit
        (
            {
                "maanden_uitkering": 2,
                "perspectief": "direct",
                "groeien_kenmerken": frozenset({"vanuit_ww"}),
            },
            "groeien",
        ),
        ({"maanden_uitkering": 40, "perspectief": "werk_3_jaar"}, "groeien"),
        ({"maanden_uitkering": 40, "perspectief": "samenleving"}, "faciliteren"),
        ({"maanden_uitkering": 90, "perspectief": "geen"}, "zorgen"),
    ],
)
def test_the_first_rule_that_holds_advises(kenmerken, groep):
    assert _advies(**kenmerken).klantgroep.code == groep


def test_without_what_the_rules_need_there_is_no_advice():
    advies = _advies(leeftijd=45, maanden_uitkering=3)
    assert advies.klantgroep is None and advies.regel is None and advies.redenen == []
    # an unknown benefit duration never satisfies a duration condition
    assert _advies(perspectief="direct").klantgroep.code == "groeien"


def test_the_beheerder_changes_the_rules_and_the_advice_follows():
    matchen = AdviesRegel.objects.get(klantgroep__code="matchen")
    matchen.uitkering_maanden_tot = 12
    matchen.save()
    assert _advies(maanden_uitkering=9, perspectief="direct").klantgroep.code == "matchen"
    AdviesRegel.objects.filter(volgorde=10).update(actief=False)
    advies = _advies(doelgroepenregister=True, maanden_uitkering=2, perspectief="direct")
    assert advies.klantgroep.code == "matchen"
    assert "9 maanden uitkering" not in advies.redenen and "2 maanden uitkering" in advies.redenen


def test_an_age_rule_reads_the_age():
    AdviesRegel.objects.create(
        volgorde=5,
        klantgroep=Klantgroep.objects.get(code="groeien"),
        omschrijving="Jongere",
        beleid="proef",
        leeftijd_tot=27,
    )
    assert _advies(leeftijd=26).klantgroep.code == "groeien"
    assert _advies(leeftijd=27).klantgroep is None
    assert _advies().klantgroep is None


def test_a_duration_range_that_cannot_hold_is_refused():
    from django.core.exceptions import ValidationError

    regel = AdviesRegel(
        volgorde=1,
        klantgroep=Klantgroep.objects.get(code="groeien"),
        omschrijving="x",
        beleid="y",
        uitkering_maanden_tot=6,
        uitkering_maanden_vanaf=6,
    )
    with pytest.raises(ValidationError) as fout:
        regel.full_clean()
    assert "uitkering_maanden_vanaf" in fout.value.message_dict
